/**
 * The Build form and what the core says about it. Every change is checked locally at once and
 * by the core's validation shortly after (debounced), so errors appear under their field while
 * typing, not after pressing Build.
 */
import { create } from 'zustand';
import type { FieldError } from '@shared/contract/api';
import type { ApiCallError } from '@shared/contract/bridge';
import type { DatasetDescription } from '@shared/contract/dataset';
import { INDEX_TYPE_INFO, type IndexType } from '@shared/index-types';
import { api } from '../../api/bridge';
import { onDatasetOpened, useDataset } from '../dataset/dataset-store';
import { isRunning, runBuild } from '../progress/progress-store';
import { showView } from '../../store/ui-store';
import { useConnection } from '../../store/connection-store';
import { DEFAULT_FORM, columnChoices, requestFromForm, suggestWorkers, type BuildForm } from './form-logic';

interface BuildStore {
  form: BuildForm;
  /** Problems found in the browser (unparseable text) and by the core, each with its field. */
  errors: FieldError[];
  validating: boolean;
  /** The name the core will use (default `{column}_idx`). */
  indexName: string | null;
  /** True from Build until the form is edited: the chart shows the run, not the preview. */
  showRun: boolean;
}

export const useBuild = create<BuildStore>(() => ({ form: DEFAULT_FORM, errors: [], validating: false, indexName: null, showRun: false }));

let timer: ReturnType<typeof setTimeout> | undefined;
let validationSeq = 0;

export function setForm(patch: Partial<BuildForm>): void {
  useBuild.setState((s) => {
    const form = { ...s.form, ...patch };
    // A type change keeps the column only if it still suits; else the first that does.
    if (patch.indexType && patch.column === undefined) form.column = pickColumn(form.indexType, form.column);
    if (patch.indexType && !INDEX_TYPE_INFO[form.indexType].mergeWorkflow) form.workflow = 'segments';
    if (patch.indexType) form.params = {};
    return { form, showRun: isRunning() ? s.showRun : false };
  });
  scheduleValidation();
}

function pickColumn(indexType: IndexType, current: string): string {
  const d = useDataset.getState().description;
  if (!d) return current;
  const { suitable } = columnChoices(d.schema, indexType);
  return suitable.some((f) => f.path === current) ? current : (suitable[0]?.path ?? '');
}

function resetForDataset(d: DatasetDescription, fresh: boolean): void {
  const cpus = useConnection.getState().engine?.cpus ?? navigator.hardwareConcurrency ?? 2;
  useBuild.setState((s) => {
    const form = fresh ? { ...s.form, fragments: '', name: '', workers: String(suggestWorkers(d.fragments, cpus)) } : s.form;
    return { form: { ...form, column: pickColumn(form.indexType, form.column) } };
  });
  scheduleValidation(0);
}
onDatasetOpened((d, _t, fresh) => resetForDataset(d, fresh));

export function scheduleValidation(delayMs = 200): void {
  clearTimeout(timer);
  timer = setTimeout(() => void validateNow(), delayMs);
}

export async function validateNow(): Promise<boolean> {
  const target = useDataset.getState().target;
  if (!target) return false;
  const mine = ++validationSeq;
  const { request, errors } = requestFromForm(useBuild.getState().form, target);
  if (errors.length) {
    useBuild.setState({ errors, validating: false });
    return false;
  }
  useBuild.setState({ validating: true });
  try {
    const report = await api.validateBuild(request);
    if (mine !== validationSeq) return false;
    useBuild.setState({ errors: report.errors, indexName: report.indexName ?? null, validating: false });
    return report.ok;
  } catch (err) {
    if (mine !== validationSeq) return false;
    const e = err as ApiCallError;
    useBuild.setState({ errors: [{ field: e.field ?? 'target', message: e.message }], validating: false });
    return false;
  }
}

/** Validate, then start. Errors land under their fields; nothing starts while any remain. */
export async function startBuildFromForm(): Promise<string | null> {
  const target = useDataset.getState().target;
  if (!target || isRunning()) return null;
  showView('build');
  clearTimeout(timer);
  if (!(await validateNow())) return null;
  const { request } = requestFromForm(useBuild.getState().form, target);
  try {
    const jobId = await runBuild(request);
    useBuild.setState({ showRun: true });
    return jobId;
  } catch (err) {
    const e = err as ApiCallError;
    useBuild.setState({ errors: [{ field: e.field ?? 'target', message: e.message }] });
    return null;
  }
}

export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  const mine = errors.filter((e) => e.field === field).map((e) => e.message);
  return mine.length ? mine.join(' ') : undefined;
}
