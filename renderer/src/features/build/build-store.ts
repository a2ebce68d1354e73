/**
 * The Build form and what the core says about it. Every change is checked locally at once and
 * by the core's validation shortly after (debounced), so errors appear under their field while
 * typing, not after pressing Build.
 */
import { create } from 'zustand';
import type { FieldError } from '@shared/contract/api';
import type { Plan } from '@shared/contract/build';
import type { ApiCallError } from '@shared/contract/bridge';
import type { DatasetDescription, IndexInfo } from '@shared/contract/dataset';
import { INDEX_TYPE_INFO, type IndexType } from '@shared/index-types';
import { api } from '../../api/bridge';
import { onDatasetOpened, useDataset } from '../dataset/dataset-store';
import { isRunning, runBuild } from '../progress/progress-store';
import { showView } from '../../store/ui-store';
import { hereCpus, useConnection } from '../../store/connection-store';
import { checkConnection, lookFor, useCluster } from '../cluster/cluster-store';
import { DEFAULT_FORM, columnChoices, requestFromForm, suggestWorkers, type BuildForm } from './form-logic';
import { withoutToken, workerCpus, type EngineForm } from './engine-form';
import { missingFragmentsForm, subsetForm } from './form-shortcuts';
import { readOnlyVersion } from '../explore/older-version-store';

interface BuildStore {
  form: BuildForm;
  /** Problems found in the browser (unparseable text) and by the core, each with its field. */
  errors: FieldError[];
  validating: boolean;
  /** True from Build until the form is edited: the chart shows the run, not the preview. */
  showRun: boolean;
  /** The Parameters popover is open (Esc and a click outside close it). */
  paramsOpen: boolean;
  /** The core's own plan for the form as it was validated (by bytes for text, as the build will). */
  validated: { form: BuildForm; plan: Plan } | null;
}

export const useBuild = create<BuildStore>(() => ({
  form: DEFAULT_FORM,
  errors: [],
  validating: false,
  showRun: false,
  paramsOpen: false,
  validated: null,
}));

export const openParams = (open: boolean) => useBuild.setState({ paramsOpen: open });
export const closeParams = () => openParams(false);

let timer: ReturnType<typeof setTimeout> | undefined;
let validationSeq = 0;

export function setForm(patch: Partial<BuildForm>): void {
  useBuild.setState((s) => {
    const form = { ...s.form, ...patch };
    const typeChanged = patch.indexType !== undefined && patch.indexType !== s.form.indexType;
    // A type change keeps the column only if it still suits; else the first that does.
    if (patch.indexType && patch.column === undefined) form.column = pickColumn(form.indexType, form.column);
    if (patch.indexType && !INDEX_TYPE_INFO[form.indexType].mergeWorkflow) form.workflow = 'segments';
    if (typeChanged && patch.params === undefined) form.params = {};
    // Each type has its own merge default (merged where that makes queries faster): a new type takes it.
    if (typeChanged && patch.mergeSegments === undefined) form.mergeSegments = INDEX_TYPE_INFO[form.indexType].mergedByDefault;
    // A name the window filled in belongs to that column and type; a name typed stays.
    if (patch.name !== undefined && patch.nameAuto === undefined) form.nameAuto = false;
    const moved = typeChanged || (patch.column !== undefined && patch.column !== s.form.column);
    if (s.form.nameAuto && patch.name === undefined && moved) {
      form.name = '';
      form.nameAuto = false;
    }
    return { form, showRun: isRunning() ? s.showRun : false };
  });
  scheduleValidation();
}

/** "Build on these" (Explore › Fragments): the selection, with a type, column and name that accept it. */
export function buildOnFragments(ids: readonly number[]): void {
  const d = useDataset.getState().description;
  if (!d) return;
  setForm(subsetForm(useBuild.getState().form, d, ids));
  showView('build');
}

/** "Index the N missing" / "Index only those": what the index of that name lacks, added to it. */
export function indexMissing(indexName: string): void {
  const d = useDataset.getState().description;
  const index: IndexInfo | undefined = d?.indices.find((i) => i.name === indexName);
  const patch = d && index ? missingFragmentsForm(d, index) : undefined;
  if (!patch) return;
  setForm(patch);
  showView('build');
}

export function setEngine(patch: Partial<EngineForm>): void {
  setForm({ engine: { ...useBuild.getState().form.engine, ...patch } });
}

/** This machine's CPUs, or the chosen cluster's once a check answered. */
export function currentWorkerCpus(): { cpus: number; where: 'cluster' | 'here' } {
  const { engine } = useBuild.getState().form;
  const here = hereCpus(useConnection.getState());
  return workerCpus(engine, lookFor(useCluster.getState(), engine).status, here);
}

function pickColumn(indexType: IndexType, current: string): string {
  const d = useDataset.getState().description;
  if (!d) return current;
  const { suitable } = columnChoices(d.schema, indexType);
  return suitable.some((f) => f.path === current) ? current : (suitable[0]?.path ?? '');
}

function resetForDataset(d: DatasetDescription, fresh: boolean): void {
  const { cpus } = currentWorkerCpus();
  useBuild.setState((s) => {
    const form = fresh ? { ...s.form, fragments: '', name: '', workers: String(suggestWorkers(d.fragments, cpus, s.form.indexType).workers) } : s.form;
    return { form: { ...form, column: pickColumn(form.indexType, form.column) }, validated: null };
  });
  scheduleValidation(0);
}
/** A newly opened (or re-read) dataset resets the form's column, subset and name; returns the unsubscribe. */
export function startBuildStore(): () => void {
  return onDatasetOpened((d, _t, fresh) => resetForDataset(d, fresh));
}

export function scheduleValidation(delayMs = 200): void {
  clearTimeout(timer);
  timer = setTimeout(() => void validateNow(), delayMs);
}

export async function validateNow(): Promise<boolean> {
  const target = useDataset.getState().target;
  if (!target) return false;
  const mine = ++validationSeq;
  const form = useBuild.getState().form;
  const { request, errors } = requestFromForm(form, target);
  if (errors.length) {
    useBuild.setState({ errors, validating: false });
    return false;
  }
  useBuild.setState({ validating: true });
  try {
    const report = await api.validateBuild({ ...request, engine: withoutToken(request.engine) });
    if (mine !== validationSeq) return false;
    useBuild.setState({
      errors: report.errors,
      validating: false,
      validated: report.plan ? { form, plan: report.plan } : null,
    });
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
  if (!target || isRunning() || readOnlyVersion() !== undefined) return null; // Build is off, with the reason, while an older version is shown
  showView('build');
  clearTimeout(timer);
  const { engine } = useBuild.getState().form;
  // A Ray build is checked against the cluster first: a wrong address or token is said under its
  // field now, instead of as a failed build once the job is being submitted.
  const [valid, reachable] = await Promise.all([validateNow(), engine.kind === 'ray' ? checkConnection(engine) : true]);
  if (!valid || !reachable) return null;
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
