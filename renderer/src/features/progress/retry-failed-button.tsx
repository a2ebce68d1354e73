/** On a failed build's card: run only its failed batches again, keeping what the others built. */
import { useState } from 'react';
import { retryFailedBatches } from './retry-failed-batches';

export function RetryFailedButton({ jobId, failed, kept }: { jobId: string; failed: number; kept: number }) {
  const [state, setState] = useState<{ sending: boolean; error: string | null }>({ sending: false, error: null });
  const retry = async () => {
    setState({ sending: true, error: null });
    try {
      await retryFailedBatches(jobId);
      setState({ sending: false, error: null });
    } catch (err) {
      setState({ sending: false, error: (err as Error).message });
    }
  };
  return (
    <div className="retry-failed">
      <button type="button" className="primary small" data-testid="retry-failed" disabled={state.sending} onClick={() => void retry()}>
        {state.sending ? 'Starting…' : `Retry the ${failed} failed batch${failed === 1 ? '' : 'es'}`}
      </button>
      <span className="muted small">
        {' '}
        The {kept} that succeeded keep{kept === 1 ? 's' : ''} {kept === 1 ? 'its segment' : 'their segments'}.
      </span>
      {state.error && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
