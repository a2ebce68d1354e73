/**
 * Every build of this session, keyed by job id, folded from the core's events with the same
 * pure reducer the core uses (applyBuildEvent). Its subscription is made by startProgressStore
 * (startStores), before loadBuilds, so no event falls between the catch-up and the live feed.
 */
import { create } from 'zustand';
import type { BuildEvent, BuildRequest } from '@shared/contract/build';
import { applyBuildEvent, initialBuildState, type BuildState } from '@shared/contract/build-state';
import { targetLabel, type DatasetTarget } from '@shared/contract/dataset';
import type { ApiCallError } from '@shared/contract/bridge';
import { api } from '../../api/bridge';

export interface JobMeta {
  jobId: string;
  /** Wall-clock ms at the job's t=0 (events carry ms since then), for live elapsed times. */
  wallT0: number;
  target?: DatasetTarget;
  datasetLabel?: string;
  column?: string;
  indexType?: string;
  workers?: number;
}

interface ProgressStore {
  jobs: Record<string, BuildState>;
  meta: Record<string, JobMeta>;
  /** Newest first. */
  order: string[];
  activeJobId: string | null;
  starting: boolean;
  /** The build whose cancel is being asked to confirm (it has run past a few seconds). */
  confirmingCancel: string | null;
  /** The build a cancel was sent for, until its result arrives. */
  cancelling: string | null;
}

export const useProgress = create<ProgressStore>(() => ({
  jobs: {},
  meta: {},
  order: [],
  activeJobId: null,
  starting: false,
  confirmingCancel: null,
  cancelling: null,
}));

const finishedListeners = new Set<(s: BuildState, meta: JobMeta | undefined) => void>();
export function onBuildFinished(l: (s: BuildState, meta: JobMeta | undefined) => void): () => void {
  finishedListeners.add(l);
  return () => finishedListeners.delete(l);
}

function upsert(jobId: string, next: BuildState, t: number): void {
  useProgress.setState((s) => ({
    jobs: { ...s.jobs, [jobId]: next },
    meta: s.meta[jobId] ? s.meta : { ...s.meta, [jobId]: { jobId, wallT0: Date.now() - t } },
    order: s.order.includes(jobId) ? s.order : [jobId, ...s.order],
    // The commit has started: there is nothing left to cancel, so no question stays open about it.
    confirmingCancel: s.confirmingCancel === jobId && next.phases.commit !== 'pending' ? null : s.confirmingCancel,
  }));
}

function onBuildEvent(e: BuildEvent): void {
  const prev = useProgress.getState().jobs[e.jobId];
  const next = applyBuildEvent(prev ?? initialBuildState(e.jobId), e);
  upsert(e.jobId, next, e.t);
  if (e.type === 'result') {
    useProgress.setState((s) => ({
      confirmingCancel: s.confirmingCancel === e.jobId ? null : s.confirmingCancel,
      cancelling: s.cancelling === e.jobId ? null : s.cancelling,
    }));
    const meta = useProgress.getState().meta[e.jobId];
    for (const l of finishedListeners) l(next, meta);
  }
}

// Milestone snapshots: they repair anything this window missed (it opened late, a frame dropped).
function onBuildState(state: BuildState): void {
  const prev = useProgress.getState().jobs[state.jobId];
  if (!prev || state.updatedAt >= prev.updatedAt) upsert(state.jobId, state, state.updatedAt);
}

/** Follows the core's build events and snapshots; returns the unsubscribe. */
export function startProgressStore(): () => void {
  const offs = [api.on('buildEvent', onBuildEvent), api.on('buildState', onBuildState)];
  return () => {
    for (const off of offs) off();
  };
}

/** Catch up with builds that ran before this window opened (browser tab reloaded, ...). */
export async function loadBuilds(): Promise<void> {
  try {
    const states = await api.listBuilds({});
    for (const s of states) {
      const prev = useProgress.getState().jobs[s.jobId];
      if (!prev || s.updatedAt >= prev.updatedAt) upsert(s.jobId, s, s.updatedAt);
    }
  } catch {
    // History is a convenience; a failed fetch leaves what this window saw.
  }
}

/** Starts a build; resolves the job id, or rejects with the core's error (which names its field). */
export async function runBuild(request: BuildRequest): Promise<string> {
  useProgress.setState({ starting: true });
  try {
    const { jobId } = await api.startBuild(request);
    useProgress.setState((s) => ({
      activeJobId: jobId,
      meta: {
        ...s.meta,
        [jobId]: {
          ...(s.meta[jobId] ?? { jobId, wallT0: Date.now() }),
          target: request.target as DatasetTarget,
          datasetLabel: targetLabel(request.target as DatasetTarget),
          column: request.column,
          indexType: request.indexType,
          workers: typeof request.workers === 'number' ? request.workers : undefined,
        },
      },
      order: s.order.includes(jobId) ? s.order : [jobId, ...s.order],
    }));
    return jobId;
  } catch (err) {
    throw err as ApiCallError;
  } finally {
    useProgress.setState({ starting: false });
  }
}

export async function cancelActiveBuild(): Promise<boolean> {
  const { activeJobId, jobs } = useProgress.getState();
  if (!activeJobId || jobs[activeJobId]?.status !== 'running') return false;
  useProgress.setState({ cancelling: activeJobId, confirmingCancel: null });
  try {
    return (await api.cancelBuild({ jobId: activeJobId })).cancelled;
  } catch {
    useProgress.setState({ cancelling: null });
    return false;
  }
}

export function isRunning(): boolean {
  const { activeJobId, jobs } = useProgress.getState();
  return !!activeJobId && jobs[activeJobId]?.status === 'running';
}
