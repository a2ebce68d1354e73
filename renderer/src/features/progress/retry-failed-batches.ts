/**
 * "Retry failed batches": the core runs a failed build's failed batches again, with the segments
 * the others built, as a new job. The new job is followed like any build (it becomes the active
 * one, with the old job's dataset and settings, so History and the refresh after it know them).
 */
import { api } from '../../api/bridge';
import { showView } from '../../store/ui-store';
import { useBuild } from '../build/build-store';
import { useProgress } from './progress-store';

export async function retryFailedBatches(failedJobId: string): Promise<string> {
  const { jobId } = await api.retryFailedBatches({ jobId: failedJobId });
  useProgress.setState((s) => ({
    activeJobId: jobId,
    meta: { ...s.meta, [jobId]: { ...s.meta[failedJobId], ...s.meta[jobId], jobId, wallT0: s.meta[jobId]?.wallT0 ?? Date.now() } },
    order: s.order.includes(jobId) ? s.order : [jobId, ...s.order],
  }));
  useBuild.setState({ showRun: true });
  showView('build');
  return jobId;
}
