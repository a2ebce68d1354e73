/**
 * Recall of a vector contender's index (issue 14), measured on the copy it built, right after the
 * timed run and outside it, by one script for everyone (bench/vector-recall.py) on the pinned
 * pylance: the same queries, nprobes and exact answers whichever tool built the index.
 */
import { join } from 'node:path';
import type { BenchCase } from './cases.js';
import { BENCH } from './paths.js';
import { measure } from './process-tree.js';

export const RECALL_K = 10;
/**
 * Dataset rows asked per copy. 200 (2,000 neighbours) keeps the sampling noise of a recall near
 * 0.6 around 0.01, the size of the difference the goal allows.
 */
export const RECALL_QUERIES = 200;
const RECALL_SEED = 14;

export interface Recall {
  value?: number;
  error?: string;
}

export async function measureRecall(uri: string, c: BenchCase, python: string): Promise<Recall> {
  const v = c.vector!;
  const spec = { index_type: c.indexType, metric: v.params.metric, k: RECALL_K, queries: RECALL_QUERIES, nprobes: v.nprobes, seed: RECALL_SEED };
  const m = await measure(python, [join(BENCH, 'vector-recall.py'), uri, c.column, JSON.stringify(spec)], {
    env: { ...process.env, LANCE_LOG: 'error' },
    timeoutS: 600,
  });
  if (m.code !== 0) return { error: (m.stderrTail.trim().split('\n').pop() ?? `exit ${m.code ?? m.signal}`).slice(0, 300) };
  try {
    return { value: (JSON.parse(m.stdout.trim().split('\n').pop()!) as { recall: number }).recall };
  } catch {
    return { error: `no JSON line from vector-recall.py: ${m.stdout.slice(-200)}` };
  }
}

/** How the recall column was measured, for the report. */
export function recallMethod(c: BenchCase): string {
  return `recall@${RECALL_K}: ${RECALL_QUERIES} dataset rows (fixed seed) as queries, nprobes ${c.vector!.nprobes}, no refine, against an exact ${c.vector!.params.metric} search over every row by numpy; the same script (bench/vector-recall.py, pinned pylance) on every tool's copy`;
}
