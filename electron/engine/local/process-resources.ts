/**
 * A worker process's CPU and memory while it builds, read from Linux's /proc (where there is no
 * /proc nothing is reported). Sampled on a timer, so the cost is two small file reads per
 * running batch per interval, whatever pylance does.
 */
import { readFile } from 'node:fs/promises';

/** USER_HZ, the unit of /proc/<pid>/stat's CPU times: 100 on every Linux ABI Node runs on. */
const CLOCK_TICKS_PER_S = 100;
export const SAMPLE_EVERY_MS = 1000;
/** The first reading comes sooner: a batch of pylance 14 often lasts well under a second. */
export const FIRST_READING_MS = 250;

export interface ProcessSample {
  /** CPU time used so far (user + system), in seconds. */
  cpuS: number;
  rssBytes: number;
}

export interface ResourceReading {
  pid: number;
  /** Since the previous sample; 100 = one core busy the whole time. */
  cpuPercent: number;
  rssBytes: number;
}

/** utime and stime from /proc/<pid>/stat, VmRSS from /proc/<pid>/status; undefined once it is gone. */
export async function readProcess(pid: number): Promise<ProcessSample | undefined> {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of the line
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
    if (!Number.isFinite(ticks) || !Number.isFinite(rssKb)) return undefined;
    return { cpuS: ticks / CLOCK_TICKS_PER_S, rssBytes: rssKb * 1024 };
  } catch {
    return undefined;
  }
}

/** CPU use between two samples taken `wallMs` apart, as a percentage of one core. */
export function cpuPercent(before: ProcessSample, after: ProcessSample, wallMs: number): number {
  return wallMs > 0 ? Math.max(0, ((after.cpuS - before.cpuS) * 1000 * 100) / wallMs) : 0;
}

/** Samples `pid` every `everyMs` until the returned stop is called; the first reading comes after `firstMs`. */
export function watchProcess(pid: number, onReading: (r: ResourceReading) => void, everyMs = SAMPLE_EVERY_MS, firstMs = FIRST_READING_MS): () => void {
  let stopped = false;
  let last: { sample: ProcessSample; at: number } | undefined;
  const tick = async () => {
    const sample = await readProcess(pid);
    const at = performance.now();
    if (stopped || !sample) return;
    if (last) onReading({ pid, cpuPercent: cpuPercent(last.sample, sample, at - last.at), rssBytes: sample.rssBytes });
    last = { sample, at };
  };
  void tick();
  let timer: ReturnType<typeof setInterval> | undefined;
  const first = setTimeout(() => {
    void tick();
    timer = setInterval(() => void tick(), everyMs);
    timer.unref();
  }, Math.min(firstMs, everyMs));
  first.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
