// Renderer entry point: takes the API the host installed as `window.session` (Electron preload or
// the web host's bootstrap, both run before this script), builds the store and mounts the app.
import { createRoot } from 'react-dom/client';
import type { SessionApi } from '../ipc/contract';
import { isLocaleId, setLocale, t } from './locales/i18n';
import { AboutWindow, parseAboutParams } from './components/about/AboutWindow';
import { openConfirmedLink } from './hooks/useOpenExternalLink';
import { Root } from './Root';
import { createStore } from './state/store';
import { animationFrameScheduler } from './state/eventBatcher';

/** Least time between two store updates from backend events (a lone event still shows at the next frame). */
const EVENT_BURST_GAP_MS = 100;

declare global {
  interface Window {
    session?: SessionApi;
  }
}

function main(): void {
  // `?locale=pseudo` / `?locale=pseudo-rtl` switch to a pseudo-locale (layout and translation checks).
  const query = new URLSearchParams(window.location.search);
  const locale = query.get('locale');
  if (isLocaleId(locale)) setLocale(locale);
  const container = document.getElementById('root');
  if (!container) throw new Error('renderer: #root element missing from index.html');
  // Electron's About window (main/aboutWindow.ts): no engine, everything it shows is in its URL; its
  // links open as new windows, which the main process turns into the "Open URL" confirmation.
  if (query.get('view') === 'about') {
    const openLink = openConfirmedLink;
    createRoot(container).render(<AboutWindow params={parseAboutParams(window.location.search)} openLink={openLink} />);
    return;
  }
  const api = window.session;
  if (!api) {
    // Nothing can work without a backend; say so on the page instead of leaving it blank.
    container.textContent = t('hostApiMissing');
    return;
  }
  // Events are applied at most once per frame, and during a burst (a catch-up) at most every 100 ms,
  // so the page keeps painting and leaves the CPU to the engine (see eventBatcher).
  const store = createStore(api, { batchEvents: animationFrameScheduler(window, 100, EVENT_BURST_GAP_MS) });
  createRoot(container).render(<Root store={store} />);
}

main();
