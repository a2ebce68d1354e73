/** The flags that point a command at a Ray cluster, shared by `build` and `cluster`. */
import type { Command } from 'commander';
import type { EngineChoice } from '@shared/contract/build.js';
import { UsageError } from './exit-codes.js';

export interface RayFlags {
  engine?: string;
  rayAddress?: string;
  rayToken?: string;
  rayPip?: boolean;
}

export function addRayOptions(cmd: Command, { withEngine }: { withEngine: boolean }): Command {
  if (withEngine) cmd.option('--engine <engine>', 'where batches run: local (this machine) or ray (a Ray cluster)', 'local');
  return cmd
    .option('--ray-address <url>', "the Ray dashboard's address, e.g. http://HOST:8265 (its Jobs API)")
    .option('--ray-token <token>', "Ray's auth token (default: $RAY_AUTH_TOKEN)")
    .option('--ray-pip', "add the engine's exact pins to the job's runtime_env pip (clusters that reach a package index)", false);
}

export function engineChoiceFromFlags(f: RayFlags): EngineChoice {
  const engine = (f.engine ?? 'local').trim().toLowerCase();
  if (engine !== 'local' && engine !== 'ray') throw new UsageError(`--engine must be local or ray; got '${f.engine}'.`);
  if (engine === 'local') {
    if (f.rayAddress !== undefined) throw new UsageError('--ray-address goes with --engine ray.');
    return { kind: 'local' };
  }
  return { kind: 'ray', address: rayAddressFromFlags(f), token: f.rayToken ?? process.env.RAY_AUTH_TOKEN, pip: f.rayPip ?? false };
}

export function rayAddressFromFlags(f: RayFlags): string {
  const address = f.rayAddress ?? process.env.RAY_API_SERVER_ADDRESS;
  if (!address?.trim()) throw new UsageError("No Ray cluster given: pass --ray-address http://HOST:8265 (the dashboard's address).");
  return address;
}
