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
