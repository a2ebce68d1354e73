/** The chosen type's parameters, typed per their kind; empty means pylance's default. */
import { useState } from 'react';
import { INDEX_TYPE_INFO } from '@shared/index-types';
import { Field } from '../../components/field';
import { setForm, useBuild } from './build-store';

export function ParamsEditor({ error }: { error?: string }) {
  const indexType = useBuild((s) => s.form.indexType);
  const params = useBuild((s) => s.form.params);
  const [open, setOpen] = useState(false);
  const kinds = Object.entries(INDEX_TYPE_INFO[indexType].params);
  if (kinds.length === 0) return <div className="field muted small params-none">{indexType} takes no parameters</div>;
  const set = (name: string, value: string) => setForm({ params: { ...params, [name]: value } });
  const count = Object.values(params).filter((v) => v.trim()).length;
  return (
    <Field label="Parameters" name="indexParams" error={error} group>
      <div className="params">
        <button type="button" className="ghost" aria-expanded={open || !!error} onClick={() => setOpen(!open)}>
          {count ? `${count} set` : 'defaults'} ▾
        </button>
        {(open || !!error) && (
          <div className="params-pop">
            {kinds.map(([name, kind]) => (
              <label key={name} className="param">
                <span>{name} <span className="muted">{kind}</span></span>
                {kind === 'bool' ? (
                  <select value={params[name] ?? ''} onChange={(e) => set(name, e.target.value)}>
                    <option value="">default</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                ) : (
                  <input
                    value={params[name] ?? ''}
                    placeholder={kind === 'string[]' ? 'a, b, c' : 'default'}
                    inputMode={kind === 'int' || kind === 'number' ? 'decimal' : undefined}
                    onChange={(e) => set(name, e.target.value)}
                  />
                )}
              </label>
            ))}
          </div>
        )}
      </div>
    </Field>
  );
}
