/** "Use an existing Python": a path, Check, the verdict under the field, and Use it when it can run the engine. */
import type { FormEvent } from 'react';
import { Field } from '../../components/field';
import { adoptCheckedPython, checkPythonPath, setPythonPath, useEngineSetup } from './engine-store';
import { verdictTone } from './engine-words';

export function ExistingPythonPanel({ disabled }: { disabled: boolean }) {
  const { pythonPath, checking, check, checkedPath, checkError, using } = useEngineSetup();
  const error = checkError ?? (check && !check.usable ? check.message : undefined);
  const verdict = check && check.usable ? (
    <span className={`verdict tone-${verdictTone(check)}`} data-testid="python-verdict" data-verdict={check.verdict}>{check.message}</span>
  ) : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void checkPythonPath();
  };
  return (
    <section className="card engine-card" aria-labelledby="engine-existing-title" data-testid="engine-existing">
      <h2 id="engine-existing-title" className="engine-card-title">Use an existing Python</h2>
      <p className="muted">A Python ≥ 3.10 that already has pylance. It is checked first: its version, its pylance against the engine’s pin, and that <code>import lance</code> works.</p>
      <form className="engine-form" onSubmit={onSubmit} noValidate>
        <Field label="Python" name="python" error={error} hint={verdict ?? 'The path of its executable, e.g. /usr/bin/python3 or ~/venvs/lance/bin/python'} wide>
          <input
            name="python"
            value={pythonPath}
            onChange={(e) => setPythonPath(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
          />
        </Field>
        <div className="engine-actions">
          <button type="submit" disabled={disabled || checking}>{checking ? 'Checking…' : 'Check'}</button>
          {check?.usable && checkedPath === pythonPath.trim() && (
            <button type="button" className="primary" disabled={disabled || using} onClick={() => void adoptCheckedPython()}>
              {using ? 'Starting the engine…' : 'Use this Python'}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
