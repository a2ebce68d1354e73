/** A plain Ray job (not lance-index's) run to its end on the test cluster, for what other tools do. */
import { setTimeout as delay } from 'node:timers/promises';
import { FINISHED_STATUSES, type RayClient } from '@engine/ray/ray-client.js';

export async function runJobToEnd(client: RayClient, entrypoint: string, timeoutMs = 180_000): Promise<{ status: string; logs: string }> {
  const { submission_id } = await client.submit({ entrypoint });
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const info = await client.job(submission_id);
    if (FINISHED_STATUSES.has(info.status)) return { status: info.status, logs: await client.jobLogs(submission_id) };
    if (performance.now() > deadline) {
      await client.stop(submission_id);
      throw new Error(`job ${submission_id} still ${info.status} after ${timeoutMs / 1000} s:\n${await client.jobLogs(submission_id)}`);
    }
    await delay(250);
  }
}
