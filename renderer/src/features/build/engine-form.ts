/**
 * Where the Build form's build runs, as typed: this machine, or a Ray cluster reached through its
 * dashboard. Pure, for tests. The token lives only here, in memory: never in localStorage, never
 * in the recent list, and the core never echoes it back.
 */
import type { FieldError } from '@shared/contract/api';
import type { EngineChoice } from '@shared/contract/build';
import type { ClusterStatus, RayTarget } from '@shared/contract/cluster';
import { aliveCpus } from '../cluster/cluster-logic';

export interface EngineForm {
  kind: 'local' | 'ray';
  /** The Ray dashboard (Jobs API), e.g. http://127.0.0.1:8265. */
  address: string;
  token: string;
  /** Add the engine's exact pins to the job's runtime_env pip. */
  pip: boolean;
}

export const DEFAULT_ENGINE: EngineForm = { kind: 'local', address: '', token: '', pip: false };
export const RAY_ADDRESS_EXAMPLE = 'http://127.0.0.1:8265';

/** What the request carries; an empty token is no token (a cluster without auth). */
export function engineChoice(e: EngineForm): EngineChoice {
  if (e.kind === 'local') return { kind: 'local' };
  return { kind: 'ray', address: e.address.trim(), ...(e.token ? { token: e.token } : {}), pip: e.pip };
}

/** The cluster to ask, or the problem to show under the address field before asking anything. */
export function rayTarget(e: EngineForm): RayTarget | FieldError {
  const address = e.address.trim();
  if (!address) return { field: 'rayAddress', message: `Give the Ray dashboard's address, e.g. ${RAY_ADDRESS_EXAMPLE}.` };
  return { address, ...(e.token ? { token: e.token } : {}) };
}

/**
 * Which connection a check answered for: a check of another address or token says nothing about
 * this one (the token is part of it, so a new token is checked again). In memory only.
 */
export function connectionKey(e: EngineForm): string | null {
  return e.kind === 'ray' ? JSON.stringify([e.address.trim(), e.token]) : null;
}

/**
 * The CPUs the suggested worker count is made for: the cluster's alive CPUs once a check of the
 * chosen cluster answered, else this machine's (a build on Ray is not bound by this machine).
 */
export function workerCpus(e: EngineForm, cluster: ClusterStatus | null, hereCpus: number): { cpus: number; where: 'cluster' | 'here' } {
  return e.kind === 'ray' && cluster ? { cpus: aliveCpus(cluster), where: 'cluster' } : { cpus: hereCpus, where: 'here' };
}

/** The engine as validation sees it: validation reads this machine's view only, so the token stays out of it. */
export function withoutToken(choice: EngineChoice | undefined): EngineChoice | undefined {
  if (choice?.kind !== 'ray') return choice;
  const { token: _token, ...rest } = choice;
  return rest;
}
