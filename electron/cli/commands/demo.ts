import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatCount } from '@shared/format.js';
import { withEngine } from '../run-command.js';
import { BuildView, pickViewMode } from '../build-view.js';
import { renderDescription } from './describe.js';
import { buildExitCode, runBuildWithView } from './build.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('make the sample dataset, then build a BTREE and an FTS index on it with 2 workers')
    .option('--out <dir>', 'where to write the sample dataset', 'demo-data/reviews.lance')
    .option('--rows <n>', 'rows in the sample', '200000')
    .option('--workers <n>', 'workers per build', '2')
    .action((o) =>
      withEngine(async (engine) => {
        const out = resolve(o.out);
        console.log(`Writing the sample dataset to ${out} ...`);
        const s = await engine.writeSample({ out, rows: Number(o.rows), fragments: 24, overwrite: true });
        console.log(`  ${formatCount(s.rows)} rows in ${s.fragments} fragments (uneven sizes, some rows deleted).\n`);
        console.log(renderDescription(await engine.describe({ uri: out, storageOptions: {} })) + '\n');
        let code = 0;
        for (const [column, type] of [
          ['id', 'BTREE'],
          ['review', 'FTS'],
        ] as const) {
          console.log(`\n=== ${type} index on '${column}' with ${o.workers} workers ===`);
          const r = await runBuildWithView(
            engine,
            { target: { uri: out, storageOptions: {} }, column, indexType: type, workers: Number(o.workers) },
            new BuildView(pickViewMode(false)),
          );
          code = Math.max(code, buildExitCode(r));
        }
        console.log(`\nTry: lance-index describe --uri ${out}`);
        return code;
      }),
    );
}
