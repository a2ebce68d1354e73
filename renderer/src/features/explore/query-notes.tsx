/**
 * What a query's answer doesn't say by itself: that only the first rows are shown (the limit),
 * and that an index it used covers only part of the dataset (the rest was scanned without it).
 */
import type { DatasetDescription } from '@shared/contract/dataset';
import './query-notes.css';

/** Pure, for tests: the notes for `shown` rows under `limit`, answered with the indices `used`. */
export function queryNotes(shown: number, limit: number, used: readonly string[], d: DatasetDescription | null, total?: number): string[] {
  const notes: string[] = [];
  if (total !== undefined && total > shown) notes.push(`first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} matching rows`);
  else if (total === undefined && shown >= limit) notes.push(`first ${limit.toLocaleString('en-US')} rows only (the limit); more may match`);
  const all = d?.fragments.length ?? 0;
  for (const name of used) {
    const covered = d?.indices.find((i) => i.name === name)?.fragmentIds.length ?? all;
    const rest = all - covered;
    if (rest > 0) notes.push(`${name} covers ${covered} of ${all} fragments; the other ${rest} ${rest === 1 ? 'was' : 'were'} scanned without it`);
  }
  return notes;
}

export function QueryNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="query-notes" data-testid="query-notes">
      {notes.map((n) => (
        <li key={n} className="warn small">
          {n}
        </li>
      ))}
    </ul>
  );
}
