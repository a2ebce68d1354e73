/** What `lance-index cluster` and the window's Cluster view show: one look at the cluster. */
import type { ClusterStatus } from '@shared/contract/cluster.js';
import { RayClient, type RayConnection } from './ray-client.js';

export async function clusterStatus(connection: RayConnection): Promise<ClusterStatus> {
  const client = new RayClient(connection);
  const version = await client.version(); // first: a wrong address or token fails here, with its message
  const [nodes, jobs] = await Promise.all([client.nodes(), client.jobs()]);
  return {
    address: client.address,
    rayVersion: version.ray_version,
    nodes: nodes
      .map((n) => ({
        id: n.node_id,
        ip: n.node_ip,
        alive: n.state === 'ALIVE',
        head: n.is_head_node,
        cpus: n.resources_total.CPU ?? 0,
        memoryBytes: n.resources_total.memory ?? 0,
      }))
      .sort((a, b) => Number(b.alive) - Number(a.alive) || Number(b.head) - Number(a.head) || a.ip.localeCompare(b.ip)),
    jobs: jobs
      .map((j) => ({
        submissionId: j.submission_id,
        status: j.status,
        entrypoint: j.entrypoint,
        lanceIndexKind: j.metadata?.app === 'lance-index' ? (j.metadata.kind ?? null) : null,
        startTime: j.start_time ?? null,
        endTime: j.end_time ?? null,
      }))
      .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0)),
  };
}
