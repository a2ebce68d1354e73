/**
 * The core's face to every window: one method per entry of shared/contract/api.ts. Electron's
 * main process and the browser-mode host both wrap an instance of this; neither adds logic.
 */
import type { ApiEvent, ApiEventPayload, ApiInput, ApiMethod, ApiOutput } from '@shared/contract/api.js';

export type StudioHandlers = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
export type StudioEventListener = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;

export interface StudioServiceOptions {
  /** Where recent datasets are remembered (a JSON file); per user in Electron, per host in browser mode. */
  stateDir: string;
  /** Electron passes its native folder picker; browser mode has none. */
  pickFolder?: () => Promise<string | null>;
  /** Electron passes a utilityProcess launcher; Node uses child_process. */
  launcher?: import('./process-launcher.js').ProcessLauncher;
}
