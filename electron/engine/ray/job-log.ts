/**
 * Following a Ray job's log to its end, line by line: the `/logs/tail` websocket streams the log
 * from its start as it grows and closes when the job ends. If the socket can't be used (a proxy
 * in between, a dropped connection) the log is polled instead; either way each line is delivered
 * once, in order, because the log only grows and we count what was delivered.
 *
 * Ray closes the socket only seconds after the job has ended (it re-checks the status once a
 * second after reaching the log's end), so when `onLine` says a line was the job's last word,
 * following stops there and only the job's status is awaited.
 */
import type { RawData } from 'ws';
import { setTimeout as delay } from 'node:timers/promises';
import { FINISHED_STATUSES, type JobInfo, type RayClient } from './ray-client.js';

const POLL_INTERVAL_MS = 250;

export interface FollowOptions {
  /** Returns true for the job's last line (its final event): nothing after it matters. */
  onLine: (line: string) => boolean | void;
}

export class JobLogFollower {
  private received = 0;
  private partial = '';
  private finalLineSeen = false;
  private closeSocket: (() => void) | undefined;

  constructor(
    private readonly client: RayClient,
    private readonly submissionId: string,
    private readonly opts: FollowOptions,
  ) {}

  /** Resolves with the job's final state once it has ended and every line has been delivered. */
  async follow(): Promise<JobInfo> {
    for (;;) {
      const viaSocket = await this.tailOnce();
      if (this.finalLineSeen) return this.statusOnceFinished();
      const info = await this.client.job(this.submissionId);
      if (FINISHED_STATUSES.has(info.status)) {
        this.take(await this.client.jobLogs(this.submissionId)); // whatever the socket didn't bring
        if (this.partial && !this.finalLineSeen) this.opts.onLine(this.partial);
        this.partial = '';
        return info;
      }
      if (!viaSocket) await this.pollUntilFinished();
    }
  }

  /** The driver has said its last word and is exiting: wait for Ray to record how it ended. */
  private async statusOnceFinished(): Promise<JobInfo> {
    for (;;) {
      const info = await this.client.job(this.submissionId);
      if (FINISHED_STATUSES.has(info.status)) return info;
      await delay(POLL_INTERVAL_MS);
    }
  }

  /** Streams the log until the socket closes; false if it could not be opened at all. */
  private async tailOnce(): Promise<boolean> {
    // Loaded here: a local build never needs it, and loading it costs every CLI start ~25 ms.
    const { default: WebSocket } = await import('ws');
    const url = new URL(`/api/jobs/${encodeURIComponent(this.submissionId)}/logs/tail`, this.client.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let skip = this.received; // the socket starts again from the log's first byte
    return new Promise((resolve) => {
      // Without perMessageDeflate: false, Ray's server closes the socket before sending a frame.
      const ws = new WebSocket(url, { headers: this.client.headers(), perMessageDeflate: false, handshakeTimeout: 15_000 });
      let opened = false;
      this.closeSocket = () => ws.terminate();
      ws.on('open', () => (opened = true));
      ws.on('message', (data: RawData) => {
        let text = data.toString();
        if (skip > 0) {
          const dropped = Math.min(skip, text.length);
          text = text.slice(dropped);
          skip -= dropped;
        }
        this.take(text, true);
      });
      ws.on('error', () => undefined); // 'close' follows and decides
      ws.on('close', () => {
        this.closeSocket = undefined;
        resolve(opened);
      });
    });
  }

  private async pollUntilFinished(): Promise<void> {
    for (;;) {
      const info = await this.client.job(this.submissionId);
      this.take(await this.client.jobLogs(this.submissionId));
      if (FINISHED_STATUSES.has(info.status) || this.finalLineSeen) return;
      await delay(POLL_INTERVAL_MS);
    }
  }

  /** `text` is either the whole log so far (polling) or the next piece of it (the socket). */
  private take(text: string, isPiece = false): void {
    const fresh = isPiece ? text : text.slice(this.received);
    if (!fresh || this.finalLineSeen) return;
    this.received += fresh.length;
    const lines = (this.partial + fresh).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (this.opts.onLine(line) === true) {
        this.finalLineSeen = true;
        this.closeSocket?.();
        return;
      }
    }
  }
}
