/** How far a batch is, from what pylance reports, the same for every engine. */

export interface PylanceProgress {
  stage: string;
  completed: number;
  total: number | null;
}

/**
 * pylance 10's INVERTED build reports load_data, then tokenize_docs (rows, no total), then
 * copy_partitions and write_metadata (0/1, 1/1). Each stage counts from 0 again, so each is
 * mapped onto its own part of the batch: the bar only moves forward. Tokenizing is nearly all
 * of the time (measured on 300K rows: the last two stages take ~5%).
 */
const STAGE_SPANS: Record<string, [number, number]> = {
  tokenize_docs: [0, 0.94],
  copy_partitions: [0.94, 0.98],
  write_metadata: [0.98, 1],
  // A vector batch (pylance 14, given the shared model): train_ivf/train_quantizer only start and
  // complete; shuffle (assigning rows to partitions) then merge_partitions report counts.
  shuffle: [0, 0.7],
  merge_partitions: [0.7, 1],
};

/**
 * 0..1 when it can be told: a stage with a total, or INVERTED's `tokenize_docs`, whose count of
 * rows is measured against the batch's planned rows. null when pylance gives no measure (the
 * other types report only `load_data`, without counts).
 */
export function progressFraction(p: PylanceProgress, rows: number): number | null {
  const within = p.total ? p.completed / p.total : rows > 0 && p.stage === 'tokenize_docs' ? p.completed / rows : null;
  if (within === null) return null;
  const [from, to] = STAGE_SPANS[p.stage] ?? [0, 1];
  return from + (to - from) * Math.min(1, Math.max(0, within));
}
