/** The core for this window: one StudioService, workers forked as utility processes. */
import { app } from 'electron';
import { StudioService } from '@core/studio-service.js';
import { WORKER_SCRIPT } from './app-paths.js';
import { pickDatasetFolder } from './dialogs.js';
import { UtilityProcessLauncher } from './utility-launcher.js';

export function setupService(): StudioService {
  const service = new StudioService({
    stateDir: app.getPath('userData'),
    pickFolder: pickDatasetFolder,
    launcher: (python) => new UtilityProcessLauncher(WORKER_SCRIPT, python),
  });
  // Start the first worker while the window paints: Python takes ~1 s to import pylance.
  void service.handlers.engineStatus({});
  return service;
}
