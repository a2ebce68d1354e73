/** Runs a command and samples the summed RSS of its whole process tree (workers included). */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * 50 ms: often enough to catch a build's peak (it holds for most of the build), rare enough that
 * scanning /proc (~2 ms here; this kernel has no /proc/<pid>/task/<tid>/children) takes a few
 * percent of one core from the contenders on a 2-core machine.
 */
const SAMPLE_MS = 50;

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

/** Every live pid in the trees under `roots` (a pid reached twice is listed once). */
function treePids(roots: number[]): number[] {
  const kids = children();
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    stack.push(...(kids.get(pid) ?? []));
  }
  return [...seen];
}

/** Summed RSS of the trees under `roots`. */
export function treeRssMiB(roots: number[]): number {
  let total = 0;
  for (const pid of treePids(roots)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) : 0;
    } catch {
      /* exited */
    }
  }
  return total / 1024;
}

/** CPU seconds (user + system) the live processes of the trees under `roots` have used so far. */
export function treeCpuS(roots: number[]): number {
  let ticks = 0;
  for (const pid of treePids(roots)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* exited */
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

export interface Measured {
  wallS: number;
  peakRssMiB: number;
  stdout: string;
  /** The last few KiB of stderr: shown when a run fails, kept off the console otherwise. */
  stderrTail: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  /** Other trees whose memory the command uses (lance-ray's workers are the Ray node's children). */
  alsoSample?: number[];
  /** Stop the command's process group after this long. */
  timeoutS?: number;
}

/** Commands being measured: each leads a process group of its own, which Ctrl-C must stop too. */
const running = new Set<number>();

export function stopRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export function measure(cmd: string, args: string[], opts: MeasureOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // Its own process group, so a timeout stops its workers with it (and nothing else).
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid) running.add(child.pid);
    let stdout = '';
    let stderrTail = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderrTail = (stderrTail + c).slice(-6000)));
    let peak = 0;
    const sample = () => (peak = Math.max(peak, treeRssMiB([child.pid!, ...(opts.alsoSample ?? [])])));
    const timer = setInterval(sample, SAMPLE_MS);
    let timedOut = false;
    const killer = opts.timeoutS
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, opts.timeoutS * 1000)
      : undefined;
    child.once('error', (err) => {
      clearInterval(timer);
      clearTimeout(killer);
      reject(err);
    });
    // Wall time ends at the command's exit; its output is complete once the pipes close, which
    // a lingering grandchild holding stderr may delay, so that wait is capped.
    child.once('exit', (code, signal) => {
      running.delete(child.pid!);
      const wallS = (performance.now() - t0) / 1000;
      clearInterval(timer);
      clearTimeout(killer);
      const done = () => resolve({ wallS, peakRssMiB: peak, stdout, stderrTail, code, signal, timedOut });
      const cap = setTimeout(done, 5000);
      child.once('close', () => (clearTimeout(cap), done()));
    });
  });
}
