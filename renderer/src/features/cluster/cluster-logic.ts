/** What the window says about a Ray cluster and the builds that ran on it. Pure, for tests. */
import type { NodeRef } from '@shared/contract/build';
import type { BuildState } from '@shared/contract/build-state';
import type { ClusterJob, ClusterStatus } from '@shared/contract/cluster';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Ray's node ids are 56 hex characters; the first 8 tell a handful of nodes apart. */
export function shortNodeId(id: string): string {
  return id.slice(0, 8);
}

/** "127.0.0.1 · 3f9a2c1b": nodes of one machine share the ip, so the id is always shown. */
export function nodeLabel(node: NodeRef): string {
  return node.ip ? `${node.ip} · ${shortNodeId(node.id)}` : shortNodeId(node.id);
}

/** CPUs a build can use: alive nodes only. */
export function aliveCpus(status: ClusterStatus): number {
  return status.nodes.filter((n) => n.alive).reduce((sum, n) => sum + n.cpus, 0);
}

/** The connection check's one line: "Ray 2.60.0 · 2 nodes alive · 3 CPUs". */
export function clusterVerdict(status: ClusterStatus): string {
  const alive = status.nodes.filter((n) => n.alive).length;
  const dead = status.nodes.length - alive;
  const parts = [`Ray ${status.rayVersion}`, `${plural(alive, 'node')} alive`, plural(aliveCpus(status), 'CPU')];
  if (dead > 0) parts.push(`${dead} dead`);
  return parts.join(' · ');
}

const ACTIVE_JOB = new Set(['RUNNING', 'PENDING']);

/** Running and pending jobs first, then the newest; the Jobs API lists them in no useful order. */
export function orderJobs(jobs: readonly ClusterJob[]): ClusterJob[] {
  return [...jobs].sort((a, b) => Number(ACTIVE_JOB.has(b.status)) - Number(ACTIVE_JOB.has(a.status)) || (b.startTime ?? 0) - (a.startTime ?? 0));
}

/** The build the Cluster view follows: the running one if it is on Ray, else the newest Ray build. */
export function rayBuildToShow(jobs: Readonly<Record<string, BuildState>>, order: readonly string[], activeJobId: string | null): BuildState | null {
  const isRay = (s: BuildState | undefined) => s?.engine?.kind === 'ray' || s?.result?.engine?.kind === 'ray';
  const active = activeJobId ? jobs[activeJobId] : undefined;
  if (active && active.status === 'running' && isRay(active)) return active;
  for (const id of order) if (isRay(jobs[id])) return jobs[id]!;
  return null;
}

/** Which batches of a build ran (or run) on each node, by node id: the nodes table's last column. */
export function batchesByNode(state: BuildState | null): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const b of state?.batches ?? []) {
    if (!b.node) continue;
    out.set(b.node.id, [...(out.get(b.node.id) ?? []), b.batch]);
  }
  return out;
}

/** The Ray job a build submitted, once it has one. */
export function submissionOf(state: BuildState): string | undefined {
  const e = state.result?.engine ?? state.engine;
  return e?.kind === 'ray' ? e.submissionId : undefined;
}
