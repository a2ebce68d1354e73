/** The markdown report: the machine, the targets, then per case the tools' times and the app's breakdown. */
import { balanceFragments } from '../shared/balance.js';
import type { CaseResult } from './builds.js';
import { SMOKE_DIVISOR, type Size } from './cases.js';
import type { RunResult } from './contenders.js';
import type { Machine } from './machine.js';
import type { NodeStartTax } from './machine-env.js';
import type { RayHead } from './ray-head.js';
import type { WarmEngine } from './warm-engine.js';
import { RECALL_K, recallMethod } from './recall.js';
import { medianOf, summarize } from './stats.js';
import { bestPeer, type Check, formatChecks, tally } from './targets.js';

export interface ReportInput {
  size: Size;
  runs: number;
  workers: number;
  machine: Machine;
  nodeStartTax: NodeStartTax[];
  versions: string;
  code: string;
  loadAtEnd: number[];
  ray?: Pick<RayHead, 'startS' | 'idleRssMiB' | 'idleCpuPercent'>;
  rayError?: string;
  warm?: Pick<WarmEngine, 'startS' | 'idleRssMiB'>;
  warmError?: string;
  builds?: CaseResult[];
  checks?: Check[];
  /** Sections of the other parts, already markdown. */
  extra: string[];
}

const n2 = (n: number | undefined) => (n === undefined ? '' : n.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

function machineSection(r: ReportInput): string[] {
  const m = r.machine;
  return [
    '## Machine',
    '',
    `- ${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM; ${m.os}`,
    `- Node ${m.node}; Python ${m.python}; ${r.versions}`,
    `- The app: ${r.code}`,
    ...r.nodeStartTax.map(
      (t) =>
        `- \`${t.variable}=${t.value}\` is set on this machine (for its proxy) and was cleared for every contender: Node 20 reads that file at each start (\`node -e 0\` took ${t.withMs.toFixed(0)} ms with it, ${t.withoutMs.toFixed(0)} ms without; medians), so the app's CLI and createIndex start as on a machine without it; the Python peers never read it`,
    ),
    `- Load average (1 min): ${m.loadAtStart[0]!.toFixed(2)} at the start, ${r.loadAtEnd[0]!.toFixed(2)} at the end` +
      // The contenders alone keep at most the cores busy; more means other work shared them.
      (Math.max(m.loadAtStart[0]!, r.loadAtEnd[0]!) > m.cores + 1 ? ' — **other work shared these cores: the times are noisy**' : ''),
    ...(r.ray
      ? [
          `- Local Ray for lance-ray: one head with ${r.workers} CPUs on 127.0.0.1, started in ${n2(r.ray.startS)} s (not in lance-ray's times); idle it holds ${r.ray.idleRssMiB.toFixed(0)} MiB and uses ${r.ray.idleCpuPercent.toFixed(1)}% of a core, beside every contender alike`,
        ]
      : r.rayError
        ? [`- Local Ray did not start, so lance-ray did not run: ${r.rayError}`]
        : []),
    ...(r.warm
      ? [
          `- The app's warm engine (\`lance-index engine start\`) for the "warm engine" runs: started in ${n2(r.warm.startS)} s (not in their times); idle it holds ${r.warm.idleRssMiB.toFixed(0)} MiB, counted in their peak RSS; the other app runs start their own engines`,
        ]
      : r.warmError
        ? [`- The app's warm engine did not start, so the warm runs did not run: ${r.warmError}`]
        : []),
    '',
  ];
}

const HOW_TO_READ = [
  'How to read: each tool runs as a fresh process on a fresh copy of the dataset; **median** and **spread** (min–max)',
  'are its wall times from spawn to exit (start-up included); **in-process** is the time in the build call itself',
  '(the app: its train (vector cases), build and commit phases; the floor: the read); **peak RSS** is the largest sum over the process',
  'tree in any run (lance-ray: the driver plus the Ray node; warm engine: the CLI plus the warm engine and the engine forked from it; idle parts included); **× best peer** and **× floor** divide',
  "the median by the fastest peer's and by the floor's (the column read once by pylance in one process).",
  '',
];

/** `recall` (vector cases): pylance's median recall, or null when it has none; undefined: no recall columns. */
function toolRow(
  label: string,
  rs: RunResult[],
  bestMedian: number | undefined,
  floorMedian: number | undefined,
  bold: boolean,
  recall?: { pylance: number | null },
): string {
  const good = rs.filter((r) => r.ok);
  const s = summarize(good.map((r) => r.wallS));
  const failed = rs.length - good.length;
  const name = bold ? `**${label}**` : label;
  const blanks = recall ? ' | |' : '';
  if (!s) return `| ${name} | failed: ${rs[0]?.error?.replace(/\|/g, '/').slice(0, 160) ?? ''} | | | | | |${blanks}`;
  const ratio = (d: number | undefined) => (d ? `${(s.median / d).toFixed(2)}` : '');
  const note = failed ? ` (${failed} of ${rs.length} failed)` : '';
  const row = `| ${name} | ${n2(s.median)}${note} | ${n2(s.min)}–${n2(s.max)} | ${n2(medianOf(good.map((r) => r.inProcessS)))} | ${Math.max(...good.map((r) => r.peakRssMiB)).toFixed(0)} | ${ratio(bestMedian)} | ${ratio(floorMedian)} |`;
  if (!recall) return row;
  const r = medianOf(good.map((x) => x.recall));
  const diff = r !== undefined && recall.pylance !== null ? r - recall.pylance : undefined;
  return `${row} ${r === undefined ? '' : r.toFixed(3)} | ${diff === undefined ? '' : `${diff >= 0 ? '+' : ''}${diff.toFixed(3)}`} |`;
}

function breakdownRows(cr: CaseResult): string[] {
  const rows = cr.runs.filter((r) => r.contender.role === 'app' && r.results.some((x) => x.ok && x.app));
  if (!rows.length) return [];
  const med = (rs: RunResult[], k: keyof NonNullable<RunResult['app']>) => n2(medianOf(rs.map((r) => r.app?.[k] as number | undefined)));
  // Vector builds train their model once before the batches: a phase of its own.
  const train = cr.c.vector !== undefined;
  return [
    '',
    "Where the app's time goes (median s): start-up = the process's wall time outside the build (Node, the CLI, exit); validate holds the first engine's start (Python importing pylance) and the dataset's description;" +
      (train ? ' train = the IVF (and PQ) model, once, in one worker;' : '') +
      ' build = the phase that holds the batches; busiest worker = its batches end to end (the slowest batch when each worker runs one); commit includes merging the segments; verify holds the @lancedb/lancedb check.',
    '',
    `| tool | start-up | validate | (engine start) | (describe) | plan |${train ? ' train |' : ''} build | busiest worker | commit | verify | (lancedb check) | all but the busiest worker | batches | workers | balanced by |`,
    `|---|---|---|---|---|---|${train ? '---|' : ''}---|---|---|---|---|---|---|---|---|`,
    ...rows.map(({ label, results }) => {
      const rs = results.filter((r) => r.ok && r.app);
      const by = rs[0]!.app!.balancedBy ?? '?';
      return `| ${label} | ${med(rs, 'startupS')} | ${med(rs, 'validateS')} | ${med(rs, 'engineStartS')} | ${med(rs, 'describeS')} | ${med(rs, 'planS')} |${train ? ` ${med(rs, 'trainS')} |` : ''} ${med(rs, 'buildS')} | ${med(rs, 'busiestWorkerS')} | ${med(rs, 'commitS')} | ${med(rs, 'verifyS')} | ${med(rs, 'lancedbCheckS')} | ${med(rs, 'fixedOverheadS')} | ${rs[0]!.app!.batches} | ${rs[0]!.app!.workers} | ${by} |`;
    }),
  ];
}

/** How far rows misstate the work where documents differ in length: the planner's rule, by rows and by bytes. */
function balanceNote(cr: CaseResult, workers: number): string[] {
  const { fragments, columnBytes } = cr.dataset;
  if (new Set(cr.c.words ?? []).size < 2 || workers < 2) return [];
  const heaviest = (sizes: number[]) => {
    const plan = balanceFragments(
      sizes.map((s, id) => ({ id, rows: s })),
      workers,
    );
    const loads = plan.workers.map((w) => w.fragmentIds.reduce((a, id) => a + columnBytes[id]!, 0));
    return Math.max(...loads) / (columnBytes.reduce((a, b) => a + b, 0) / workers);
  };
  return [
    '',
    `Balanced by rows, ${workers} batches put ${heaviest(fragments).toFixed(2)}x the ideal share of the column's bytes on the heaviest; balanced by bytes, ${heaviest(columnBytes).toFixed(2)}x.`,
  ];
}

/** How recall was measured, and any run whose recall could not be. */
function recallNotes(cr: CaseResult): string[] {
  if (!cr.c.vector) return [];
  const missing = cr.runs.flatMap((x) => x.results.filter((r) => r.recallError).map((r) => `- ${x.label}: recall not measured: ${r.recallError}`));
  return [
    '',
    `${recallMethod(cr.c)}; median over the runs; Δ = its recall minus that of the pinned pylance's own build.`,
    ...(missing.length ? ['', ...missing] : []),
  ];
}

/** One line per case, one column per tool: the issue's own table, from this run's medians. */
function summaryTable(builds: CaseResult[]): string[] {
  const ids = [...new Set(builds.flatMap((cr) => cr.runs.map((x) => x.contender.id)))];
  const labels = ids.map((id) => builds.flatMap((cr) => cr.runs).find((x) => x.contender.id === id)!.label);
  const cell = (cr: CaseResult, id: string) => {
    const t = tally(cr, id);
    return t ? (id === 'app' ? `**${n2(t.median)}**` : n2(t.median)) : cr.runs.some((x) => x.contender.id === id) ? 'failed' : '';
  };
  return [
    '## Summary (median wall s)',
    '',
    `| case | ${labels.join(' | ')} |`,
    `|---|${ids.map(() => '---').join('|')}|`,
    ...builds.map((cr) => `| ${cr.c.id} | ${ids.map((id) => cell(cr, id)).join(' | ')} |`),
    '',
  ];
}

function caseSection(cr: CaseResult, r: ReportInput): string[] {
  const d = cr.dataset;
  const best = bestPeer(cr)?.median;
  const floor = tally(cr, 'floor')?.median;
  const recall = cr.c.vector ? { pylance: tally(cr, 'pylance')?.recall ?? null } : undefined;
  return [
    `## ${cr.c.id}: ${cr.c.title}${r.size === 'smoke' ? ` (smoke: 1/${SMOKE_DIVISOR})` : ''}`,
    '',
    `${int(d.rows)} rows in ${d.fragments.length} fragments of ${int(Math.min(...d.fragments))}–${int(Math.max(...d.fragments))} rows; the indexed column \`${cr.c.column}\` is ${mib(d.columnBytes.reduce((a, b) => a + b, 0))} in memory.`,
    '',
    `| tool | median s | spread s | in-process s | peak RSS MiB | × best peer | × floor |${recall ? ` recall@${RECALL_K} | Δ recall vs pylance |` : ''}`,
    `|---|---|---|---|---|---|---|${recall ? '---|---|' : ''}`,
    ...cr.runs.map((x) => toolRow(x.label, x.results, best, floor, x.contender.id === 'app', recall)),
    ...cr.skipped.map((x) => `| ${x.label} | not run: ${x.reason} | | | | | |${recall ? ' | |' : ''}`),
    ...recallNotes(cr),
    ...breakdownRows(cr),
    ...balanceNote(cr, r.workers),
    '',
  ];
}

export function renderReport(r: ReportInput): string {
  const sizeNote = r.size === 'smoke' ? `smoke size (1/${SMOKE_DIVISOR} of the issue's rows)` : 'full size';
  return [
    `# Benchmark: lance-index build against its peers (${new Date().toISOString()})`,
    '',
    `${sizeNote}, ${r.runs} interleaved run${r.runs === 1 ? '' : 's'} per tool, the app's parallel build and lance-ray with ${r.workers} workers. Made by \`npm run bench\` (bench/run.ts).`,
    '',
    ...machineSection(r),
    ...(r.builds ? HOW_TO_READ : []),
    ...(r.builds?.length ? summaryTable(r.builds) : []),
    ...(r.checks?.length ? ["## Targets (issues 11 and 14), from this run's medians", '', '```', ...formatChecks(r.checks), '```', ''] : []),
    ...(r.builds ?? []).flatMap((cr) => caseSection(cr, r)),
    ...r.extra,
  ].join('\n');
}
