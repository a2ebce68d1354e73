/**
 * After a commit, the fragments the index doesn't cover, told apart: those left out of this build
 * on purpose (a subset) and those added since the version it read (by another writer).
 */
import type { Verification } from '@shared/contract/build';
import { indexMissing } from '../build/build-store';

const MAX_IDS = 8;
const ids = (list: number[]) => `${list.slice(0, MAX_IDS).join(', ')}${list.length > MAX_IDS ? ', …' : ''}`;
const fragments = (n: number) => `${n} fragment${n === 1 ? '' : 's'}`;

export function UnindexedNote({ v, indexName }: { v: Verification | undefined; indexName: string | undefined }) {
  const all = v?.unindexedFragments ?? [];
  if (all.length === 0) return null;
  const leftOut = new Set(v?.leftOutFragments ?? []);
  const left = all.filter((id) => leftOut.has(id));
  const added = all.filter((id) => !leftOut.has(id));
  return (
    <div className="muted unindexed" data-testid="unindexed-note">
      {left.length > 0 && (
        <p data-testid="left-out-note">
          {fragments(left.length)} left out of this build, so not indexed ({ids(left)}).
        </p>
      )}
      {added.length > 0 && (
        <p data-testid="newer-note">
          {fragments(added.length)} added since the version this build read {added.length === 1 ? 'is' : 'are'} not indexed ({ids(added)}).
        </p>
      )}
      {indexName && (
        <button type="button" className="link" onClick={() => indexMissing(indexName)}>
          Index the {fragments(all.length)} it lacks
        </button>
      )}
    </div>
  );
}
