/**
 * The chosen type's parameters, typed per their kind; empty means pylance's default. A popover:
 * Esc or a click outside closes it. A bad value is said under the Parameters control itself,
 * so it shows whether the popover is open or not.
 */
import { useEffect, useRef } from 'react';
import { INDEX_TYPE_INFO } from '@shared/index-types';
import { Field } from '../../components/field';
import { useInsideWindow } from '../../components/use-inside-window';
import { closeParams, openParams, setForm, useBuild } from './build-store';

export function ParamsEditor({ error }: { error?: string }) {
  const indexType = useBuild((s) => s.form.indexType);
  const params = useBuild((s) => s.form.params);
  const open = useBuild((s) => s.paramsOpen);
  const root = useRef<HTMLDivElement>(null);
  const pop = useRef<HTMLDivElement>(null);
  const placement = useInsideWindow(pop, open);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) closeParams();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  const kinds = Object.entries(INDEX_TYPE_INFO[indexType].params);
  if (kinds.length === 0) return <div className="field muted small params-none">{indexType} takes no parameters</div>;
  const set = (name: string, value: string) => setForm({ params: { ...params, [name]: value } });
  const count = Object.values(params).filter((v) => v.trim()).length;
  // Messages name the parameter in quotes ("Parameter 'block_size' of FTS ..."): mark that control.
  const bad = (name: string) => !!error?.includes(`'${name}'`);
  return (
    <Field label="Parameters" name="indexParams" error={error} group>
      <div className="params" ref={root}>
        <button type="button" className="ghost" aria-expanded={open} onClick={() => openParams(!open)}>
          {count ? `${count} set` : 'defaults'} ▾
        </button>
        {open && (
          <div className="params-pop" ref={pop} style={placement} data-testid="params-popover">
            {kinds.map(([name, kind]) => (
              <label key={name} className="param">
                <span>
                  {name} <span className="muted">{kind}</span>
                </span>
                {kind === 'bool' ? (
                  <select
                    className={bad(name) ? 'bad' : undefined}
                    aria-invalid={bad(name) || undefined}
                    value={params[name] ?? ''}
                    onChange={(e) => set(name, e.target.value)}
                  >
                    <option value="">default</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                ) : (
                  <input
                    className={bad(name) ? 'bad' : undefined}
                    aria-invalid={bad(name) || undefined}
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
