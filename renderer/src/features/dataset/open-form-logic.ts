/** Turns what a person typed into the Open form into a dataset target, or errors by field. */
import type { DatasetTarget } from '@shared/contract/dataset';

export type OpenMode = 'path' | 'namespace';

export interface OpenForm {
  mode: OpenMode;
  uri: string;
  storageOptions: string;
  namespaceRoot: string;
  tableId: string;
}

export type OpenFormErrors = Partial<Record<'uri' | 'storageOptions' | 'namespaceRoot' | 'tableId', string>>;

/** `key=value` per line (or comma-separated); blank lines and # comments ignored. */
export function parseStorageOptions(text: string): { options: Record<string, string> } | { error: string } {
  const options: Record<string, string> = {};
  const parts = text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p && !p.startsWith('#'));
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq <= 0) return { error: `'${p}' is not key=value (e.g. region=us-east-1).` };
    const key = p.slice(0, eq).trim();
    const value = p.slice(eq + 1).trim();
    // A recent dataset comes back with its secrets' values blank (they are never saved).
    if (!value) return { error: `'${key}' has no value; type it, or remove the line to let Lance read it from the environment.` };
    options[key] = value;
  }
  return { options };
}

export function targetFromForm(f: OpenForm): { target: DatasetTarget } | { errors: OpenFormErrors } {
  const errors: OpenFormErrors = {};
  const so = parseStorageOptions(f.storageOptions);
  if ('error' in so) errors.storageOptions = so.error;
  if (f.mode === 'path') {
    if (!f.uri.trim()) errors.uri = 'Give a dataset folder (e.g. /data/reviews.lance) or an object-store uri (s3://bucket/path.lance).';
    if (Object.keys(errors).length || 'error' in so) return { errors };
    return { target: { uri: f.uri.trim(), storageOptions: so.options } };
  }
  if (!f.namespaceRoot.trim()) errors.namespaceRoot = 'Give the namespace root folder or uri.';
  const ids = f.tableId.split('.').map((s) => s.trim());
  if (!f.tableId.trim() || ids.some((s) => !s)) errors.tableId = "Give a table id; nested levels separated by '.' (e.g. prod.reviews).";
  if (Object.keys(errors).length || 'error' in so) return { errors };
  return {
    target: { namespace: { root: f.namespaceRoot.trim(), impl: 'dir', properties: {} }, tableId: ids, storageOptions: so.options },
  };
}

/** Where an error the core reported about a target belongs in this form. */
export function fieldForTargetError(mode: OpenMode): keyof OpenFormErrors {
  return mode === 'path' ? 'uri' : 'namespaceRoot';
}

export function formFromTarget(t: DatasetTarget): OpenForm {
  const so = Object.entries(t.storageOptions ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  return 'uri' in t
    ? { mode: 'path', uri: t.uri, storageOptions: so, namespaceRoot: '', tableId: '' }
    : { mode: 'namespace', uri: '', storageOptions: so, namespaceRoot: t.namespace.root, tableId: t.tableId.join('.') };
}
