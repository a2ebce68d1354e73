import type { Command } from 'commander';
import { INDEX_TYPES, MERGED_ONLY_WHEN_ASKED } from '@shared/index-types.js';
import { batchCapLabel } from '@shared/auto-workers.js';
import type { BuildRequest, BuildResult } from '@shared/contract/build.js';
import type { IndexEngine } from '@engine/engine.js';
import { startBuild, type CoordinatorOptions } from '@core/build-coordinator.js';
import { addTargetOptions, collect } from '../target-options.js';
import { addRayOptions } from '../ray-options.js';
import { engineFor } from '@engine/engine-for.js';
import { withEngine } from '../run-command.js';
import { requestFromFlags, type BuildFlags } from '../build-flags.js';
import { BuildView, pickViewMode } from '../build-view.js';
import { EXIT_FAILED, EXIT_OK, exitCodeFor } from '../exit-codes.js';

/** The types whose automatic count runs in rounds of capped batches, as the help says it. */
const inRounds = () =>
  INDEX_TYPES.filter((t) => batchCapLabel(t))
    .map((t) => `a large ${t} in rounds of ~${batchCapLabel(t)} rows`)
    .join(', ');

export function registerBuild(program: Command): void {
  const cmd = addTargetOptions(program.command('build').description('build one index in parallel, commit it, verify it'))
    .requiredOption('--column <name>', 'column to index (nested fields as a.b)')
    .requiredOption('--type <type>', `index type: ${INDEX_TYPES.join(', ')}`)
    .option(
      '--workers <n>',
      `batches to plan, a segment each (as many run at once as there are CPUs), or auto: as many as pay for themselves, ${inRounds()}`,
      'auto',
    )
    .option('--name <name>', 'index name (default {column}_idx)')
    .option('--no-replace', 'fail if an index with this name exists (default: replace it)')
    .option('--fragments <ids>', 'index only these fragment ids, comma-separated')
    .option('--only-unindexed', 'index only fragments the existing index does not cover', false)
    .option('--workflow <w>', 'segments (all types) or merge (INVERTED/FTS: shared uuid + merge_index_metadata)', 'segments')
    .option('--merge-segments', `merge per-batch segments into one before commit (faster queries; the default except for ${MERGED_ONLY_WHEN_ASKED.join(', ')})`)
    .option(
      '--no-merge-segments',
      `commit one segment per batch (faster build; the default for ${MERGED_ONLY_WHEN_ASKED.join(', ')}, whose queries are as fast)`,
    )
    .option('--param <key=value>', 'index parameter passed to pylance, repeatable (e.g. with_position=true)', collect, [])
    .option('--retries <n>', 'retries of a failed batch, on another worker', '2')
    .option('--batch-timeout <seconds>', 'stop and retry a batch that runs longer than this')
    .option('--balance-by <m>', 'balance batches by rows, or by bytes of the column (auto: bytes for text and lists)', 'auto')
    .option('--json', 'one JSON object per event line, then the result', false);
  addRayOptions(cmd, { withEngine: true }).action((o: BuildFlags & { json: boolean }) =>
    withEngine(async (local) => {
      const request = requestFromFlags(o);
      const view = new BuildView(pickViewMode(o.json));
      // This command's engine runs this one build: stopped once the build is done with it.
      const result = await runBuildWithView(engineFor(request.engine, local), request, view, { releaseEngine: () => local.close() });
      return buildExitCode(result);
    }),
  );
}

/** Runs a build, showing it; Ctrl-C cancels it (a second Ctrl-C exits at once). */
export async function runBuildWithView(engine: IndexEngine, request: BuildRequest, view: BuildView, opts: CoordinatorOptions = {}): Promise<BuildResult> {
  const run = startBuild(engine, request, view.onEvent, opts);
  let interrupted = 0;
  const onSigint = () => {
    interrupted++;
    if (interrupted > 1) process.exit(130);
    view.stopBars();
    process.stderr.write("\nCancelling: stopping workers, removing this build's files...\n");
    run.cancel();
  };
  process.on('SIGINT', onSigint);
  try {
    const result = await run.result;
    view.showResult(result);
    return result;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function buildExitCode(r: BuildResult): number {
  if (r.ok) return r.verification?.ok === false ? EXIT_FAILED : EXIT_OK;
  if (r.error?.kind === 'cancelled') return 130;
  return exitCodeFor(r.error?.kind);
}
