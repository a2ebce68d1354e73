/**
 * The same query with and without its index, side by side. Each ran once, one after the other,
 * so on small or cached data the difference can be noise; on large data it is what the index saves.
 */
import type { QueryResult } from '@shared/contract/api';
import { Duration } from '../../components/num';

export function QueryTimings({ result, used }: { result: QueryResult; used: readonly string[] }) {
  const without = result.withoutIndex;
  if (!without || !result.usedIndex) return null;
  return (
    <dl className="query-timings" data-testid="query-timings" aria-label="Time with and without the index">
      <div>
        <dt>with {used.length ? used.join(', ') : 'the index'}</dt>
        <dd data-testid="time-with-index">
          <Duration ms={result.elapsedMs} />
        </dd>
      </div>
      <div>
        <dt>without it</dt>
        <dd data-testid="time-without-index">
          {without.elapsedMs !== null ? <Duration ms={without.elapsedMs} /> : <span className="muted">{without.reason}</span>}
        </dd>
      </div>
    </dl>
  );
}
