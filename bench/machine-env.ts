/**
 * Settings of this machine's own that tax every Node process and that a user's machine doesn't
 * have: the contenders run without them, and the report says what they cost.
 *
 * NODE_EXTRA_CA_CERTS: the machines the benchmark runs on point it at the system's CA bundle for
 * their proxy. Node 20 reads and parses that bundle at every start, before any code runs (~40 ms
 * here, against ~17 ms for the whole start without it); Node 22+ defers it. The benchmark
 * reaches no network, and both the app's CLI and @lancedb/lancedb's createIndex are Node
 * processes, so clearing it treats them alike; the Python peers never read it.
 */
import { spawnSync } from 'node:child_process';
import { medianOf } from './stats.js';

const MACHINE_ONLY = ['NODE_EXTRA_CA_CERTS'] as const;

export interface NodeStartTax {
  variable: string;
  value: string;
  /** Median ms from spawn to exit of `node -e 0`, with the variable and without it. */
  withMs: number;
  withoutMs: number;
}

/**
 * Measures what each set variable costs Node's start, then removes it from this process's
 * environment, which every contender's environment is copied from. Call before any contender runs.
 */
export function clearMachineOnlyEnv(runs = 7): NodeStartTax[] {
  const taxes: NodeStartTax[] = [];
  for (const variable of MACHINE_ONLY) {
    const value = process.env[variable];
    if (value === undefined) continue;
    const without = { ...process.env };
    delete without[variable];
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      withMs.push(nodeStartMs(process.env));
      withoutMs.push(nodeStartMs(without));
    }
    delete process.env[variable];
    taxes.push({ variable, value, withMs: medianOf(withMs)!, withoutMs: medianOf(withoutMs)! });
  }
  return taxes;
}

function nodeStartMs(env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
  return performance.now() - t0;
}
