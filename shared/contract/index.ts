export * from './api.js';
export * from './build.js';
export * from './build-state.js';
export * from './dataset.js';
export * from './bridge.js';
export * from './cluster.js';
export * from './manage.js';
