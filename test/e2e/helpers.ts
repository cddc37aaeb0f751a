// Shared pieces of the Chromium end-to-end tests: where the bundles and artifacts live, the
// browser flags, and getting a page past onboarding into the inbox.
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebHost } from '../../ts/web/host';

export const ROOT = path.resolve(__dirname, '../..');
export const STATIC_DIR = path.join(ROOT, 'build/renderer');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts/e2e');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Creates an account through the onboarding screens of a page showing them. */
export async function createAccountInUi(page: Page, displayName: string): Promise<void> {
  await page.getByTestId('onboarding-create').click();
  await page.getByTestId('display-name-input').fill(displayName);
  await page.getByTestId('onboarding-continue').click();
  await page.getByTestId('app-shell').waitFor();
}

/**
 * Opens the host's tokenised URL and waits for the inbox (the first load has crossed the bridge),
 * creating an account through onboarding first when the profile has none.
 */
export async function openShell(page: Page, host: WebHost, displayName = 'Tester'): Promise<void> {
  await page.goto(host.url);
  await page.locator('[data-testid="app-shell"], [data-testid="onboarding-start"]').first().waitFor();
  if (await page.getByTestId('onboarding-start').count()) await createAccountInUi(page, displayName);
}

/** What `stubNotifications` records in the page: each Notification the app created. */
export interface StubbedNotification {
  title: string;
  body: string;
}

/**
 * Before the page loads: the page reports that it does not have focus (headless Chromium always
 * does, and the app notifies only when it does not) and `Notification` is a stub with permission
 * granted that records what the app shows in `window.__notifications`.
 */
export async function stubNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    class StubNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    Object.assign(window, { Notification: StubNotification, __notifications: shown });
    Document.prototype.hasFocus = () => false;
  });
}

/** The notifications recorded by `stubNotifications`. */
export function notificationsShown(page: Page): Promise<StubbedNotification[]> {
  return page.evaluate(() => (window as unknown as { __notifications: StubbedNotification[] }).__notifications);
}
