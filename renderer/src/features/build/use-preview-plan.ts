/**
 * The plan the core would make for the form as it stands. The core's own plan from the latest
 * validation when it was made for these settings (it weighs text by the column's bytes, as the
 * build will); until it arrives, the same shared/balance code over rows here, so the chart
 * follows typing at once. Deferred, so typing in the workers field stays smooth even with
 * 100,000 fragments.
 */
import { useDeferredValue, useMemo } from 'react';
import { balanceFragments } from '@shared/balance';
import type { Plan } from '@shared/contract/build';
import { useDataset } from '../dataset/dataset-store';
import { useBuild } from './build-store';
import { formIndexName, parseFragmentList, parseWorkers, unindexedFragments, type BuildForm } from './form-logic';

const MAX_WORKERS = 256;

/** The fields a plan depends on: a validated plan for other values is stale. */
const PLAN_FIELDS = ['workers', 'fragments', 'onlyUnindexed', 'column', 'indexType'] as const satisfies readonly (keyof BuildForm)[];
/** Only the unindexed fragments: which index is meant (its name) decides which those are. */
const samePlanFields = (a: BuildForm, b: BuildForm) => PLAN_FIELDS.every((k) => a[k] === b[k]) && (!b.onlyUnindexed || formIndexName(a) === formIndexName(b));

export function usePreviewPlan(): { plan: Plan | null; problem?: string } {
  const d = useDataset((s) => s.description);
  const workersText = useDeferredValue(useBuild((s) => s.form.workers));
  const fragmentsText = useDeferredValue(useBuild((s) => s.form.fragments));
  const onlyUnindexed = useBuild((s) => s.form.onlyUnindexed);
  const form = useBuild((s) => s.form);
  const indexName = formIndexName(form);
  const validated = useBuild((s) => s.validated);
  const fromCore = validated && samePlanFields(validated.form, form) ? validated.plan : null;
  const local = useMemo(() => {
    if (!d) return { plan: null };
    const workers = parseWorkers(workersText);
    if (typeof workers !== 'number' || workers < 1 || workers > MAX_WORKERS) {
      return { plan: null, problem: `Give 1 to ${MAX_WORKERS} workers to see the balance.` };
    }
    const parsed = parseFragmentList(fragmentsText);
    if ('error' in parsed) return { plan: null, problem: 'Fix the fragment list to see the balance.' };
    const unindexed = onlyUnindexed && !parsed.ids && indexName ? unindexedFragments(d, indexName) : undefined;
    const ids = parsed.ids ?? unindexed;
    const wanted = ids ? new Set(ids) : null;
    const frags = wanted ? d.fragments.filter((f) => wanted.has(f.id)) : d.fragments;
    if (frags.length === 0) return { plan: null, problem: 'None of the listed fragments exist.' };
    return { plan: balanceFragments(frags, workers) };
  }, [d, workersText, fragmentsText, onlyUnindexed, indexName]);
  return fromCore ? { plan: fromCore } : local;
}
