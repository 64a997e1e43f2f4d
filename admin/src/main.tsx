import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const RELOADED_AT = 'civicflow.reloadedForNewBuild';

/**
 * Screens load when first opened, and a deploy replaces the build: a back office left open since
 * before it asks for files that are gone. One reload fetches the new index.html (never cached) and
 * shows the same screen (the hash keeps it). Not again within a minute: a file missing for another
 * reason (the network is down) would otherwise reload forever instead of showing the error.
 */
window.addEventListener('vite:preloadError', (event) => {
  if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  event.preventDefault();
  window.location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
