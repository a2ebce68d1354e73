import type { Command } from 'commander';
import { formatBytes } from '@shared/format.js';
import type { ClusterStatus } from '@shared/contract/cluster.js';
import { clusterStatus } from '@engine/ray/cluster-status.js';
import { addRayOptions, rayAddressFromFlags, type RayFlags } from '../ray-options.js';
import { reportError } from '../run-command.js';
import { textTable } from '../text-table.js';

const RUNNING = new Set(['PENDING', 'RUNNING']);

export function registerCluster(program: Command): void {
  const cmd = program.command('cluster').description('a Ray cluster at a glance: version, nodes (alive, CPUs, memory), running jobs');
  addRayOptions(cmd, { withEngine: false })
    .option('--json', 'print as JSON', false)
    .action(async (o: RayFlags & { json: boolean }) => {
      let code = 0;
      try {
        const status = await clusterStatus({ address: rayAddressFromFlags(o), token: o.rayToken ?? process.env.RAY_AUTH_TOKEN });
        process.stdout.write((o.json ? JSON.stringify(status, null, 2) : renderCluster(status)) + '\n');
      } catch (err) {
        code = reportError(err);
      }
      process.exitCode = code;
    });
}

export function renderCluster(s: ClusterStatus): string {
  const alive = s.nodes.filter((n) => n.alive);
  const cpus = alive.reduce((sum, n) => sum + n.cpus, 0);
  const running = s.jobs.filter((j) => RUNNING.has(j.status));
  return [
    `Ray ${s.rayVersion} at ${s.address}: ${alive.length} alive node${alive.length === 1 ? '' : 's'} (${s.nodes.length - alive.length} dead), ${cpus} CPUs`,
    '',
    textTable(
      ['node', 'ip', 'state', 'role', 'CPUs', 'memory'],
      s.nodes.map((n) => [n.id.slice(0, 12), n.ip, n.alive ? 'alive' : 'dead', n.head ? 'head' : 'worker', n.cpus, formatBytes(n.memoryBytes)]),
      ['l', 'l', 'l', 'l', 'r', 'r'],
    ),
    '',
    running.length
      ? textTable(
          ['running job', 'status', 'what'],
          running.map((j) => [j.submissionId, j.status, j.lanceIndexKind ? `lance-index ${j.lanceIndexKind}` : j.entrypoint.slice(0, 60)]),
        )
      : `No running jobs (${s.jobs.length} finished).`,
  ].join('\n');
}
