/** `lance-index`: the terminal front end over the same core the window uses. */
import { Command } from 'commander';
import { registerSample } from './commands/sample.js';
import { registerDescribe } from './commands/describe.js';
import { registerPlan } from './commands/plan.js';
import { registerBuild } from './commands/build.js';
import { registerDemo } from './commands/demo.js';
import { registerUi } from './commands/ui.js';
import { registerCleanup } from './commands/cleanup.js';
import { registerCluster } from './commands/cluster.js';
import { registerIndexCare } from './commands/index-care.js';
import { registerEngine } from './commands/engine.js';
import { EXIT_BAD_INPUT } from './exit-codes.js';

// Output piped into a reader that stops early (`| head`): the rest is dropped, and a build still
// runs to its end (commit or clean-up) instead of dying half-way on a write error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

const program = new Command('lance-index')
  .description('Build Lance indices (scalar and IVF vector) in parallel, watch every batch to commit, explore datasets.')
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
registerCluster(program);
registerIndexCare(program);
registerEngine(program);

await program.parseAsync(process.argv);
