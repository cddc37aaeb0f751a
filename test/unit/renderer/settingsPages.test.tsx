// Every settings page, walked as a user would: each toggle and radio that is shown is changed, and
// its effect checked (the state, the backend call, and what changes in the renderer where something
// visible does); settings whose feature is not built are absent. Where each setting's effect is
// verified:
//   theme, accent ............ here (CSS variables / data-theme on <html>)
//   followSystemTheme ........ here (state + call) and shell.test.tsx "follows the system light/dark preference"
//   zoomFactor ............... here (web host: CSS zoom); Electron: the main-process unit tests (window zoom)
//   spellCheck ............... here (the `spellcheck` attribute text fields inherit); Electron: main-process tests
//   enterKey ................. here (the shortcuts dialog) and chat.test.tsx "respects the … setting" (composer)
//   microphone ............... here (state + call), composerVoice.test.tsx (the composer records only when on) and
//                              test/unit/main/app.test.ts "microphone permission" (Electron's permission handler)
//   notifications, notificationContent, audioNotifications ... notifications.test.tsx (the web notifier)
//   autoplayAudio ............ here (state + call) and media.test.tsx "with Autoplay Audio Messages on, plays the next
//                              consecutive audio" (the timeline's audio players)
//   keepInTray, hideMenuBar .. shown only in Electron; their effect: the main-process unit tests (tray, menu bar)
//   hideMessageRequestBanner . not a page control: the banner's "Hide" menu, hiddenUi.test.tsx (renderer) and
//                              test/unit/backend/engine/hiddenUi.test.ts (stored; a new request turns it off)
//   hideRecoveryPassword ..... Recovery Password page, hiddenUi.test.tsx (two confirmations; row, page and banner
//                              gone) and the backend test above (stored, cannot be undone)
//   readReceipts ............. here (state + call); the backend sends receipts only when on (its own tests)
//   typingIndicators ......... here (state + call) and conversationFeatures.test.tsx (the composer tells the
//                              backend and the timeline shows the peer typing only when on)
//   linkPreviews ............. here (state + call, no prompt: the composer asks for consent)
//   communityMessageRequests . here (state + call); the backend refuses blinded requests when off (engine tests)
//   trimCommunities .......... here (state + call); the backend trims large rooms when on (engine tests)
//   hidden until its feature exists: autoUpdate (asserted absent below).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { AppInfo, SettingKey } from '../../../ts/ipc/contract';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { FakeApi, TEST_INFO } from './fakeApi';
import { flush } from './appHarness';

jest.setTimeout(30_000);

let store: AppStore | null = null;

afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
  document.documentElement.removeAttribute('style');
  document.documentElement.removeAttribute('data-theme');
  document.documentElement.removeAttribute('spellcheck');
});


async function mount(info: Partial<AppInfo> = {}) {
  const api = new FakeApi();
  api.info = { ...TEST_INFO, ...info };
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  return api;
}

const PAGES = ['privacy', 'notifications', 'conversations', 'appearance', 'preferences'] as const;
const HIDDEN: SettingKey[] = ['autoUpdate'];

/** The setting controls on the open page (toggles, radios, swatches, the zoom select). */
function controlIds(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="setting-"]'))
    .map((el) => el.dataset.testid!)
    .filter((id) => id !== 'setting-error');
}

async function openPage(page: string) {
  fireEvent.click(await screen.findByTestId(`settings-nav-${page}`));
  await screen.findByTestId(`settings-page-${page}`);
}

async function backHome() {
  fireEvent.click(screen.getByTestId('modal-back'));
  await screen.findByTestId('profile');
}

/** Each shown control's check: change it, then see the call, the state and the renderer's effect. */
type Check = (api: FakeApi) => Promise<void>;

const root = () => document.documentElement;
const clickAndSettle = async (id: string) => {
  fireEvent.click(screen.getByTestId(id));
  await flush();
};
const lastSet = (api: FakeApi) => api.callsOf('settings.set').at(-1)?.params;
const checked = (id: string) => (screen.getByTestId(id) as HTMLInputElement).checked;
const on = (id: string) => screen.getByTestId(id).getAttribute('aria-checked') === 'true';

function toggleCheck(key: SettingKey, effect?: (value: boolean) => void): Check {
  return async (api) => {
    const id = `setting-${key}`;
    const before = on(id);
    await clickAndSettle(id);
    expect(lastSet(api)).toEqual({ key, value: !before });
    expect(api.settings[key]).toBe(!before);
    expect(store!.getState().settings.values?.[key]).toBe(!before);
    expect(on(id)).toBe(!before);
    effect?.(!before);
  };
}

function radioCheck(key: SettingKey, value: string, effect?: () => void): Check {
  return async (api) => {
    const id = `setting-${key}-${value}`;
    await clickAndSettle(id);
    if (api.settings[key] !== value) throw new Error(`${key} did not become ${value}`);
    expect(store!.getState().settings.values?.[key]).toBe(value);
    expect(checked(id)).toBe(true);
    effect?.();
  };
}

function checksFor(host: 'web' | 'electron'): Record<string, Check> {
  const checks: Record<string, Check> = {
    'setting-microphone': toggleCheck('microphone'),
    // --- conversation features ---
    'setting-readReceipts': toggleCheck('readReceipts'),
    'setting-typingIndicators': toggleCheck('typingIndicators'),
    // Saved at once: no prompt stands between the toggle and the setting.
    'setting-linkPreviews': toggleCheck('linkPreviews'),
    // --- communities ---
    'setting-communityMessageRequests': toggleCheck('communityMessageRequests'),
    'setting-trimCommunities': toggleCheck('trimCommunities'),
    'setting-notifications': toggleCheck('notifications'),
    'setting-audioNotifications': toggleCheck('audioNotifications'),
    'setting-notificationContent-name-and-content': radioCheck('notificationContent', 'name-and-content'),
    'setting-notificationContent-name-only': radioCheck('notificationContent', 'name-only'),
    'setting-notificationContent-none': radioCheck('notificationContent', 'none'),
    'setting-spellCheck': toggleCheck('spellCheck', (value) => expect(root().spellcheck).toBe(value)),
    // Its effect on playback: media.test.tsx (autoplay of the next consecutive audio).
    'setting-autoplayAudio': toggleCheck('autoplayAudio'),
    'setting-followSystemTheme': toggleCheck('followSystemTheme'),
    'setting-zoomFactor': async (api) => {
      fireEvent.change(screen.getByTestId('setting-zoomFactor'), { target: { value: '1.5' } });
      await flush();
      expect(api.settings.zoomFactor).toBe(1.5);
      // Electron zooms the window natively (main process); only the web host zooms the page itself.
      expect(root().style.getPropertyValue('--app-zoom')).toBe(host === 'web' ? '1.5' : '');
    },
    'setting-enterKey-shift-enter-sends': radioCheck('enterKey', 'shift-enter-sends'),
    'setting-enterKey-enter-sends': radioCheck('enterKey', 'enter-sends'),
  };
  for (const theme of ['classic-light', 'ocean-dark', 'ocean-light', 'classic-dark']) {
    checks[`setting-theme-${theme}`] = radioCheck('theme', theme, () => expect(root().dataset.theme).toBe(theme));
  }
  const accents: Record<string, string> = { green: '#31F196', blue: '#57C9FA', yellow: '#FAD657', pink: '#FF95EF', purple: '#C993FF', orange: '#FCB159', red: '#FF9C8E' };
  for (const [accent, color] of Object.entries(accents)) {
    checks[`setting-accent-${accent}`] = async (api) => {
      await clickAndSettle(`setting-accent-${accent}`);
      expect(api.settings.accent).toBe(accent);
      expect(screen.getByTestId(`setting-accent-${accent}`).getAttribute('aria-checked')).toBe('true');
      expect(root().style.getPropertyValue('--primary-color').toUpperCase()).toBe(color);
    };
  }
  if (host === 'electron') {
    // The effect is the main process's (tray, menu bar); here: the call and the shown state.
    checks['setting-keepInTray'] = toggleCheck('keepInTray');
    checks['setting-hideMenuBar'] = toggleCheck('hideMenuBar');
  }
  return checks;
}

describe.each(['web', 'electron'] as const)('settings pages in the %s host', (host) => {
  it('changes every shown setting with its effect, and shows none of the unbuilt ones', async () => {
    const api = await mount({ host, platform: 'linux' });
    const checks = checksFor(host);
    const seen: string[] = [];
    fireEvent.click(screen.getByTestId('open-settings'));
    await screen.findByTestId('profile');
    for (const page of PAGES) {
      await openPage(page);
      const ids = controlIds();
      for (const id of ids) {
        const check = checks[id];
        if (!check) throw new Error(`setting control ${id} on ${page} has no checked effect`);
        await check(api);
        seen.push(id);
      }
      for (const key of HIDDEN) expect(document.querySelector(`[data-testid^="setting-${key}"]`)).toBeNull();
      await backHome();
    }
    // Every control with a check was found on some page: nothing expected went missing.
    expect(seen.sort()).toEqual(Object.keys(checks).sort());
    if (host === 'web') {
      expect(seen).not.toContain('setting-keepInTray');
      expect(seen).not.toContain('setting-hideMenuBar');
    }
  });
});

it('shows the Enter Key choice in the keyboard shortcuts dialog', async () => {
  const api = await mount();
  api.settings.enterKey = 'shift-enter-sends';
  await act(async () => api.emit('settings.changed', { key: 'enterKey', value: 'shift-enter-sends', settings: { ...api.settings } }));
  fireEvent.keyDown(window, { key: '/', code: 'Slash', ctrlKey: true });
  await screen.findByTestId('shortcuts-modal');
  expect(screen.getByTestId('shortcut-send').textContent).toBe('ShiftEnter');
  expect(screen.getByTestId('shortcut-new-line').textContent).toBe('Enter');
});

it('never treats auto-update as on: it is off by default and not shown', async () => {
  const { DEFAULT_SETTINGS } = await import('../../../ts/ipc/contract');
  expect(DEFAULT_SETTINGS.autoUpdate).toBe(false);
});

it('where the Electron app has no offline spell checker, Spell Check is shown off and disabled, saying why', async () => {
  const api = await mount({ host: 'electron', platform: 'linux', spellCheckUnavailable: 'no-offline-dictionaries' });
  expect(api.settings.spellCheck).toBe(true);
  fireEvent.click(screen.getByTestId('open-settings'));
  await screen.findByTestId('profile');
  await openPage('conversations');
  const toggle = screen.getByTestId('setting-spellCheck') as HTMLButtonElement;
  expect(toggle.getAttribute('aria-checked')).toBe('false');
  expect(toggle.disabled).toBe(true);
  const described = document.getElementById(toggle.getAttribute('aria-describedby')!);
  expect(described?.textContent).toMatch(/download dictionaries from Google’s servers, which Session never does/);
  fireEvent.click(toggle);
  await flush();
  expect(api.callsOf('settings.set')).toHaveLength(0);
});
