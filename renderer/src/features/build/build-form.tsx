/** The form on one or two lines: column, type, workers, name, replace, workflow, fragments. */
import { INDEX_TYPES, INDEX_TYPE_INFO, defaultIndexName, type IndexType } from '@shared/index-types';
import type { Workflow } from '@shared/contract/build';
import { Field } from '../../components/field';
import { useDataset } from '../dataset/dataset-store';
import { hereCpus, useConnection } from '../../store/connection-store';
import { useClusterLook } from '../cluster/use-cluster-look';
import { useProgress } from '../progress/progress-store';
import { errorFor, setForm, startBuildFromForm, useBuild } from './build-store';
import { ColumnPicker } from './column-picker';
import { ParamsEditor } from './params-editor';
import { EnginePicker } from './engine-picker';
import { workerCpus } from './engine-form';
import { buildBlockedReason, formIndexName, mergeSegmentsTitle, suggestWorkers, unindexedFragments } from './form-logic';
import { useOlderVersion } from '../explore/older-version-store';
import './build-form.css';

export function BuildForm() {
  const form = useBuild((s) => s.form);
  const errors = useBuild((s) => s.errors);
  const validating = useBuild((s) => s.validating);
  const d = useDataset((s) => s.description);
  const cpusHere = useConnection(hereCpus);
  const { engine, status } = useClusterLook();
  const { cpus, where } = workerCpus(engine, status, cpusHere);
  const running = useProgress((s) => !!s.activeJobId && s.jobs[s.activeJobId]?.status === 'running');
  const starting = useProgress((s) => s.starting);
  if (!d) return null;
  const suggestion = suggestWorkers(d.fragments, cpus, form.indexType);
  const suggested = suggestion.workers;
  const workers = Number(form.workers);
  const step = (by: number) => setForm({ workers: String(Math.max(1, (Number.isFinite(workers) ? workers : 1) + by)) });
  const canMerge = INDEX_TYPE_INFO[form.indexType].mergeWorkflow;
  const fragmentCount = d.fragments.length;
  // Fragments appended since the index of this name was built: offered as "index only these".
  const indexName = formIndexName(form);
  const unindexed = indexName === undefined ? undefined : unindexedFragments(d, indexName);
  // Build is off while a problem stands, and says which: a click that does nothing explains nothing.
  // Explore shows an older version read-only: a build would run on the latest, so none is offered.
  const olderVersion = useOlderVersion((s) => s.description?.version);
  const blocked =
    olderVersion !== undefined
      ? {
          text: `Explore shows version ${olderVersion} read-only; go back to the latest (${d.latestVersion}) to build`,
          detail: 'Builds run on the latest version only.',
        }
      : buildBlockedReason(errors);

  return (
    <form
      className="build-form"
      aria-label="Build an index"
      onSubmit={(e) => {
        e.preventDefault();
        void startBuildFromForm();
      }}
    >
      <div className="form-row">
        <Field label="Index type" name="indexType" error={errorFor(errors, 'indexType')} hint={INDEX_TYPE_INFO[form.indexType].summary}>
          <select name="indexType" value={form.indexType} onChange={(e) => setForm({ indexType: e.target.value as IndexType })}>
            {INDEX_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <ColumnPicker error={errorFor(errors, 'column')} />
        <Field
          label="Workers"
          name="workers"
          error={errorFor(errors, 'workers')}
          hint={
            <button
              type="button"
              className="link"
              onClick={() => setForm({ workers: String(suggested) })}
              title={`${suggestion.reason} (${cpus} CPUs${where === 'cluster' ? ' on the cluster' : ''}, ${fragmentCount} fragments)`}
            >
              suggested {suggested}
              {where === 'cluster' ? ' for the cluster' : ''}
            </button>
          }
        >
          <div className="stepper">
            <input name="workers" inputMode="numeric" value={form.workers} onChange={(e) => setForm({ workers: e.target.value })} />
            <button type="button" aria-label="fewer workers" onClick={() => step(-1)}>
              −
            </button>
            <button type="button" aria-label="more workers" onClick={() => step(1)}>
              +
            </button>
          </div>
        </Field>
        <Field label="Name" name="name" error={errorFor(errors, 'name')} hint={indexName && !form.name.trim() ? `will be ${indexName}` : undefined}>
          <input
            name="name"
            value={form.name}
            spellCheck={false}
            placeholder={form.column ? defaultIndexName(form.column) : '{column}_idx'}
            onChange={(e) => setForm({ name: e.target.value })}
          />
        </Field>
        <label className="check" title="Replace an existing index of the same name (else that is an error)">
          <input type="checkbox" name="replace" checked={form.replace} onChange={(e) => setForm({ replace: e.target.checked })} />
          replace
        </label>
      </div>
      <div className="form-row">
        <Field label="Workflow" name="workflow" error={errorFor(errors, 'workflow') ?? errorFor(errors, 'mergeSegments')}>
          <select name="workflow" value={form.workflow} onChange={(e) => setForm({ workflow: e.target.value as Workflow })}>
            <option value="segments">segments (all types)</option>
            <option value="merge" disabled={!canMerge}>
              merge (INVERTED/FTS){canMerge ? '' : ' – not for this type'}
            </option>
          </select>
        </Field>
        {form.workflow === 'segments' && (
          <label className="check" title={mergeSegmentsTitle(form.indexType)}>
            <input
              type="checkbox"
              name="mergeSegments"
              checked={form.mergeSegments}
              disabled={Boolean(INDEX_TYPE_INFO[form.indexType].vector?.noMerge)}
              onChange={(e) => setForm({ mergeSegments: e.target.checked })}
            />
            merge segments
          </label>
        )}
        <Field
          label="Fragments"
          name="fragmentIds"
          error={errorFor(errors, 'fragmentIds')}
          hint={<FragmentsHint fragmentCount={fragmentCount} unindexed={unindexed} />}
          wide
        >
          <input
            name="fragmentIds"
            value={form.fragments}
            spellCheck={false}
            placeholder={form.onlyUnindexed && unindexed ? `only the ${unindexed.length} unindexed` : `all ${fragmentCount.toLocaleString('en-US')}`}
            onChange={(e) => setForm({ fragments: e.target.value, onlyUnindexed: false })}
          />
        </Field>
        <ParamsEditor error={errorFor(errors, 'indexParams')} />
        <div className="build-actions">
          <button type="submit" className="primary" data-testid="build-button" disabled={running || starting || !!blocked} title={blocked?.detail}>
            {running ? 'Building…' : 'Build'} <kbd>Ctrl/⌘ ⏎</kbd>
          </button>
          <span className="muted small validating" aria-live="polite">
            {validating ? 'checking…' : ''}
          </span>
          {blocked && !running && (
            <div className="build-blocked" data-testid="build-blocked" title={blocked.detail}>
              {blocked.text}
            </div>
          )}
        </div>
      </div>
      <div className="form-row engine-row">
        <EnginePicker />
      </div>
      {errorFor(errors, 'target') && (
        <div className="form-error" role="alert" data-testid="error-target">
          {errorFor(errors, 'target')}
        </div>
      )}
    </form>
  );
}

/** Under the Fragments field: how to go back to all fragments, or to index only the new ones. */
function FragmentsHint({ fragmentCount, unindexed }: { fragmentCount: number; unindexed: number[] | undefined }) {
  const form = useBuild((s) => s.form);
  const useAll = (
    <button type="button" className="link" onClick={() => setForm({ fragments: '', onlyUnindexed: false })}>
      use all {fragmentCount}
    </button>
  );
  if (form.fragments.trim()) return useAll;
  if (form.onlyUnindexed) return <>only fragments the index lacks · {useAll}</>;
  if (unindexed && unindexed.length > 0 && unindexed.length < fragmentCount) {
    return (
      <button type="button" className="link" data-testid="only-unindexed" onClick={() => setForm({ onlyUnindexed: true })}>
        index only the {unindexed.length} unindexed
      </button>
    );
  }
  return <>or pick them in Explore › Fragments</>;
}
