/**
 * The Build screen: form, then the balance chart under it, then (once a build starts) the run
 * strip, batch table and result in place, so nothing jumps.
 */
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { useDataset } from '../dataset/dataset-store';
import { BatchTable } from '../progress/batch-table';
import { PhaseTimeline } from '../progress/phase-timeline';
import { ResultCard } from '../progress/result-card';
import { cancelActiveBuild, useProgress } from '../progress/progress-store';
import { BalanceChart } from './balance-chart';
import { BuildForm } from './build-form';
import { useBuild } from './build-store';
import { usePreviewPlan } from './use-preview-plan';

export function BuildView() {
  const d = useDataset((s) => s.description);
  const showRun = useBuild((s) => s.showRun);
  const active = useProgress((s) => (s.activeJobId ? s.jobs[s.activeJobId] : undefined));
  const wallT0 = useProgress((s) => (s.activeJobId ? s.meta[s.activeJobId]?.wallT0 : undefined)) ?? Date.now();
  const preview = usePreviewPlan();
  const [cancelling, setCancelling] = useState<string | null>(null);
  if (!d) return <EmptyState title="Open a dataset to build an index on it" />;

  const run = showRun && active ? active : undefined;
  const runPlan = run?.plan ?? null;
  const cancel = () => {
    if (!active) return;
    setCancelling(active.jobId);
    void cancelActiveBuild().finally(() => setCancelling(null));
  };

  return (
    <div className="build-view">
      <BuildForm />
      <section className="card balance-card">
        <header className="card-head">
          <h3>Balance</h3>
          <span className="muted small">
            {runPlan ? `the plan of build ${run!.jobId.slice(0, 8)}, bars fill as batches run` : 'largest fragment first, onto the least-loaded worker: the same planner the build uses'}
          </span>
        </header>
        {runPlan ? (
          <BalanceChart plan={runPlan} batches={run!.batches} />
        ) : preview.plan ? (
          <BalanceChart plan={preview.plan} />
        ) : (
          <div className="muted balance-problem" data-testid="balance-problem">{preview.problem ?? 'Planning…'}</div>
        )}
      </section>
      {run && (
        <section className="card run-card" data-testid="run">
          <PhaseTimeline state={run} onCancel={cancel} cancelling={cancelling === run.jobId} />
          <BatchTable state={run} wallT0={wallT0} />
          {run.logs.filter((l) => l.level !== 'info').slice(-3).map((l, i) => (
            <div key={i} className={`log log-${l.level}`}>{l.message}</div>
          ))}
          <ResultCard state={run} />
        </section>
      )}
    </div>
  );
}
