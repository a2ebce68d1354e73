/** "Set up the engine": the button, then a real progress bar, the steps, the current package, Cancel, and the log on demand. */
import { ProgressBar, type RunTone } from '../../components/progress-bar';
import { cancelSetup, startSetup, useEngineSetup } from './engine-store';
import { currentPackageLine, stepStates } from './engine-words';

const TONE: Record<string, RunTone> = { idle: 'queued', running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' };

export function SetupPanel({ dataDir, pin, again }: { dataDir: string; pin: string; again: boolean }) {
  const setup = useEngineSetup((s) => s.setup);
  const startError = useEngineSetup((s) => s.startError);
  const running = setup.status === 'running';
  const pkg = currentPackageLine(setup);
  const pct = Math.floor(setup.fraction * 100);
  return (
    <section className="card engine-card" aria-labelledby="engine-setup-title" data-testid="engine-setup">
      <h2 id="engine-setup-title" className="engine-card-title">{again ? 'Set up the engine again' : 'Set up the engine'}</h2>
      <p className="muted">
        Makes a Python venv with pylance {pin} and the exact versions it was tested with, in <code>{dataDir}</code>. It
        downloads about 160 MB once; nothing is written anywhere else, and a cancelled or failed set-up leaves nothing behind.
      </p>
      {setup.status === 'idle' || (!running && setup.status !== 'done') ? (
        <div className="engine-actions">
          <button type="button" className="primary" onClick={() => void startSetup()}>
            {setup.status === 'idle' ? (again ? 'Set up the engine again' : 'Set up the engine') : 'Try again'}
          </button>
        </div>
      ) : null}
      {startError && <p className="engine-error" role="alert">{startError}</p>}
      {setup.status !== 'idle' && (
        <div className="setup-run" data-testid="setup-run" data-status={setup.status}>
          <div className="setup-bar-line">
            <ProgressBar fraction={setup.fraction} tone={TONE[setup.status] ?? 'running'} label="Engine set-up" />
            <span className="setup-pct" aria-hidden="true">{pct}%</span>
            {running && <button type="button" onClick={() => void cancelSetup()}>Cancel</button>}
          </div>
          <ol className="setup-steps" aria-label="Steps">
            {stepStates(setup).map((s) => (
              <li key={s.step} className={`step-${s.state}`} aria-current={s.state === 'running' ? 'step' : undefined}>
                <span className="step-mark" aria-hidden="true">{s.state === 'done' ? '✓' : s.state === 'running' ? '●' : s.state === 'failed' ? '✕' : '○'}</span>
                {s.label}
              </li>
            ))}
          </ol>
          <p className="setup-detail" role="status" aria-live="polite" data-testid="setup-detail">
            {setup.detail}
            {pkg && running && <span className="setup-package" data-testid="setup-package">: {pkg}</span>}
          </p>
          {setup.error && <p className="engine-error" role="alert" data-testid="setup-error">{setup.error}</p>}
          <details className="setup-log">
            <summary>Log ({setup.log.length} lines)</summary>
            <pre data-testid="setup-log">{setup.log.join('\n')}</pre>
          </details>
        </div>
      )}
    </section>
  );
}
