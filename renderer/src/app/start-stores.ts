/**
 * Everything the window follows (the bridge's connection, the core's events, one store's news to
 * another), started in one place and stopped by what it returns. Importing a store subscribes
 * nothing, so tests and tools can import them freely and nothing listens twice.
 */
import { connectApi } from '../api/bridge';
import { startConnectionStore } from '../store/connection-store';
import { startProgressStore } from '../features/progress/progress-store';
import { startOlderVersionStore } from '../features/explore/older-version-store';
import { startBuildStore } from '../features/build/build-store';
import { startSelectionStore } from '../features/explore/selection-store';
import { startIndexCareStore } from '../features/explore/index-care-store';
import { startQueryStore } from '../features/explore/query-store';
import { startEngineStore } from '../features/engine/engine-store';
import { startFocusAfterOpen } from '../features/dataset/focus-after-open';
import { startCommands } from './commands';
import { startThemeStore } from './theme-choice';

/**
 * Connects, then subscribes in the order the modules used to load (listeners to one event run in
 * the order they subscribed). Call it before the first render: App's boot (loadBuilds, ...) must
 * find the progress store already following events, or a build's events could fall in between.
 */
export function startStores(): () => void {
  const stops = [
    connectApi(),
    startConnectionStore(),
    startProgressStore(),
    startOlderVersionStore(),
    startBuildStore(),
    startSelectionStore(),
    startIndexCareStore(),
    startQueryStore(),
    startEngineStore(),
    startFocusAfterOpen(),
    startCommands(),
    startThemeStore(),
  ];
  // Last in, first out: the connection closes after everything stopped listening to it. The
  // splice makes a second stop a no-op.
  return () => {
    for (const stop of stops.splice(0).reverse()) stop();
  };
}
