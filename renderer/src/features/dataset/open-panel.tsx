/**
 * Open a dataset: a folder (native picker in Electron, typed path in a browser), a uri with
 * storage options, or a Lance namespace with a table id. Errors sit under the field they concern.
 */
import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { TabPanel, Tabs } from '../../components/tabs';
import { api, bridgeMode } from '../../api/bridge';
import { showOpenPanel, useUi } from '../../store/ui-store';
import { clearOpenError, openDataset, useDataset } from './dataset-store';
import { fieldForTargetError, formFromTarget, targetFromForm, type OpenForm, type OpenFormErrors, type OpenMode } from './open-form-logic';
import { RecentList } from './recent-list';

const EMPTY: OpenForm = { mode: 'path', uri: '', storageOptions: '', namespaceRoot: '', tableId: '' };

export function OpenPanel({ asDialog }: { asDialog: boolean }) {
  const error = useDataset((s) => s.error);
  const loading = useDataset((s) => s.status === 'loading');
  const focusOpen = useUi((s) => s.focusOpen);
  const [form, setForm] = useState<OpenForm>(() => (error ? formFromTarget(error.target) : EMPTY));
  const [errors, setErrors] = useState<OpenFormErrors>({});
  const first = useRef<HTMLInputElement>(null);

  // Not on a change of mode: the arrow keys that change it keep focus on the tabs.
  useEffect(() => first.current?.focus(), [focusOpen]);
  // A failed open that didn't start here (launch URL, recent list) still shows what was tried.
  const failedTarget = error?.target;
  useEffect(() => {
    if (failedTarget) setForm(formFromTarget(failedTarget));
  }, [failedTarget]);
  // An error from the core lands on the field that names the dataset (or the one it names).
  const coreError = error ? { [error.field === 'target' ? fieldForTargetError(form.mode) : error.field]: error.message } : {};
  const shown: OpenFormErrors = { ...coreError, ...errors };

  const set = (patch: Partial<OpenForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors({});
    clearOpenError();
  };

  const submit = async (f: OpenForm = form) => {
    const r = targetFromForm(f);
    if ('errors' in r) {
      setErrors(r.errors);
      return;
    }
    if (await openDataset(r.target)) {
      setForm(EMPTY);
      showOpenPanel(false);
    }
  };

  const browse = async () => {
    const picked = await api.pickDatasetFolder({});
    if (picked.path) {
      const next = { ...form, mode: 'path' as const, uri: picked.path };
      setForm(next);
      await submit(next);
    }
  };

  return (
    <section className={asDialog ? 'open-panel dialog' : 'open-panel'} role={asDialog ? 'dialog' : undefined} aria-label="Open a dataset">
      <header className="panel-head">
        <h2>Open a dataset</h2>
        {asDialog && (
          <button type="button" className="ghost" onClick={() => showOpenPanel(false)} aria-label="Close">
            Esc
          </button>
        )}
      </header>
      <Tabs<OpenMode>
        id="open-mode"
        label="How to find the dataset"
        tabs={[
          { id: 'path', label: 'Folder or URI' },
          { id: 'namespace', label: 'Lance namespace' },
        ]}
        value={form.mode}
        onChange={(mode) => set({ mode })}
      />
      <TabPanel id="open-mode" value={form.mode}>
        <form
          className="open-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {form.mode === 'path' ? (
            <Field label="Dataset folder or URI" name="uri" error={shown.uri} hint="A folder like /data/reviews.lance, or s3://bucket/path.lance" wide>
              <div className="input-row">
                <input
                  ref={first}
                  name="uri"
                  value={form.uri}
                  spellCheck={false}
                  placeholder="/path/to/dataset.lance"
                  onChange={(e) => set({ uri: e.target.value })}
                />
                {bridgeMode === 'electron' && (
                  <button type="button" aria-label="Browse for a dataset folder" onClick={() => void browse()}>
                    Browse…
                  </button>
                )}
              </div>
            </Field>
          ) : (
            <>
              <Field label="Namespace root" name="namespaceRoot" error={shown.namespaceRoot} hint="The directory namespace's folder or uri" wide>
                <input
                  ref={first}
                  name="namespaceRoot"
                  value={form.namespaceRoot}
                  spellCheck={false}
                  onChange={(e) => set({ namespaceRoot: e.target.value })}
                />
              </Field>
              <Field label="Table id" name="tableId" error={shown.tableId} hint="Levels separated by '.', e.g. prod.reviews">
                <input name="tableId" value={form.tableId} spellCheck={false} onChange={(e) => set({ tableId: e.target.value })} />
              </Field>
            </>
          )}
          <Field
            label="Storage options"
            name="storageOptions"
            error={shown.storageOptions}
            hint="Object stores only: key=value per line (region=us-east-1)"
            wide
          >
            <textarea
              name="storageOptions"
              rows={2}
              value={form.storageOptions}
              spellCheck={false}
              placeholder="aws_endpoint=http://127.0.0.1:9000"
              onChange={(e) => set({ storageOptions: e.target.value })}
            />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={loading}>
              {loading ? 'Opening…' : 'Open'}
            </button>
            <span className="muted small">Ctrl/⌘-O</span>
          </div>
        </form>
      </TabPanel>
      <RecentList onPick={() => showOpenPanel(false)} />
    </section>
  );
}
