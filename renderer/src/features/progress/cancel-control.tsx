/** Cancel, and the question it asks once a build has run a while; the outcome once it has ended. */
import { useEffect, useRef } from 'react';
import type { BuildState } from '@shared/contract/build-state';
import { formatDuration } from '@shared/format';
import { cancelActiveBuild, useProgress } from './progress-store';
import { keepBuilding, requestCancel } from './cancel-request';
import { cancellable } from './overall';

export function CancelControl({ state, wallT0 }: { state: BuildState; wallT0: number }) {
  const asking = useProgress((s) => s.confirmingCancel === state.jobId);
  const cancelling = useProgress((s) => s.cancelling === state.jobId);
  const stop = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) stop.current?.focus(); // Enter confirms, Esc keeps building
  }, [asking]);
  if (state.status !== 'running') {
    return (
      <span className={`status-pill status-${state.status}`} data-testid="build-status">
        {state.status}
      </span>
    );
  }
  if (!cancellable(state)) {
    return (
      <span className="muted small" data-testid="committing" title="a commit can't be taken back">
        committing; too late to cancel
      </span>
    );
  }
  if (asking) {
    return (
      <div className="cancel-question" role="alertdialog" aria-label="Stop this build?" data-testid="cancel-question">
        <span>Stop this build? It has run {formatDuration(Date.now() - wallT0)}; nothing will be committed.</span>
        <button type="button" className="danger small" ref={stop} data-testid="confirm-cancel" onClick={() => void cancelActiveBuild()}>
          Stop build
        </button>
        <button type="button" className="small" onClick={keepBuilding}>
          Keep building <kbd>Esc</kbd>
        </button>
      </div>
    );
  }
  return (
    <button type="button" className="danger" data-testid="cancel-button" onClick={() => requestCancel()} disabled={cancelling}>
      {cancelling ? 'Cancelling…' : 'Cancel'} <kbd>Esc</kbd>
    </button>
  );
}
