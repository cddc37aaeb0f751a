// The whole renderer (Root over a real store) mounted in jsdom against the fake API, as the renderer tests
// use it: one store at a time, disposed with the rendered tree by `unmountApp` (call it after each test);
// and the conversation list's rows and their context menu.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { TextEncoder } from 'node:util';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { FakeApi } from './fakeApi';

let current: AppStore | null = null;

/** jsdom lacks TextEncoder, which the QR encoder uses (browsers and Electron have it). */
export function installTextEncoder(): void {
  if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder });
}

/** Makes `store` the one `appStore` answers and `unmountApp` disposes (for trees other than Root). */
export function adoptStore(store: AppStore): AppStore {
  current = store;
  return store;
}

/** The store of the app mounted last. */
export function appStore(): AppStore {
  if (!current) throw new Error('no app is mounted');
  return current;
}

/** Renders Root over a new store for `api`, without waiting for anything. */
export function renderApp(api: FakeApi, now?: () => number): AppStore {
  const store = adoptStore(createStore(api));
  render(now ? <Root store={store} now={now} /> : <Root store={store} />);
  return store;
}

/** Renders Root and waits for the element with test id `waitFor` (the app shell unless told). */
export async function mountApp(api: FakeApi = new FakeApi(), { now, waitFor = 'app-shell' }: { now?: () => number; waitFor?: string } = {}): Promise<FakeApi> {
  renderApp(api, now);
  await screen.findByTestId(waitFor);
  return api;
}

/** Unmounts what was rendered and disposes the store, as a restart or the end of a test does. */
export function unmountApp(): void {
  cleanup();
  current?.dispose();
  current = null;
}

/** Lets pending promises and timers of zero delay run. */
export async function flush(times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

/** The conversation list's row of `id`. */
export function row(id: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-testid="conversation-row"][data-conversation-id="${id}"]`);
  if (!found) throw new Error(`no row for ${id}`);
  return found;
}

/** Opens the context menu of `id`'s row. */
export function openMenu(id: string): HTMLElement {
  fireEvent.contextMenu(row(id), { clientX: 40, clientY: 80 });
  return screen.getByRole('menu');
}

/** The labels of the items directly in `menu` (not those nested deeper, as in a submenu). */
export function menuLabels(menu: HTMLElement): string[] {
  return within(menu)
    .getAllByRole('menuitem')
    .filter((el) => el.parentElement === menu)
    .map((el) => el.textContent ?? '');
}
