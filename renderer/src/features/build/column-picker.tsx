/** Only the columns that suit the chosen type; the others listed with the reason they don't. */
import { useState } from 'react';
import { Field } from '../../components/field';
import { useDataset } from '../dataset/dataset-store';
import { setForm, useBuild } from './build-store';
import { columnChoices } from './form-logic';

export function ColumnPicker({ error }: { error?: string }) {
  const d = useDataset((s) => s.description);
  const indexType = useBuild((s) => s.form.indexType);
  const column = useBuild((s) => s.form.column);
  const [why, setWhy] = useState(false);
  if (!d) return null;
  const { suitable, unsuitable } = columnChoices(d.schema, indexType);
  const indexed = new Map(d.indices.flatMap((i) => i.fields.map((f) => [f, i.name] as const)));
  return (
    <Field
      label="Column"
      name="column"
      error={error ?? (suitable.length === 0 ? `No column of this dataset suits ${indexType}.` : undefined)}
      hint={
        unsuitable.length > 0 && (
          <span className="why-not">
            <button type="button" className="link" aria-expanded={why} onClick={() => setWhy(!why)}>
              {unsuitable.length} other{unsuitable.length > 1 ? 's' : ''} don’t suit {indexType}
            </button>
            {why && (
              <ul className="why-list" data-testid="unsuitable-columns">
                {unsuitable.map((u) => (
                  <li key={u.path}>
                    <code>{u.path}</code> <span className="muted">{u.reason}</span>
                  </li>
                ))}
              </ul>
            )}
          </span>
        )
      }
    >
      <select name="column" value={column} onChange={(e) => setForm({ column: e.target.value })}>
        {column === '' && <option value="">—</option>}
        {suitable.map((f) => (
          <option key={f.path} value={f.path}>
            {f.path} · {f.type.arrow}
            {indexed.has(f.path) ? ` · ${indexed.get(f.path)}` : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}
