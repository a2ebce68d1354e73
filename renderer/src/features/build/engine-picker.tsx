/**
 * Where the build runs: this machine's workers, or a Ray cluster (its dashboard's address, the
 * token, whether the job installs the engine's pylance), with a check that asks the cluster.
 */
import type { FieldError } from '@shared/contract/api';
import { Field } from '../../components/field';
import { showView } from '../../store/ui-store';
import { hereCpus, useConnection } from '../../store/connection-store';
import { checkConnection } from '../cluster/cluster-store';
import { clusterVerdict } from '../cluster/cluster-logic';
import { useClusterLook } from '../cluster/use-cluster-look';
import { errorFor, setEngine, useBuild } from './build-store';
import { RAY_ADDRESS_EXAMPLE } from './engine-form';

/** The core's errors (a start refused) and the check's, under the field they name. */
function fieldError(field: string, formErrors: readonly FieldError[], checkError: FieldError | null): string | undefined {
  return errorFor(formErrors, field) ?? (checkError?.field === field ? checkError.message : undefined);
}

export function EnginePicker() {
  const errors = useBuild((s) => s.errors);
  const { engine, status, error, checking } = useClusterLook();
  const ray = engine.kind === 'ray';
  const cpusHere = useConnection(hereCpus);
  return (
    <>
      <Field
        label="Engine"
        name="engine"
        group
        hint={
          ray ? (
            <button type="button" className="link" onClick={() => showView('cluster')}>
              nodes and jobs in the Cluster view ›
            </button>
          ) : (
            `worker processes here · ${cpusHere} CPUs`
          )
        }
      >
        <div className="segmented">
          <label className={ray ? '' : 'on'}>
            <input type="radio" name="engineKind" value="local" checked={!ray} onChange={() => setEngine({ kind: 'local' })} />
            This machine
          </label>
          <label className={ray ? 'on' : ''}>
            <input type="radio" name="engineKind" value="ray" checked={ray} onChange={() => setEngine({ kind: 'ray' })} />
            Ray cluster
          </label>
        </div>
      </Field>
      {ray && (
        <>
          <Field label="Ray dashboard" name="rayAddress" error={fieldError('rayAddress', errors, error)} hint="the head node’s dashboard (Jobs API)">
            <input
              name="rayAddress"
              value={engine.address}
              placeholder={RAY_ADDRESS_EXAMPLE}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setEngine({ address: e.target.value })}
            />
          </Field>
          <Field
            label="Token"
            name="rayToken"
            error={fieldError('rayToken', errors, error)}
            hint={
              <>
                kept in memory only · <code>ray get-auth-token</code>
              </>
            }
          >
            {/* A password input: once typed, the token is never shown on screen again. */}
            <input
              name="rayToken"
              type="password"
              value={engine.token}
              placeholder="none"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setEngine({ token: e.target.value })}
            />
          </Field>
          <div className="ray-check">
            <button type="button" onClick={() => void checkConnection(engine)} disabled={checking}>
              {checking ? 'Checking…' : 'Check connection'}
            </button>
            <span className="ray-verdict small" role="status" aria-live="polite" data-testid="ray-verdict">
              {status ? (
                <>
                  <span className="ok-word">✓</span> {clusterVerdict(status)}
                </>
              ) : null}
            </span>
          </div>
          <label className="check" title="Add the engine's exact pins to the job's runtime_env pip; for clusters that reach a package index">
            <input type="checkbox" name="rayPip" checked={engine.pip} onChange={(e) => setEngine({ pip: e.target.checked })} />
            install the engine’s pylance on the cluster (pip)
          </label>
        </>
      )}
    </>
  );
}
