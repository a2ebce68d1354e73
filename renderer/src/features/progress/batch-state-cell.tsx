/** A batch's state as a bar and a word (the percentage while it runs): the batch table's and the Cluster view's. */
import type { BatchState } from '@shared/contract/build-state';
import { batchFraction } from '@shared/build-progress';
import { ProgressBar } from '../../components/progress-bar';

export function BatchStateCell({ batch: b }: { batch: BatchState }) {
  const f = batchFraction(b);
  const pct = `${Math.round(f * 100)}%`;
  // Running with no fraction yet (pylance reported nothing): an indeterminate bar, not 0%.
  const word =
    b.state === 'running' && b.fraction !== null ? pct : (b.state === 'cancelled' || b.state === 'failed') && f > 0 ? `${b.state} at ${pct}` : b.state;
  return (
    <td className="state-col">
      <div className="batch-state">
        <ProgressBar fraction={b.state === 'running' && b.fraction === null ? null : f} tone={b.state} label={`batch ${b.batch}`} />
        <span className={`state-word state-${b.state}`}>{word}</span>
      </div>
    </td>
  );
}
