/** Problems that stop everything, said once at the top: the host is gone, or the engine is missing. */
import { CopyText } from '../components/copy-text';
import { checkEngine, useConnection } from '../store/connection-store';

export function Banners() {
  const { connection, connectionDetail, engine, checkingEngine } = useConnection();
  return (
    <>
      {connection === 'lost' && (
        <div className="banner error" role="alert" data-testid="connection-lost">
          {connectionDetail ?? 'The connection to the lance-index host was lost.'} Start <code>lance-index ui</code> again and open the URL it prints.
        </div>
      )}
      {engine && !engine.ok && (
        <div className="banner error" role="alert" data-testid="engine-missing">
          <div>
            <strong>The index engine can’t start.</strong> {engine.message}
          </div>
          {engine.fix && (
            <div>
              Fix: <CopyText text={engine.fix} /> then{' '}
              <button type="button" className="small" onClick={() => void checkEngine()} disabled={checkingEngine}>
                {checkingEngine ? 'Checking…' : 'Try again'}
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
