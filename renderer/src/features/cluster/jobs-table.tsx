/** The cluster's jobs, running first; lance-index's own are marked, and the followed build's job too. */
import type { ClusterJob } from '@shared/contract/cluster';
import { Duration } from '../../components/num';
import { orderJobs } from './cluster-logic';

const when = (s: number | null) => (s === null ? '' : new Date(s).toLocaleTimeString());

export function JobsTable({ jobs, buildJob }: { jobs: readonly ClusterJob[]; buildJob?: string }) {
  if (jobs.length === 0)
    return (
      <div className="muted small" data-testid="cluster-no-jobs">
        No jobs on this cluster yet.
      </div>
    );
  return (
    <table className="grid jobs-table" data-testid="cluster-jobs">
      <thead>
        <tr>
          <th>submission</th>
          <th>status</th>
          <th>what</th>
          <th>started</th>
          <th className="r">ran</th>
        </tr>
      </thead>
      <tbody>
        {orderJobs(jobs).map((j) => (
          <tr key={j.submissionId} data-testid="cluster-job-row" data-status={j.status} data-lance-index={j.lanceIndexKind ?? undefined}>
            <td className="ellipsis" title={j.submissionId}>
              <code>{j.submissionId}</code>
            </td>
            <td>
              <span className={`status-pill ${jobTone(j.status)}`}>{j.status.toLowerCase()}</span>
            </td>
            <td className="ellipsis" title={j.entrypoint}>
              {j.lanceIndexKind ? <span className="badge ok">lance-index {j.lanceIndexKind}</span> : <code>{j.entrypoint}</code>}
              {j.submissionId === buildJob && <span className="badge index-badge">this build</span>}
            </td>
            <td title={j.startTime === null ? '' : new Date(j.startTime).toISOString()}>{when(j.startTime)}</td>
            <td className="r">{j.startTime !== null && j.endTime !== null ? <Duration ms={j.endTime - j.startTime} /> : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function jobTone(status: string): string {
  if (status === 'SUCCEEDED') return 'status-succeeded';
  if (status === 'FAILED') return 'status-failed';
  if (status === 'RUNNING' || status === 'PENDING') return 'status-running';
  return 'status-cancelled';
}
