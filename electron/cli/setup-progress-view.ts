/** The engine set-up on a terminal: one line per step and package (a live bar on a TTY), or JSON lines. */
import { formatBytes } from '@shared/format.js';
import type { SetupProgress, SetupResult } from '@engine/setup/engine-setup.js';

export class SetupProgressView {
  private lastLine = '';
  private readonly tty = !!process.stdout.isTTY;

  constructor(private readonly json: boolean) {}

  progress(p: SetupProgress): void {
    if (this.json) {
      process.stdout.write(JSON.stringify({ type: 'progress', ...p }) + '\n');
      return;
    }
    const bytes = p.bytes && p.bytes.total > 0 ? ` ${formatBytes(p.bytes.done)} of ${formatBytes(p.bytes.total)}` : '';
    const line = `${String(Math.floor(p.fraction * 100)).padStart(3)}%  ${p.detail}${p.package ? `: ${p.package}` : ''}${bytes}`;
    if (this.tty) {
      process.stdout.write(`\r\x1b[2K${line.slice(0, (process.stdout.columns ?? 100) - 1)}`);
    } else if (line.replace(/^ *\d+%/, '').replace(/ [\d.]+ \S+ of .*$/, '') !== this.lastLine) {
      // Without a terminal only the changes of step or package, not every byte count.
      process.stdout.write(line + '\n');
    }
    this.lastLine = line.replace(/^ *\d+%/, '').replace(/ [\d.]+ \S+ of .*$/, '');
  }

  /** pip's own lines: kept for --json (the log), left out of the terminal's summary. */
  log(line: string): void {
    if (this.json) process.stdout.write(JSON.stringify({ type: 'log', line }) + '\n');
  }

  stop(): void {
    if (this.tty && !this.json) process.stdout.write('\n');
  }

  done(r: SetupResult): void {
    if (this.json) {
      process.stdout.write(JSON.stringify({ type: 'result', result: r }) + '\n');
      return;
    }
    this.stop();
    process.stdout.write(`Engine ready: pylance ${r.pylance} in ${r.venv} (made from ${r.basePython}).\n`);
  }
}
