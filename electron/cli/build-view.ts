/**
 * How a build looks in the terminal: live bars per batch on a TTY, one line per step otherwise,
 * or one JSON object per event with --json.
 */
import cliProgress from 'cli-progress';
import type { BuildEvent, BuildResult } from '@shared/contract/build.js';
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

  constructor(private readonly mode: ViewMode, private readonly out: NodeJS.WriteStream = process.stdout) {}

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
        if (e.state !== 'started') this.print(`${e.state === 'done' ? '✓' : '✗'} ${e.phase}${e.elapsedMs !== undefined ? ` (${formatDuration(e.elapsedMs)})` : ''}`);
        break;
      case 'plan':
        this.print(`Index '${e.indexName}' at dataset version ${e.readVersion}. Balance:\n${renderPlan(e.plan)}`);
        break;
      case 'batch-queued':
        if (this.mode === 'tty') {
          this.bars ??= new cliProgress.MultiBar(
            { format: ' batch {batch} w{worker} [{bar}] {percentage}% {frags} frags {rows} rows  {state}', hideCursor: true, clearOnComplete: false, barsize: 24 },
            cliProgress.Presets.shades_classic,
          );
          this.batchBars.set(e.batch, this.bars.create(100, 0, { batch: e.batch, worker: e.worker, frags: e.fragmentIds.length, rows: formatCount(e.rows), state: 'queued' }));
        }
        break;
      case 'batch-started':
        this.batchBars.get(e.batch)?.update({ worker: e.worker, state: e.attempt > 1 ? `running (attempt ${e.attempt})` : 'running' });
        if (this.mode === 'lines') this.print(`  batch ${e.batch} started on worker ${e.worker}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`);
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
        if (this.mode === 'lines') this.print(`  batch ${e.batch} done on worker ${e.worker} in ${formatDuration(e.elapsedMs)}`);
        break;
      case 'batch-failed':
        this.batchBars.get(e.batch)?.update({ state: e.willRetry ? 'retrying' : 'FAILED' });
        this.print(`  batch ${e.batch} failed on worker ${e.worker} (attempt ${e.attempt})${e.willRetry ? ', retrying on another worker' : ''}: ${e.error}`);
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
        ['batch', 'worker', 'frags', 'rows', 'attempts', 'time'],
        r.batches.map((b) => [b.batch, `w${b.worker}`, b.fragmentIds.length, formatCount(b.rows), b.attempts, formatDuration(b.elapsedMs)]),
        ['r', 'l', 'r', 'r', 'r', 'r'],
      ).replace(/^/gm, '  '),
    );
  }
  if (v) {
    lines.push(`Verification: ${v.ok ? 'OK' : 'PROBLEMS'}`);
    lines.push(`  listed as ${v.type} with ${v.segments} segment(s), covering ${v.coveredFragments?.length} fragment(s)`);
    if (v.query) lines.push(`  query ${v.query.text}: ${v.query.usesIndex ? 'uses the index' : 'does NOT use the index'}${v.query.rows !== undefined ? `, answers checked (${v.query.rows} row(s) in the probed fragments)` : ''}`);
    if (v.unindexedFragments?.length) lines.push(`  unindexed fragments (newer than the build): ${v.unindexedFragments.join(', ')}`);
    if (v.lancedb) {
      lines.push(
        v.lancedb.checked
          ? `  @lancedb/lancedb: ${v.lancedb.listed ? 'lists it' : v.lancedb.note ?? 'does NOT list it'}${v.lancedb.usesIndex !== undefined ? `, ${v.lancedb.usesIndex ? 'its query uses it' : 'its query does NOT use it'}` : ''}`
          : `  @lancedb/lancedb: ${v.lancedb.note}`,
      );
    }
    for (const p of v.problems) lines.push(`  problem: ${p}`);
  }
  const t = r.timingsMs;
  lines.push(`Timings: validate ${formatDuration(t.validate)}, plan ${formatDuration(t.plan)}, build ${formatDuration(t.build)}, commit ${formatDuration(t.commit)}, verify ${formatDuration(t.verify)}; total ${formatDuration(t.total)}`);
  return lines.join('\n');
}
