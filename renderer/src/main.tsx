import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startStores } from './app/start-stores';
import './app/theme.css';

// Before the first render: App's boot fetches builds and the engine's state, which the stores
// must already be following. Never stopped: the window's life is the page's.
startStores();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
