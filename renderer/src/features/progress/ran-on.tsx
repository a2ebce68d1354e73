/** Where a build ran, when that was not this machine: the Ray dashboard and the job to look up there. */
import type { EngineRef } from '@shared/contract/build';

export function RanOn({ engine }: { engine: EngineRef | null | undefined }) {
  if (engine?.kind !== 'ray') return null;
  return (
    <span className="ran-on" data-testid="result-engine">
      ran on Ray <code>{engine.address}</code>
      {engine.submissionId ? (
        <>
          {' '}
          · job <code>{engine.submissionId}</code>
        </>
      ) : null}
    </span>
  );
}
