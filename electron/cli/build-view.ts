/**
 * How a build looks in the terminal: live bars per batch on a TTY, one line per step otherwise,
 * or one JSON object per event with --json.
 */
import cliProgress from 'cli-progress';
import type { BuildEvent, BuildResult, VectorModelSummary } from '@shared/contract/build.js';
import { concurrencyInWords, runnerName, workerName } from '@shared/balance-words.js';
import { formatCount, formatDuration } from '@shared/format.js';
import { renderPlan } from './balance-view.js';
import { textTable } from './text-table.js';

export type ViewMode = 'json' | 'tty' | 'lines';

export function pickViewMode(json: boolean): ViewMode {
  return json ? 'json' : process.stdout.isTTY && !process.env.CI ? 'tty' : 'lines';
}

export class BuildView {
  private bars: cliProgress.MultiBar | undefined;
  private readonly batchBars = new Map<number, cliProgress.SingleBar>();
  private readonly lastDecile = new Map<number, number>();
  /** The plan's batches, for saying how many of them wait when fewer run at once. */
  private plannedBatches = 0;

  constructor(
    private readonly mode: ViewMode,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {}

  private print(text: string): void {
    if (this.bars) this.bars.log(text + '\n');
    else this.out.write(text + '\n');
  }

  onEvent = (e: BuildEvent): void => {
    if (this.mode === 'json') {
      if (e.type !== 'result') this.out.write(JSON.stringify(e) + '\n');
      return;
    }
    switch (e.type) {
      case 'phase':
        // The bars belong to the build phase: freeze them before anything prints below them.
        if (e.phase === 'build' && e.state !== 'started') this.stopBars();
        if (e.state === 'started' && e.phase === 'train') this.print('Training the vector model once (IVF centroids, and the PQ codebook for PQ types)...');
        if (e.state === 'done' || e.state === 'failed')
          this.print(`${e.state === 'done' ? '✓' : '✗'} ${e.phase}${e.elapsedMs !== undefined ? ` (${formatDuration(e.elapsedMs)})` : ''}`);
        break;
      case 'train-progress':
        if (e.completed === 0 || e.total === null || e.completed < e.total) this.print(`  train: ${e.stage}`);
        break;
      case 'model':
        this.print(`  model ${e.model.modelId}${e.model.reused ? ' (from the failed run)' : ''}: ${describeModel(e.model)}; every batch builds with it`);
        break;
      case 'plan':
        this.plannedBatches = e.plan.workers.length;
        this.print(`Index '${e.indexName}' at dataset version ${e.readVersion}. Balance:\n${renderPlan(e.plan)}`);
        break;
      case 'concurrency': {
        const words = concurrencyInWords(this.plannedBatches, e.atOnce, e.reason);
        if (words) this.print(words);
        break;
      }
      case 'batch-queued':
        if (this.mode === 'tty') {
          this.bars ??= new cliProgress.MultiBar(
            {
              format: ' batch {batch} {worker} [{bar}] {percentage}% {frags} frags {rows} rows  {state}',
              hideCursor: true,
              clearOnComplete: false,
              barsize: 24,
            },
            cliProgress.Presets.shades_classic,
          );
          this.batchBars.set(
            e.batch,
            // A queued batch has no worker yet (the plan's number is only its slot; with rounds, a worker runs several).
            this.bars.create(100, 0, { batch: e.batch, worker: '--', frags: e.fragmentIds.length, rows: formatCount(e.rows), state: 'queued' }),
          );
        }
        break;
      case 'batch-started':
        this.batchBars.get(e.batch)?.update({ worker: runnerName(e), state: e.attempt > 1 ? `running (attempt ${e.attempt})` : 'running' });
        if (this.mode === 'lines') this.print(`  batch ${e.batch} started on ${where(e)}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`);
        break;
      case 'batch-progress': {
        if (e.fraction === null) {
          this.batchBars.get(e.batch)?.update({ state: e.stage });
          break;
        }
        this.batchBars.get(e.batch)?.update(Math.round(e.fraction * 100), { state: e.stage });
        const decile = Math.floor(e.fraction * 4);
        if (this.mode === 'lines' && decile > (this.lastDecile.get(e.batch) ?? 0) && decile < 4) {
          this.lastDecile.set(e.batch, decile);
          this.print(`  batch ${e.batch}: ${Math.round(e.fraction * 100)}% (${e.stage})`);
        }
        break;
      }
      case 'batch-done':
        this.batchBars.get(e.batch)?.update(100, { state: `done ${formatDuration(e.elapsedMs)}` });
        if (this.mode === 'lines') this.print(`  batch ${e.batch} done on ${where(e)} in ${formatDuration(e.elapsedMs)}`);
        break;
      case 'batch-failed':
        this.batchBars.get(e.batch)?.update({ state: e.willRetry ? 'retrying' : 'FAILED' });
        this.print(
          `  batch ${e.batch} failed on ${where(e)} (attempt ${e.attempt})${e.willRetry ? `, retrying on another ${e.node ? 'node' : 'worker'}` : ''}: ${e.error}`,
        );
        break;
      case 'engine':
        if (e.engine.kind === 'ray' && !e.engine.submissionId) this.print(`Engine: Ray cluster at ${e.engine.address}`);
        break;
      case 'log':
        this.print(`${e.level === 'info' ? '' : `${e.level}: `}${e.message}`);
        break;
      case 'result':
        this.stopBars();
        break;
    }
  };

  stopBars(): void {
    this.bars?.stop();
    this.bars = undefined;
  }

  showResult(r: BuildResult): void {
    this.stopBars();
    if (this.mode === 'json') {
      this.out.write(JSON.stringify({ type: 'result', result: r }) + '\n');
      // stdout stays JSON for scripts; the reason also goes to stderr, as without --json.
      if (!r.ok) process.stderr.write(`${r.error?.message ?? 'Build failed.'}\n`);
      return;
    }
    if (!r.ok) {
      process.stderr.write(`\n${r.error?.message ?? 'Build failed.'}\n`);
      return;
    }
    this.out.write('\n' + renderResult(r) + '\n');
  }
}

/** "worker 1" on this machine; "node 10.0.0.5 (a1b2c3d4)" on a Ray cluster. */
function where(e: { worker: number; node?: { id: string; ip: string } }): string {
  return e.node ? `node ${e.node.ip} (${e.node.id.slice(0, 8)})` : `worker ${e.worker}`;
}

export function renderResult(r: BuildResult): string {
  const v = r.verification;
  const lines = [
    `Index '${r.indexName}' (${r.indexType} on ${r.column}) committed: version ${r.readVersion} -> ${r.version}`,
    `  segments: ${r.segmentUuids?.join(', ')} (${r.workflow} workflow)`,
    `  fragments: ${r.fragmentIds?.length} covered`,
  ];
  if (r.batches.length) {
    lines.push(
      textTable(
        ['batch', r.engine?.kind === 'ray' ? 'node' : 'worker', 'frags', 'rows', 'attempts', 'time'],
        r.batches.map((b) => [
          b.batch,
          b.node ? `${b.node.ip} ${b.node.id.slice(0, 8)}` : workerName(b.worker),
          b.fragmentIds.length,
          formatCount(b.rows),
          b.attempts,
          formatDuration(b.elapsedMs),
        ]),
        ['r', 'l', 'r', 'r', 'r', 'r'],
      ).replace(/^/gm, '  '),
    );
  }
  if (v) {
    lines.push(`Verification: ${v.ok ? 'OK' : 'PROBLEMS'}`);
    lines.push(`  listed as ${v.type} with ${v.segments} segment(s), covering ${v.coveredFragments?.length} fragment(s)`);
    if (r.model)
      lines.push(
        `  model ${r.model.modelId}: ${describeModel(r.model)}; batches built with it: ${r.batches.filter((b) => b.modelId === r.model!.modelId).length} of ${r.batches.length}`,
      );
    if (v.recall)
      lines.push(
        `  recall@${v.recall.k}: ${v.recall.value} over ${v.recall.queries} queries against an exact search (nprobes ${v.recall.nprobes}${v.recall.required !== null ? `; ${v.recall.required} required` : ''})`,
      );
    if (v.query)
      lines.push(
        `  query ${v.query.text}: ${v.query.usesIndex ? 'uses the index' : 'does NOT use the index'}${v.query.rows !== undefined ? `, answers checked (${v.query.rows} row(s) in the probed fragments)` : ''}`,
      );
    const leftOut = new Set(v.leftOutFragments ?? []);
    const left = (v.unindexedFragments ?? []).filter((id) => leftOut.has(id));
    const added = (v.unindexedFragments ?? []).filter((id) => !leftOut.has(id));
    if (left.length) lines.push(`  left out of this build, not indexed: fragments ${left.join(', ')}`);
    if (added.length) lines.push(`  added since the version it read, not indexed: fragments ${added.join(', ')}`);
    if (v.lancedb) {
      lines.push(
        v.lancedb.checked
          ? `  @lancedb/lancedb: ${v.lancedb.listed ? 'lists it' : (v.lancedb.note ?? 'does NOT list it')}${v.lancedb.usesIndex !== undefined ? `, ${v.lancedb.usesIndex ? 'its query uses it' : 'its query does NOT use it'}` : ''}`
          : `  @lancedb/lancedb: ${v.lancedb.note}`,
      );
    }
    for (const p of v.problems) lines.push(`  problem: ${p}`);
  }
  const t = r.timingsMs;
  lines.push(
    `Timings: validate ${formatDuration(t.validate)}, plan ${formatDuration(t.plan)},${t.train !== undefined ? ` train ${formatDuration(t.train)},` : ''} build ${formatDuration(t.build)}, commit ${formatDuration(t.commit)}, verify ${formatDuration(t.verify)}; total ${formatDuration(t.total)}`,
  );
  return lines.join('\n');
}

function describeModel(m: VectorModelSummary): string {
  const pq = m.numSubVectors !== null ? `, PQ ${m.numSubVectors} sub-vectors × ${m.numBits} bits` : '';
  return `${m.numPartitions} IVF partitions${pq}, ${m.metric}, ${m.dimension} dimensions, trained on ${m.fragments} fragment(s) (sample rate ${m.sampleRate})`;
}
