import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatCount } from '@shared/format.js';
import { withEngine } from '../run-command.js';
import { UsageError } from '../exit-codes.js';
import { positiveInt } from '../parse-number.js';

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('write a realistic sample dataset (ints, floats, categories, free text, lists, structs; uneven fragments; some deleted rows)')
    .requiredOption('--out <dir>', 'where to write it, e.g. ./data/reviews.lance')
    .option('--rows <n>', 'rows before deletions', '100000')
    .option('--fragments <n>', 'number of fragments', '16')
    .option('--overwrite', 'replace an existing dataset at --out', false)
    .option('--json', 'print the result as JSON', false)
    .action((o) =>
      withEngine(async (engine) => {
        if (!o.out.trim()) throw new UsageError('--out is empty; give a folder to write the dataset to.');
        const rows = positiveInt(o.rows, '--rows');
        const fragments = positiveInt(o.fragments, '--fragments');
        const r = await engine.writeSample({ out: resolve(o.out), rows, fragments, overwrite: o.overwrite });
        if (o.json) console.log(JSON.stringify(r));
        else console.log(`Wrote ${r.uri}: ${formatCount(r.rows)} rows in ${r.fragments} fragments (version ${r.version}).`);
        return 0;
      }),
    );
}
