/** `stats`, `drop-index`, `rename-index`: looking after a dataset's indices from the terminal. */
import type { Command } from 'commander';
import { flattenFields } from '@shared/contract/dataset.js';
import { formatCount } from '@shared/format.js';
import { IndexNameSchema } from '@shared/contract/manage.js';
import { suggestIndexType } from '@shared/index-types.js';
import { addTargetOptions, targetFromFlags } from '../target-options.js';
import { withEngine } from '../run-command.js';
import { UsageError } from '../exit-codes.js';

export function registerIndexCare(program: Command): void {
  addTargetOptions(program.command('stats').description("a column's statistics (distinct values, nulls, range, text length) and the index type they suggest"))
    .requiredOption('--column <name>', 'the column (nested fields as a.b)')
    .option('--json', 'print as JSON', false)
    .action((o) =>
      withEngine(async (engine) => {
        const ds = await engine.describe(targetFromFlags(o));
        const field = flattenFields(ds.schema).find((f) => f.path === o.column);
        if (!field) throw new UsageError(`Column '${o.column}' does not exist; the dataset has ${ds.schema.map((f) => f.path).join(', ')}.`);
        const stats = await engine.columnStats({ uri: ds.uri, storageOptions: ds.storageOptions }, o.column);
        const suggestion = suggestIndexType(field.type, stats);
        if (o.json) {
          console.log(JSON.stringify({ ...stats, type: field.type.arrow, suggestion: suggestion ?? null }));
          return 0;
        }
        const read = stats.sampled
          ? `the first ${formatCount(stats.rowsRead)} of ${formatCount(stats.totalRows)} rows`
          : `all ${formatCount(stats.rowsRead)} rows`;
        const lines = [`${o.column} (${field.type.arrow}), from ${read}:`, `  nulls: ${formatCount(stats.nulls)} (${pct(stats.nulls, stats.rowsRead)})`];
        if (stats.distinct !== null) lines.push(`  distinct values: ${formatCount(stats.distinct)}`);
        if (stats.listItemsDistinct !== null) lines.push(`  distinct list items: ${formatCount(stats.listItemsDistinct)}`);
        if (stats.min !== null) lines.push(`  min: ${JSON.stringify(stats.min)}`, `  max: ${JSON.stringify(stats.max)}`);
        if (stats.avgWords !== null) lines.push(`  text: ${stats.avgLength} characters, ${stats.avgWords} words on average`);
        lines.push(suggestion ? `Suggested index: ${suggestion.type} (${suggestion.why}).` : 'No index type this app builds suits this column.');
        console.log(lines.join('\n'));
        return 0;
      }),
    );

  addTargetOptions(program.command('drop-index').description('drop an index (one commit; its folders stay until `cleanup`, older versions still use them)'))
    .requiredOption('--name <index>', 'the index to drop')
    .action((o) =>
      withEngine(async (engine) => {
        const ds = await engine.describe(targetFromFlags(o));
        const r = await engine.dropIndex({ uri: ds.uri, storageOptions: ds.storageOptions }, o.name);
        console.log(`Dropped index '${o.name}': version ${ds.version} -> ${r.version}.`);
        return 0;
      }),
    );

  addTargetOptions(program.command('rename-index').description('rename an index (one commit; the same segments under the new name)'))
    .requiredOption('--name <index>', 'the index to rename')
    .requiredOption('--to <name>', 'its new name')
    .action((o) =>
      withEngine(async (engine) => {
        const to = IndexNameSchema.safeParse(o.to);
        if (!to.success) throw new UsageError(`New name '${o.to}' is not allowed; use ${to.error.issues[0]?.message}.`);
        const ds = await engine.describe(targetFromFlags(o));
        const r = await engine.renameIndex({ uri: ds.uri, storageOptions: ds.storageOptions }, o.name, to.data);
        console.log(`Renamed index '${o.name}' to '${to.data}': version ${ds.version} -> ${r.version}.`);
        return 0;
      }),
    );
}

function pct(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1)}%` : '0%';
}
