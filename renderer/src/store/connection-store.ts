/** The bridge and the engine behind it: both must be up before anything else makes sense. */
import { create } from 'zustand';
import type { EngineStatus } from '@shared/contract/api';
import { api, onConnectionState } from '../api/bridge';
import type { ConnectionState } from '../api/ws-client';

interface ConnectionStore {
  connection: ConnectionState;
  connectionDetail?: string;
  engine: EngineStatus | null;
  checkingEngine: boolean;
}

export const useConnection = create<ConnectionStore>(() => ({ connection: 'connecting', engine: null, checkingEngine: false }));

/** CPUs where this machine's workers run (the core says; the browser's guess until it has). */
export const hereCpus = (s: ConnectionStore): number => s.engine?.cpus ?? navigator.hardwareConcurrency ?? 2;

/** Mirrors the bridge's connection state into this store; returns the unsubscribe. */
export function startConnectionStore(): () => void {
  return onConnectionState((connection, connectionDetail) => useConnection.setState({ connection, connectionDetail }));
}

export async function checkEngine(): Promise<void> {
  useConnection.setState({ checkingEngine: true });
  try {
    useConnection.setState({ engine: await api.engineStatus({}) });
  } catch (err) {
    useConnection.setState({ engine: { ok: false, message: (err as Error).message } });
  } finally {
    useConnection.setState({ checkingEngine: false });
  }
}
