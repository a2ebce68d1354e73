/**
 * The column's sizes (for balancing by bytes) come from every data file's footer. Storage that
 * stops answering must not stall the plan: the read is stopped at its budget, the plan balances
 * by rows and says why, and the build goes on. A FIFO in place of a data file blocks its reader
 * as such storage would.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildEvent } from '@shared/contract/build.js';
import { COLUMN_BYTES_BUDGET_MS } from '@core/plan-build.js';
import { build, copyDataset, python, useEngineAndSample } from './support.js';

const sample = useEngineAndSample(20_000, 6);

describe('the plan within its budget', () => {
  it("a column size read that doesn't answer is stopped: balanced by rows with the reason, and the build commits", async () => {
    const uri = copyDataset(sample.uri(), join(sample.dir(), 'stalled', 'reviews.lance'));
    const file = join(uri, 'data', python(`import lance; print(lance.dataset(${JSON.stringify(uri)}).get_fragments()[0].data_files()[0].path)`));
    renameSync(file, `${file}.real`);
    execFileSync('mkfifo', [file]);
    let restored = false;
    const restore = () => {
      if (!restored) renameSync(`${file}.real`, file); // the batches then read the real file
      restored = true;
    };
    const { result, events } = await build(
      sample.engine(),
      { target: { uri, storageOptions: {} }, column: 'review', indexType: 'FTS', workers: 2 },
      (e: BuildEvent) => {
        if (e.type === 'plan') restore();
      },
    ).finally(restore);

    const plan = events.find((e): e is Extract<BuildEvent, { type: 'plan' }> => e.type === 'plan')!.plan;
    expect(plan.balancedBy).toBe('rows');
    const budget = COLUMN_BYTES_BUDGET_MS / 1000;
    expect(plan.warnings.join('\n')).toMatch(
      new RegExp(
        `^Balanced by rows: the column's size per fragment could not be read \\('column_bytes' did not answer within ${budget} s; worker \\d+ was stopped\\)\\.$`,
        'm',
      ),
    );
    expect(result.ok, result.error?.message).toBe(true);
    expect(result.verification?.ok).toBe(true);
  }, 120_000);
});
