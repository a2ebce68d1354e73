import type { Command } from 'commander';
import { formatBytes } from '@shared/format.js';
import { addTargetOptions, targetFromFlags } from '../target-options.js';
import { withEngine } from '../run-command.js';
import { textTable } from '../text-table.js';
import { UsageError } from '../exit-codes.js';

export function registerCleanup(program: Command): void {
  addTargetOptions(
    program.command('cleanup').description('find index folders that no version references (left by failed or crashed builds of any tool) and remove them'),
  )
    .option('--dry-run', 'only list what would be removed', false)
    .option('--min-age <minutes>', 'spare folders changed more recently than this (a build may still be writing them)', '15')
    .option('--json', 'print the report as JSON', false)
    .action((o) =>
      withEngine(async (engine) => {
        const minAge = Number(o.minAge);
        if (!(minAge >= 0)) throw new UsageError(`--min-age must be a number of minutes, 0 or more; got '${o.minAge}'.`);
        const ds = await engine.describe(targetFromFlags(o));
        const target = { uri: ds.uri, storageOptions: ds.storageOptions };
        const report = await engine.findOrphans(target, { minAgeS: minAge * 60 });
        const removed = o.dryRun
          ? []
          : (
              await engine.removeOrphans(
                target,
                report.orphans.map((x) => x.uuid),
              )
            ).removed;
        if (o.json) {
          console.log(JSON.stringify({ ...report, removed, dryRun: o.dryRun }));
          return 0;
        }
        if (report.orphans.length === 0) console.log(`No unreferenced index folders in ${ds.uri}.`);
        else {
          console.log(
            textTable(
              ['folder', 'size', 'age'],
              report.orphans.map((x) => [x.uuid, formatBytes(x.bytes), x.ageS === null ? 'empty' : `${Math.round(x.ageS / 60)} min`]),
            ),
          );
          const total = report.orphans.reduce((s, x) => s + x.bytes, 0);
          console.log(
            o.dryRun
              ? `${report.orphans.length} folder(s), ${formatBytes(total)}, would be removed (dry run).`
              : `Removed ${removed.length} folder(s), ${formatBytes(total)}.`,
          );
        }
        if (report.tooRecent.length)
          console.log(
            `Spared ${report.tooRecent.length} unreferenced folder(s) changed in the last ${minAge} min (a build may be writing them; --min-age 0 to include).`,
          );
        return 0;
      }),
    );
}
