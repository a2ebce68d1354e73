/**
 * The Build screen: form, then the balance chart under it, then (once a build starts) the run
 * strip, batch table and result in place, so nothing jumps (and in view: useBringIntoView).
 */
import { useRef } from 'react';
import { concurrencyInWords, planUnit } from '@shared/balance-words';
import { EmptyState } from '../../components/empty-state';
import { useDataset } from '../dataset/dataset-store';
import { BatchTable } from '../progress/batch-table';
import { PhaseTimeline } from '../progress/phase-timeline';
import { ResultCard } from '../progress/result-card';
import { useProgress } from '../progress/progress-store';
import { useClusterLook } from '../cluster/use-cluster-look';
import { hereCpus, useConnection } from '../../store/connection-store';
import { BalanceChart } from './balance-chart';
import { BuildForm } from './build-form';
import { useBuild } from './build-store';
import { workerCpus } from './engine-form';
import { usePreviewPlan } from './use-preview-plan';
import { useBringIntoView } from './use-bring-into-view';

export function BuildView() {
  const d = useDataset((s) => s.description);
  const showRun = useBuild((s) => s.showRun);
  const active = useProgress((s) => (s.activeJobId ? s.jobs[s.activeJobId] : undefined));
  const wallT0 = useProgress((s) => (s.activeJobId ? s.meta[s.activeJobId]?.wallT0 : undefined)) ?? Date.now();
  const preview = usePreviewPlan();
  const cpusHere = useConnection(hereCpus);
  const { engine, status } = useClusterLook();
  const runCard = useRef<HTMLElement>(null);
  const run = showRun && active ? active : undefined;
  useBringIntoView(runCard, run?.jobId);
  if (!d) return <EmptyState title="Open a dataset to build an index on it" />;

  const runPlan = run?.plan ?? null;
  const { cpus, where } = workerCpus(engine, status, cpusHere);
  // How many batches run at once: the engine says so once the run's batches start; until then, and
  // for the preview, the CPUs it will have (so the bars' names don't change when it answers).
  const cpuWords = `${cpus} CPU${cpus === 1 ? '' : 's'}${where === 'cluster' ? ' on the cluster' : ''}`;
  const previewNote = preview.plan ? concurrencyInWords(preview.plan.workers.length, cpus, cpuWords) : undefined;
  const runAtOnce = run?.concurrency?.atOnce ?? cpus;
  const runNote = run?.concurrency && runPlan ? concurrencyInWords(runPlan.workers.length, run.concurrency.atOnce, run.concurrency.reason) : undefined;

  return (
    <div className="build-view">
      <BuildForm />
      <section className="card balance-card">
        <header className="card-head">
          <h3>Balance</h3>
          <span className="muted small">
            {runPlan
              ? `the plan of build ${run!.jobId.slice(0, 8)}: each bar fills as its batch runs`
              : `largest fragment first, onto the least-loaded ${preview.plan ? planUnit(preview.plan, cpus) : 'worker'}: the same planner the build uses`}
          </span>
        </header>
        {runPlan ? (
          <BalanceChart plan={runPlan} batches={run!.batches} atOnce={runAtOnce} note={runNote} />
        ) : preview.plan ? (
          <BalanceChart plan={preview.plan} atOnce={cpus} note={previewNote} />
        ) : (
          <div className="muted balance-problem" data-testid="balance-problem">
            {preview.problem ?? 'Planning…'}
          </div>
        )}
      </section>
      {run && (
        <section className="card run-card" data-testid="run" ref={runCard}>
          <PhaseTimeline state={run} wallT0={wallT0} />
          <BatchTable state={run} wallT0={wallT0} />
          {run.logs
            .filter((l) => l.level !== 'info')
            .slice(-3)
            .map((l, i) => (
              <div key={i} className={`log log-${l.level}`}>
                {l.message}
              </div>
            ))}
          <ResultCard state={run} />
        </section>
      )}
    </div>
  );
}
