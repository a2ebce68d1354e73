export * from './api.js';
export * from './build.js';
export * from './build-state.js';
export * from './dataset.js';
export * from './bridge.js';
