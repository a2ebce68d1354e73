/**
 * Drop and Rename for one index. Drop asks first, naming the index; a new name is checked with
 * the core's own rule (IndexNameSchema) before it is sent, and the core's refusal shown under it.
 */
import { useId, useState } from 'react';
import { newNameProblem } from './index-name-check';
import { dropIndex, renameIndex, useIndexCare } from './index-care-store';

type Mode = { kind: 'idle' } | { kind: 'drop' } | { kind: 'rename'; value: string };

export function IndexActions({ name, taken }: { name: string; taken: readonly string[] }) {
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const busy = useIndexCare((s) => s.busy);
  const ids = useId();
  const close = () => (setMode({ kind: 'idle' }), setError(null));
  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      close();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (mode.kind === 'drop') {
    return (
      <div className="index-confirm" role="alertdialog" aria-labelledby={`${ids}-q`} aria-describedby={`${ids}-d`} data-testid="drop-question">
        <p id={`${ids}-q`}>
          <strong>
            Drop index <code>{name}</code>?
          </strong>
        </p>
        <p id={`${ids}-d`} className="muted small">
          Queries stop using it at the next version. Its files stay while older versions use them.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="confirm-buttons">
          <button
            type="button"
            className="danger small"
            data-testid="confirm-drop"
            disabled={busy !== null}
            onClick={() => void act(() => dropIndex(name))}
            autoFocus
          >
            {busy === name ? 'Dropping…' : `Drop ${name}`}
          </button>
          <button type="button" className="small" onClick={close}>
            Keep it
          </button>
        </div>
      </div>
    );
  }

  if (mode.kind === 'rename') {
    const problem = mode.value === '' ? undefined : newNameProblem(name, mode.value, taken);
    const shown = error ?? problem;
    return (
      <form
        className="index-rename"
        aria-label={`Rename ${name}`}
        onSubmit={(e) => {
          e.preventDefault();
          const p = newNameProblem(name, mode.value, taken);
          if (p) return setError(p);
          void act(() => renameIndex(name, mode.value));
        }}
      >
        <label htmlFor={`${ids}-name`}>New name for {name}</label>
        <input
          id={`${ids}-name`}
          name="newName"
          value={mode.value}
          spellCheck={false}
          autoFocus
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${ids}-err` : undefined}
          onChange={(e) => (setMode({ kind: 'rename', value: e.target.value }), setError(null))}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), close())}
        />
        <button type="submit" className="primary small" disabled={busy !== null || !!problem || mode.value === ''}>
          {busy === name ? 'Renaming…' : 'Rename'}
        </button>
        <button type="button" className="small" onClick={close}>
          Cancel
        </button>
        {shown && (
          <div id={`${ids}-err`} className="field-error" role="alert" data-testid="error-newName">
            {shown}
          </div>
        )}
      </form>
    );
  }

  return (
    <span className="index-actions">
      <button type="button" className="small" data-testid="rename-index" aria-label={`Rename ${name}`} onClick={() => setMode({ kind: 'rename', value: name })}>
        Rename
      </button>
      <button type="button" className="small" data-testid="drop-index" aria-label={`Drop ${name}`} onClick={() => setMode({ kind: 'drop' })}>
        Drop
      </button>
    </span>
  );
}
