import type { Command } from 'commander';
import { balanceFragments } from '@shared/balance.js';
import { addTargetOptions, targetFromFlags } from '../target-options.js';
import { withEngine } from '../run-command.js';
import { renderPlan } from '../balance-view.js';
import { parseFragmentList, parseWorkers } from '../build-flags.js';
import { inputError } from '@core/engine-errors.js';
import { fragmentsOf, unknownFragmentsProblem } from '@core/validate.js';

export function registerPlan(program: Command): void {
  addTargetOptions(program.command('plan').description('how the fragments would be balanced across workers (nothing is built)'))
    .requiredOption('--workers <n>', 'number of workers')
    .option('--fragments <ids>', 'only these fragment ids, comma-separated')
    .option('--json', 'print the plan as JSON', false)
    .action((o) =>
      withEngine(async (engine) => {
        const workers = parseWorkers(o.workers);
        const target = targetFromFlags(o);
        const ids = o.fragments !== undefined ? parseFragmentList(o.fragments) : undefined;
        const ds = await engine.describe(target);
        const problem = ids && unknownFragmentsProblem(ids, ds);
        if (problem) throw inputError(problem);
        const plan = balanceFragments(ids ? fragmentsOf(ds, ids) : ds.fragments, workers);
        console.log(o.json ? JSON.stringify(plan) : renderPlan(plan));
        return 0;
      }),
    );
}
