/**
 * Shown instead of the dataset screens when no usable engine is found (first run, pins changed
 * by an update, a Python that can't run it): set one up, or use an existing Python.
 */
import { useEffect } from 'react';
import { useConnection } from '../../store/connection-store';
import { ExistingPythonPanel } from './existing-python-panel';
import { SetupPanel } from './setup-panel';
import { loadSetupState, useEngineSetup } from './engine-store';
import { whyEngineScreen } from './engine-words';
import './engine.css';

/** True when the core says the engine needs setting up: app.tsx shows this screen then. */
export function useEngineNeedsSetup(): boolean {
  return useConnection((s) => !!s.engine && !s.engine.ok && !!s.engine.setup);
}

export function EngineScreen() {
  const need = useConnection((s) => s.engine?.setup);
  const running = useEngineSetup((s) => s.setup.status === 'running');
  useEffect(() => void loadSetupState(), []);
  if (!need) return null;
  return (
    <div className="engine-screen" data-testid="engine-screen" data-reason={need.reason}>
      <h1 className="engine-title">The index engine</h1>
      <p className="engine-why">{whyEngineScreen(need)}</p>
      <div className="engine-cards">
        <SetupPanel dataDir={need.dataDir} pin={need.pin} again={need.reason === 'pins-changed'} />
        <ExistingPythonPanel disabled={running} />
      </div>
    </div>
  );
}
