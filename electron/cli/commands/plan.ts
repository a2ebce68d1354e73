import type { Command } from 'commander';
import { balanceFragments } from '@shared/balance.js';
import { INDEX_TYPES } from '@shared/index-types.js';
import { addTargetOptions, targetFromFlags } from '../target-options.js';
import { withEngine } from '../run-command.js';
import { renderPlan } from '../balance-view.js';
import { parseBalanceBy, parseFragmentList, parseWorkers } from '../build-flags.js';
import { StudioError, inputError } from '@engine/engine-errors.js';
import { checkAgainstDataset, checkRequest, fragmentsOf, unknownFragmentsProblem } from '@core/validate.js';
import { planBuild } from '@core/plan-build.js';
import { UsageError } from '../exit-codes.js';

export function registerPlan(program: Command): void {
  addTargetOptions(program.command('plan').description('how the fragments would be balanced across workers (nothing is built)'))
    .option('--workers <n>', 'number of workers, or auto (needs --column and --type: the work it weighs)', 'auto')
    .option('--fragments <ids>', 'only these fragment ids, comma-separated')
    .option('--column <name>', "the column to index: with --type, the plan is the build's own (bytes for text and lists)")
    .option('--type <type>', `the index type: ${INDEX_TYPES.join(', ')}`)
    .option('--balance-by <m>', 'auto, rows or bytes (of --column)', 'auto')
    .option('--json', 'print the plan as JSON', false)
    .action((o) =>
      withEngine(async (engine) => {
        const workers = parseWorkers(o.workers);
        const balanceBy = parseBalanceBy(o.balanceBy);
        const target = targetFromFlags(o);
        const ids = o.fragments !== undefined ? parseFragmentList(o.fragments) : undefined;
        if ((o.column === undefined) !== (o.type === undefined)) throw new UsageError('--column and --type go together (the plan of that build).');
        if (balanceBy === 'bytes' && o.column === undefined) throw new UsageError('--balance-by bytes needs --column and --type (the bytes of which column).');
        const ds = await engine.describe(target);
        const problem = ids && unknownFragmentsProblem(ids, ds);
        if (problem) throw inputError(problem);
        if (workers === 'auto' && o.column === undefined)
          throw new UsageError('--workers auto needs --column and --type (how much work there is); or give a number.');
        let plan;
        if (o.column === undefined) plan = balanceFragments(ids ? fragmentsOf(ds, ids) : ds.fragments, workers as number);
        else {
          const checked = checkRequest({ target, column: o.column, indexType: o.type, workers, fragmentIds: ids, balanceBy });
          const spec = checked.ok ? checkAgainstDataset(checked.value, ds) : checked;
          if (!spec.ok) throw new StudioError(spec.errors.map((e) => e.message).join('\n'), 'input');
          plan = await planBuild(engine, spec.value, ds);
        }
        console.log(o.json ? JSON.stringify(plan) : renderPlan(plan));
        return 0;
      }),
    );
}
