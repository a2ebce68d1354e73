/** `lance-index`: the terminal front end over the same core the window uses. */
import { Command } from 'commander';
import { registerSample } from './commands/sample.js';
import { registerDescribe } from './commands/describe.js';
import { registerPlan } from './commands/plan.js';
import { registerBuild } from './commands/build.js';
import { registerDemo } from './commands/demo.js';
import { registerUi } from './commands/ui.js';
import { registerCleanup } from './commands/cleanup.js';
import { EXIT_BAD_INPUT } from './exit-codes.js';

const program = new Command('lance-index')
  .description('Build Lance scalar indices in parallel, watch every batch to commit, explore datasets.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((err) => {
    // Unknown flags and missing arguments are bad input too: exit 2, like the core's refusals.
    process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
  });

registerSample(program);
registerDescribe(program);
registerPlan(program);
registerBuild(program);
registerDemo(program);
registerUi(program);
registerCleanup(program);

await program.parseAsync(process.argv);
