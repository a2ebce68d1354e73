/**
 * `npm run bench`: this app against its peers, in one run on one machine (issue 11).
 *   builds   every case (bench/cases.ts) with every contender (bench/contenders.ts): the app's
 *            CLI with N and 1 workers and with --workers omitted, pylance's single-process build
 *            (pinned and newest), @lancedb/lancedb's createIndex, lance-ray on a local Ray, and
 *            the floor (the column read once); interleaved runs, medians, the targets;
 *            on vector cases (issue 14) also each index's recall@10, measured alike for every tool
 *   latency  query latency on merged vs per-batch segments (the --merge-segments default)
 *   plan     the planner's time for 1,000,000 fragments onto 64 workers
 * Options: see bench/options.ts (USAGE) or `npm run bench -- --help`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pythonExecutable } from '../electron/engine/python-env.js';
import { type CaseResult, runBuilds } from './builds.js';
import type { Tools } from './contenders.js';
import { queryLatency } from './latency.js';
import { describeCode, describeMachine, lancedbVersion, pylanceVersion, pyOut } from './machine.js';
import { clearMachineOnlyEnv } from './machine-env.js';
import { parseOptions, USAGE } from './options.js';
import { PREV_PIN, PREV_PYTHON, REPO } from './paths.js';
import { planTimingReport, timePlanning } from './plan-timing.js';
import { stopRunning } from './process-tree.js';
import { type RayHead, startRayHead } from './ray-head.js';
import { ensureRayVenv } from './ray-venv.js';
import { renderReport } from './report.js';
import { startWarmEngine, type WarmEngine } from './warm-engine.js';
import { type Check, formatChecks, checkTargets } from './targets.js';

const opts = (() => {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();
const python = pythonExecutable();
const machine = describeMachine(python);
const nodeStartTax = clearMachineOnlyEnv();
const code = describeCode();
warnIfCliIsStale();

const workRoot = mkdtempSync(join(tmpdir(), 'lance-index-bench-'));
const dataDir = opts.dataDir ?? join(workRoot, 'data');
let ray: RayHead | undefined;
let rayError: string | undefined;
let warm: WarmEngine | undefined;
let warmError: string | undefined;
const cleanUp = async () => {
  stopRunning();
  await ray?.stop();
  ray = undefined;
  warm?.stop();
  warm = undefined;
  rmSync(workRoot, { recursive: true, force: true });
};
// Ctrl-C must not leave a Ray head or gigabytes of copies behind.
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

const tools: Tools = {
  python,
  prevPython: existsSync(PREV_PYTHON) ? PREV_PYTHON : undefined,
  versions: {
    pylance: pylanceVersion(python) ?? '?',
    pylancePrev: existsSync(PREV_PYTHON) ? pylanceVersion(PREV_PYTHON) : undefined,
    lancedb: lancedbVersion(),
  },
};
let builds: CaseResult[] | undefined;
let checks: Check[] | undefined;
let rayStats: RayHead | undefined;
let rayVersion: string | undefined;
const extra: string[] = [];

try {
  if (opts.parts.has('builds')) {
    // A Ray head only when lance-ray has a case to run (it sits out the vector cases).
    const lanceRay = opts.contenders.find((c) => c.id === 'lance-ray');
    if (lanceRay && opts.cases.some((c) => !lanceRay.appliesTo || lanceRay.appliesTo(c))) {
      const venv = ensureRayVenv();
      tools.rayPython = venv.python;
      tools.versions.lanceRay = pyOut(venv.python, "import importlib.metadata as m; print(m.version('lance-ray'))");
      rayVersion = pyOut(venv.python, 'import ray; print(ray.__version__)');
      console.log(`Starting a local Ray head (${opts.workers} CPUs, 127.0.0.1) for lance-ray ...`);
      try {
        ray = await startRayHead(venv.rayBin, opts.workers);
        tools.ray = ray;
        rayStats = ray;
        console.log(`  up in ${ray.startS.toFixed(2)} s; idle: ${ray.idleRssMiB.toFixed(0)} MiB, ${ray.idleCpuPercent.toFixed(1)}% of a core`);
      } catch (err) {
        rayError = (err as Error).message.split('\n')[0];
        console.log(`  Ray did not start, lance-ray is left out: ${(err as Error).message}`);
      }
    }
    if (opts.contenders.some((c) => c.id.endsWith('-warm'))) {
      console.log("Starting the app's warm engine (lance-index engine start) ...");
      try {
        warm = startWarmEngine(workRoot);
        tools.warm = warm;
        console.log(`  up in ${warm.startS.toFixed(2)} s; idle: ${warm.idleRssMiB.toFixed(0)} MiB`);
      } catch (err) {
        warmError = (err as Error).message.split('\n')[0];
        console.log(`  it did not start, the warm runs are left out: ${warmError}`);
      }
    }
    builds = await runBuilds({ ...opts, dataDir, workDir: join(workRoot, 'runs'), tools });
    checks = checkTargets(builds, opts.size);
    await ray?.stop();
    ray = undefined;
  }
  if (opts.parts.has('latency')) {
    extra.push(...(await queryLatency({ rows: opts.size === 'full' ? 1_000_000 : 50_000, fragments: 32, workers: opts.workers, workDir: workRoot, python })));
  }
  if (opts.parts.has('plan')) extra.push(...planTimingReport(timePlanning()));
} finally {
  await cleanUp();
}

const versions = [
  `pylance ${tools.versions.pylance} (pinned, the app's engine)` +
    (tools.versions.pylancePrev ? ` and ${tools.versions.pylancePrev} (${PREV_PIN}, .venv-prev)` : ''),
  `@lancedb/lancedb ${tools.versions.lancedb}`,
  ...(tools.rayPython ? [`Ray ${rayVersion} with lance-ray ${tools.versions.lanceRay} (bench/.venv-ray)`] : []),
].join('; ');
const report = renderReport({
  size: opts.size,
  runs: opts.runs,
  workers: opts.workers,
  machine,
  nodeStartTax,
  versions,
  code,
  loadAtEnd: loadavg(),
  ray: rayStats,
  rayError,
  warm: tools.warm,
  warmError,
  builds,
  checks,
  extra,
});
console.log('\n' + report);
if (opts.out) {
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, report);
  // Every run's numbers beside the report, for comparing runs or reading what a median hides.
  const raw = builds?.map((cr) => ({
    case: cr.c.id,
    dataset: cr.dataset,
    runs: cr.runs.map((x) => ({ id: x.contender.id, label: x.label, results: x.results })),
    skipped: cr.skipped,
  }));
  writeFileSync(
    opts.out.replace(/\.md$/, '') + '.json',
    JSON.stringify(
      {
        machine,
        code,
        size: opts.size,
        runs: opts.runs,
        workers: opts.workers,
        ray: rayStats && { startS: rayStats.startS, idleRssMiB: rayStats.idleRssMiB, idleCpuPercent: rayStats.idleCpuPercent },
        builds: raw,
        checks,
      },
      null,
      1,
    ),
  );
  console.log(`\nReport written to ${opts.out}`);
} else {
  console.log('\n(a partial run: the report is printed only; --out FILE writes it)');
}
if (checks?.length) console.log(['', 'Targets:', ...formatChecks(checks)].join('\n'));

/** The CLI runs from its bundle (out/node): a bundle older than the sources measures old code. */
function warnIfCliIsStale(): void {
  const bundle = join(REPO, 'out', 'node', 'cli.js');
  if (!existsSync(bundle)) throw new Error('The CLI is not built: run `npm run build:node` first.');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : /\.ts$/.test(e.name) ? statSync(p).mtimeMs : 0);
    }, 0);
  const sources = Math.max(...['electron/cli', 'electron/core', 'electron/engine', 'shared'].map((d) => newest(join(REPO, d))));
  if (sources > statSync(bundle).mtimeMs) console.log('Note: out/node/cli.js is older than the sources; `npm run build:node` would measure the current code.');
}
