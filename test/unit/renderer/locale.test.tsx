// The whole app under the pseudo-locales: every visible string comes through the translator (no
// English letters left in the settings home), and the RTL pseudo-locale mirrors the document.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { en } from '../../../ts/renderer/locales/en';
import { setLocale } from '../../../ts/renderer/locales/i18n';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { FakeApi, TEST_INFO } from './fakeApi';

let store: AppStore | null = null;
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  setLocale('en', document);
});

it.each(['pseudo', 'pseudo-rtl'] as const)('renders the settings home in the %s locale', async (locale) => {
  setLocale(locale, document);
  expect(document.documentElement.dir).toBe(locale === 'pseudo-rtl' ? 'rtl' : 'ltr');
  const api = new FakeApi();
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  fireEvent.click(screen.getByTestId('open-settings'));
  const modal = await screen.findByTestId('settings-modal');
  expect(modal.textContent).not.toContain(en.settingsTitle);
  // What remains in Latin letters is data: the display name, the Account ID, and the app info.
  const info = [TEST_INFO.version, TEST_INFO.dataDir, TEST_INFO.host, api.account!.displayName, api.account!.sessionId];
  let text = modal.textContent ?? '';
  for (const value of info) text = text.split(value).join('');
  text = text.replace(/\b[A-Z]{2}\b/g, ''); // avatar initials
  expect(text).not.toMatch(/[A-Za-z]/);
});
