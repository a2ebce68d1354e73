import type { Command } from 'commander';
import { flattenFields, type DatasetDescription } from '@shared/contract/dataset.js';
import { formatBytes, formatCount } from '@shared/format.js';
import { addTargetOptions, targetFromFlags } from '../target-options.js';
import { withEngine } from '../run-command.js';
import { textTable } from '../text-table.js';

export function registerDescribe(program: Command): void {
  addTargetOptions(program.command('describe').description('schema, fragments, indices and version of a dataset'))
    .option('--json', 'print as JSON', false)
    .action((o) =>
      withEngine(async (engine) => {
        const ds = await engine.describe(targetFromFlags(o), { withVersions: true });
        console.log(o.json ? JSON.stringify(ds, null, 2) : renderDescription(ds));
        return 0;
      }),
    );
}

export function renderDescription(ds: DatasetDescription): string {
  const rows = ds.fragments.reduce((s, f) => s + (f.rows ?? 0), 0);
  const indexedBy = (path: string) => ds.indices.filter((i) => i.fields.includes(path) || i.fields.includes(path.split('.').pop()!)).map((i) => i.name);
  const out = [
    `${ds.uri}`,
    `version ${ds.version} (latest ${ds.latestVersion}) · ${formatCount(rows)} rows · ${ds.fragments.length} fragments · ${ds.indices.length} indices`,
    '',
    'Schema',
    textTable(
      ['column', 'type', 'null', 'indices'],
      flattenFields(ds.schema).map((f) => [
        `${'  '.repeat(f.path.split('.').length - 1)}${f.name}`,
        f.type.arrow,
        f.nullable ? 'yes' : 'no',
        indexedBy(f.path).join(', '),
      ]),
    ),
    '',
    'Fragments',
    textTable(
      ['id', 'rows', 'deleted', 'bytes'],
      ds.fragments.map((f) => [f.id, f.rows ?? '?', f.deletedRows, formatBytes(f.bytes)]),
      ['r', 'r', 'r', 'r'],
    ),
    '',
    'Indices',
    ds.indices.length
      ? textTable(
          ['name', 'type', 'columns', 'segments', 'fragments covered'],
          ds.indices.map((i) => [i.name, i.type, i.fields.join(','), i.segments.length, `${i.fragmentIds.length}/${ds.fragments.length}`]),
        )
      : '(none)',
  ];
  return out.join('\n');
}
