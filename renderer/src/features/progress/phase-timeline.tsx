/** validate → plan → build → commit → verify, each with its state and time; Cancel on the right. */
import { PHASES } from '@shared/contract/build';
import type { BuildState } from '@shared/contract/build-state';
import { Duration } from '../../components/num';
import { ProgressBar } from '../../components/progress-bar';
import { buildFraction, overallFraction } from './overall';

const MARK = { pending: '○', running: '●', done: '✓', failed: '✕' } as const;

export function PhaseTimeline({ state, onCancel, cancelling }: { state: BuildState; onCancel: () => void; cancelling: boolean }) {
  const running = state.status === 'running';
  const overall = overallFraction(state);
  return (
    <div className="run-strip" data-testid="phase-timeline" data-status={state.status}>
      <ol className="phases">
        {PHASES.map((p) => {
          const st = (state.phases[p] ?? 'pending') as keyof typeof MARK;
          return (
            <li key={p} className={`phase phase-${st}`} data-phase={p} data-state={st}>
              <span className="phase-mark" aria-hidden>{MARK[st]}</span>
              <span className="phase-name">{p}</span>
              {p === 'build' && st === 'running' ? (
                <span className="phase-time num">{Math.round(buildFraction(state.batches) * 100)}%</span>
              ) : state.phaseMs[p] !== undefined ? (
                <span className="phase-time"><Duration ms={state.phaseMs[p]} /></span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="overall">
        <ProgressBar
          fraction={overall}
          tone={state.status === 'succeeded' ? 'done' : state.status === 'failed' ? 'failed' : state.status === 'cancelled' ? 'cancelled' : 'running'}
          label="overall progress"
        />
        <span className="num overall-pct">{Math.round(overall * 100)}%</span>
      </div>
      {running ? (
        <button type="button" className="danger" data-testid="cancel-button" onClick={onCancel} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel'} <kbd>Esc</kbd>
        </button>
      ) : (
        <span className={`status-pill status-${state.status}`} data-testid="build-status">{state.status}</span>
      )}
    </div>
  );
}
