/**
 * The CLI's local engine: how many calls each engine process runs at once (lanes), and how many
 * processes to start before the CLI's main code loads. Read from the raw arguments, because the
 * entry (launch.ts) decides before commander is loaded; the commands ask the same function.
 *
 * - Lanes: one engine process with a lane per CPU holds every batch of the one build the CLI
 *   runs (electron/engine/local/lane-launcher.ts). A build with --batch-timeout gets a process
 *   per worker instead: a timed-out batch's process is stopped, and with lanes the other
 *   batches on it would be stopped too.
 * - Early: as many processes as the build itself starts first (shared/auto-workers.ts), so an
 *   engine started here is the one the build's first launch takes; bad input refused before any
 *   engine starts leaves it to exit with the CLI. Help, a Ray engine, or a command without an
 *   engine: none.
 */
import { enginesBeforeDescribe } from '@shared/auto-workers.js';

const COMMANDS_WITH_A_LOCAL_ENGINE = new Set(['build', 'describe', 'plan']);

export interface CliEngineShape {
  lanes: number;
  startEarly: number;
}

export function cliEngineShape(args: readonly string[], cpus: number): CliEngineShape {
  const [command, ...rest] = args;
  const perWorkerProcess = command === 'build' && flagValue(rest, '--batch-timeout') !== undefined;
  const lanes = perWorkerProcess ? 1 : Math.max(1, Math.floor(cpus));
  return { lanes, startEarly: startEarly(command, rest, cpus, lanes) };
}

function startEarly(command: string | undefined, rest: readonly string[], cpus: number, lanes: number): number {
  if (!command || !COMMANDS_WITH_A_LOCAL_ENGINE.has(command)) return 0;
  if (rest.some((a) => a === '--help' || a === '-h')) return 0;
  const engine = flagValue(rest, '--engine');
  if ((engine !== undefined && engine !== 'local') || flagValue(rest, '--ray-address') !== undefined) return 0;
  if (command !== 'build') return 1;
  const workers = flagValue(rest, '--workers');
  const asked = workers !== undefined && /^[1-9][0-9]*$/.test(workers) ? Number(workers) : 'auto';
  // With lanes, one process holds the workers the build starts first.
  return Math.ceil(enginesBeforeDescribe(asked, cpus) / lanes);
}

/** The value of `--flag v` or `--flag=v` (the last one given, as commander takes it). */
function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  args.forEach((a, i) => {
    if (a === flag) value = args[i + 1] ?? '';
    else if (a.startsWith(`${flag}=`)) value = a.slice(flag.length + 1);
  });
  return value;
}
