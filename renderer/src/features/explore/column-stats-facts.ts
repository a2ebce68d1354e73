/** A column's statistics as the lines the Schema view shows, exact counts in full. Pure. */
import type { ColumnStats } from '@shared/contract/manage';
import type { ColumnType } from '@shared/contract/dataset';
import { suggestIndexType } from '@shared/index-types';

const full = (n: number) => n.toLocaleString('en-US');

function shown(v: unknown): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'string' ? v : typeof v === 'number' ? full(v) : JSON.stringify(v);
}

export function statsFacts(s: ColumnStats): Array<{ label: string; value: string }> {
  const facts = [
    { label: 'rows read', value: s.sampled ? `the first ${full(s.rowsRead)} of ${full(s.totalRows)}` : `all ${full(s.rowsRead)}` },
    { label: 'nulls', value: `${full(s.nulls)} (${s.rowsRead ? ((100 * s.nulls) / s.rowsRead).toFixed(1) : '0.0'}%)` },
  ];
  if (s.distinct !== null) facts.push({ label: 'distinct values', value: full(s.distinct) });
  if (s.listItemsDistinct !== null) facts.push({ label: 'distinct list items', value: full(s.listItemsDistinct) });
  if (s.min !== null && s.min !== undefined) facts.push({ label: 'min', value: shown(s.min) }, { label: 'max', value: shown(s.max) });
  if (s.avgLength !== null) facts.push({ label: 'average length', value: `${s.avgLength} characters${s.avgWords !== null ? `, ${s.avgWords} words` : ''}` });
  return facts;
}

/** The index type the statistics suggest, in a line: the shared rule the CLI's `stats` uses too. */
export function suggestionLine(type: ColumnType, s: ColumnStats): string {
  const suggestion = suggestIndexType(type, s);
  return suggestion ? `Suggested index: ${suggestion.type} (${suggestion.why})` : 'No index type this app builds suits this column.';
}
