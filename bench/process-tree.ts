/** Runs a command and samples the summed RSS of its whole process tree (workers included). */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(d)]);
    } catch {
      /* exited */
    }
  }
  return map;
}

function treeRssMiB(root: number): number {
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      /* exited */
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return total / 1024;
}

export interface Measured {
  wallS: number;
  peakRssMiB: number;
  stdout: string;
  code: number | null;
}

export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRssMiB(child.pid!))), 25);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ wallS: (performance.now() - t0) / 1000, peakRssMiB: peak, stdout, code });
    });
  });
}
