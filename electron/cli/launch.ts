/**
 * The CLI's entry: starts the Python engine a local build will need, then loads the CLI itself.
 * Reading and compiling the bundled CLI takes a cold Node ~0.15 s; started first, Python imports
 * pylance (~0.3 s) meanwhile on the other core, instead of after it (bench/results). Not when a
 * warm engine of this set-up runs (`engine start`): the command forks its engine from that.
 */
import { availableParallelism } from 'node:os';
import { startEnginesEarly } from '@engine/local/process-launcher.js';
import { matchingWarmEngine } from '@engine/local/warm-engine.js';
import { pythonExecutable } from '@engine/python-env.js';
import { cliEngineShape } from './cli-engine-shape.js';

const shape = cliEngineShape(process.argv.slice(2), availableParallelism());
if (shape.startEarly > 0 && !matchingWarmEngine(pythonExecutable())) startEnginesEarly(shape.startEarly, shape.lanes);
await import('./index.js');
