// Renderer entry point: takes the API the host installed as `window.session` (Electron preload or
// the web host's bootstrap, both run before this script), builds the store and mounts the app.
import { createRoot } from 'react-dom/client';
import type { SessionApi } from '../ipc/contract';
import { isLocaleId, setLocale, t } from './locales/i18n';
import { Root } from './Root';
import { createStore } from './state/store';

declare global {
  interface Window {
    session?: SessionApi;
  }
}

function main(): void {
  // `?locale=pseudo` / `?locale=pseudo-rtl` switch to a pseudo-locale (layout and translation checks).
  const locale = new URLSearchParams(window.location.search).get('locale');
  if (isLocaleId(locale)) setLocale(locale);
  const container = document.getElementById('root');
  if (!container) throw new Error('renderer: #root element missing from index.html');
  const api = window.session;
  if (!api) {
    // Nothing can work without a backend; say so on the page instead of leaving it blank.
    container.textContent = t('hostApiMissing');
    return;
  }
  const store = createStore(api);
  createRoot(container).render(<Root store={store} />);
}

main();
