/**
 * pip's output, line by line, folded into what the Engine screen shows: which package, how far
 * (pure: unit-tested against pip's real lines). pip >= 24.1 prints `Progress N of M` per download
 * with --progress-bar raw; older pips say only which package they collect and download. Install
 * progress is counted from the packages' .dist-info folders as they appear (pip says nothing
 * while it installs), see install-watch.ts.
 */

export type PipLine =
  | { kind: 'collecting'; name: string }
  | { kind: 'downloading'; file: string; size: string | null }
  | { kind: 'cached'; file: string }
  | { kind: 'bytes'; done: number; total: number }
  | { kind: 'installing'; names: string[] }
  | { kind: 'installed' }
  | { kind: 'error'; text: string };

/** The project name in a requirement as pip prints it ("pylance==14.0.2 (from -r …)"). */
function nameOf(requirement: string): string {
  return requirement.trim().split(/[\s=<>!~;[(]/, 1)[0]!;
}

export function parsePipLine(line: string): PipLine | null {
  const t = line.trim();
  let m: RegExpExecArray | null;
  if ((m = /^Collecting (\S+)/.exec(t))) return { kind: 'collecting', name: nameOf(m[1]!) };
  if ((m = /^Downloading (\S+)(?: \(([^)]+)\))?/.exec(t))) return { kind: 'downloading', file: m[1]!.replace(/^.*\//, ''), size: m[2] ?? null };
  if ((m = /^Using cached (\S+)/.exec(t))) return { kind: 'cached', file: m[1]!.replace(/^.*\//, '') };
  if ((m = /^Progress (\d+) of (\d+)$/.exec(t))) return { kind: 'bytes', done: Number(m[1]), total: Number(m[2]) };
  if ((m = /^Installing collected packages: (.+)$/.exec(t))) return { kind: 'installing', names: m[1]!.split(',').map((s) => s.trim()).filter(Boolean) };
  if (/^Successfully installed /.test(t)) return { kind: 'installed' };
  if (/^ERROR: /.test(t)) return { kind: 'error', text: t.slice('ERROR: '.length) };
  return null;
}

/** Package names compare as pip does: case-insensitive, '-', '_' and '.' alike (PEP 503). */
export const normalizeName = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

export interface PipProgress {
  phase: 'download' | 'install' | 'done';
  /** Packages pip has started collecting (the last one is the current download). */
  collected: string[];
  current: string | null;
  bytes: { done: number; total: number } | null;
  /** pip's install order, from "Installing collected packages". */
  installOrder: string[];
  errors: string[];
}

export const initialPipProgress = (): PipProgress => ({ phase: 'download', collected: [], current: null, bytes: null, installOrder: [], errors: [] });

export function foldPipLine(p: PipProgress, line: PipLine): PipProgress {
  switch (line.kind) {
    case 'collecting':
      return { ...p, collected: [...p.collected, line.name], current: line.name, bytes: null };
    case 'downloading':
    case 'cached':
      return { ...p, bytes: null };
    case 'bytes':
      return { ...p, bytes: { done: line.done, total: line.total } };
    case 'installing':
      return { ...p, phase: 'install', installOrder: line.names, current: line.names[0] ?? null, bytes: null };
    case 'installed':
      return { ...p, phase: 'done', current: null, bytes: null };
    case 'error':
      return { ...p, errors: [...p.errors, line.text] };
  }
}

/**
 * How far the download phase is, 0..1: packages collected before the current one count whole,
 * the current one by its bytes when pip reports them.
 */
export function downloadFraction(p: PipProgress, packageCount: number): number {
  if (p.phase !== 'download') return 1;
  if (packageCount <= 0 || p.collected.length === 0) return 0;
  const current = p.bytes && p.bytes.total > 0 ? Math.min(1, p.bytes.done / p.bytes.total) : 0;
  return Math.min(1, (p.collected.length - 1 + current) / packageCount);
}

/** While pip installs: how many of its packages are in place, and the next one it is on. */
export function installProgress(order: string[], installedNames: ReadonlySet<string>): { done: number; current: string | null } {
  const done = order.filter((n) => installedNames.has(normalizeName(n))).length;
  return { done, current: order.find((n) => !installedNames.has(normalizeName(n))) ?? null };
}

/** The names of the .dist-info folders in a site-packages listing ("pylance-14.0.2.dist-info" → "pylance"). */
export function distInfoNames(entries: string[]): Set<string> {
  const names = new Set<string>();
  for (const e of entries) {
    const m = /^(.+?)-[^-]+\.dist-info$/.exec(e);
    if (m) names.add(normalizeName(m[1]!));
  }
  return names;
}

/** Whether this pip has --progress-bar raw (added in pip 24.1). */
export function pipHasRawProgress(pipVersionLine: string): boolean {
  const m = /^pip (\d+)\.(\d+)/.exec(pipVersionLine.trim());
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 24 || (major === 24 && minor >= 1);
}

/** The set-up's steps and their share of the bar: the install of pyarrow and pylance dominates. */
export const STEP_SPANS = {
  'find-python': [0, 0.02],
  'create-venv': [0.02, 0.1],
  download: [0.1, 0.5],
  install: [0.5, 0.95],
  check: [0.95, 1],
} as const;

export function overallFraction(step: keyof typeof STEP_SPANS, within: number): number {
  const [a, b] = STEP_SPANS[step];
  return a + (b - a) * Math.max(0, Math.min(1, within));
}
