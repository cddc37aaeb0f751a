// The settings area in real Chromium through the web host (no network needed): the recovery
// password revealed after a confirmation, the Account ID QR code full screen and saved as a PNG, the keyboard shortcuts dialog, the notification preview
// through the page's Notification API, and the RTL pseudo-locale mirroring the document. Screenshots
// go to test-artifacts/e2e (git-ignored).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import {
  ARTIFACTS,
  CHROMIUM_ARGS,
  installFocusSeam,
  installNotificationStub,
  openShell,
  setPageFocused,
  STATIC_DIR,
  waitForNotifications,
} from './helpers';

jest.setTimeout(60_000);

let dataDir: string;
let browser: Browser;
let host: WebHost;

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `settings-${name}.png`) });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(STATIC_DIR, 'renderer.js'))) {
    throw new Error(`No renderer bundle in ${STATIC_DIR}: run \`node tools/build/build.mjs\` (npm run test:e2e does).`);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-settings-'));
  host = await startWebHost({ dataDir, network: 'testnet', staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('reveals the recovery password after a confirmation, as words and as a QR code', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openShell(page, host, 'Alice');
  await page.getByTestId('open-settings').click();
  await page.getByTestId('account-qr-toggle').click();
  await page.getByTestId('account-qr').waitFor();
  await screenshot(page, 'home');
  // The code full screen; Save downloads it as a PNG; Esc closes only the full-screen view.
  await page.getByTestId('account-qr-open').click();
  await page.getByTestId('qr-fullscreen').waitFor();
  await screenshot(page, 'qr-fullscreen');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('qr-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^session-account-id-05[0-9a-f]{6}\.png$/);
  const png = fs.readFileSync(await download.path());
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await page.keyboard.press('Escape');
  await page.getByTestId('qr-fullscreen').waitFor({ state: 'detached' });
  await page.getByTestId('settings-modal').waitFor();
  await page.getByTestId('settings-nav-recovery-password').click();
  expect(await page.getByTestId('recovery-words').count()).toBe(0);
  await page.getByTestId('recovery-reveal').click();
  await page.getByTestId('recovery-reveal-confirm').click();
  const words = ((await page.getByTestId('recovery-words').textContent()) ?? '').trim().split(/\s+/);
  expect(words).toHaveLength(13);
  await screenshot(page, 'recovery-password');
  await page.getByTestId('recovery-qr-toggle').click();
  await page.getByTestId('recovery-qr').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('settings-modal').waitFor({ state: 'detached' });

  // Ctrl+/ lists the shortcuts; Esc closes it.
  await page.keyboard.press('Control+/');
  await page.getByTestId('shortcuts-modal').waitFor();
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await page.getByTestId('shortcuts-modal').waitFor({ state: 'detached' });

  // Ctrl+= zooms the page through the zoom setting (the browser's own zoom stays out of it).
  await page.keyboard.press('Control+=');
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--app-zoom') === '1.1');
  await page.keyboard.press('Control+0');
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--app-zoom') === '1');
  expect(errors).toEqual([]);
  await page.close();
});

it('shows a preview notification through the page Notification API', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await installNotificationStub(page);
  await installFocusSeam(page);
  await openShell(page, host);
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-nav-notifications').click();
  // As if the user had switched to another window: the page reports no focus from here on.
  await setPageFocused(page, false);
  expect(await page.evaluate(() => document.hasFocus())).toBe(false);
  await page.getByTestId('notification-preview').click();
  const shown = await waitForNotifications(page, 1);
  expect(shown).toHaveLength(1);
  expect(shown[0]!.title).toBe('Preview');
  await page.close();
});

it.each(['pseudo', 'pseudo-rtl'] as const)('renders the %s locale', async (locale) => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto(`${host.url}&locale=${locale}`);
  await page.getByTestId('app-shell').waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'pseudo-rtl' ? 'rtl' : 'ltr');
  expect(await page.getByTestId('open-settings').getAttribute('aria-label')).toMatch(/^\[Šéţţîñĝš·+\]$/);
  // Mirrored: the actions strip sits at the right edge in RTL.
  const strip = await page.getByTestId('actions-strip').boundingBox();
  if (locale === 'pseudo-rtl') expect(strip!.x).toBeGreaterThan(900);
  else expect(strip!.x).toBe(0);
  // The left pane's border sits between it and the main panel: on its left side in RTL.
  const border = await page.getByTestId('left-pane').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { left: cs.borderLeftWidth, right: cs.borderRightWidth };
  });
  expect(border).toEqual(locale === 'pseudo-rtl' ? { left: '1px', right: '0px' } : { left: '0px', right: '1px' });
  // Back arrows point towards the reading start: mirrored in RTL.
  await page.getByTestId('choose-action-button').click();
  await page.getByTestId('action-new-message').click();
  const arrow = await page.getByTestId('overlay-back').locator('svg').evaluate((el) => getComputedStyle(el).transform);
  expect(arrow).toBe(locale === 'pseudo-rtl' ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none');
  await page.getByTestId('overlay-back').click();
  await page.getByTestId('choose-action-button').click();
  await page.getByTestId('overlay-back').waitFor({ state: 'detached' });
  await screenshot(page, `inbox-${locale}`);
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-nav-appearance').click();
  await screenshot(page, `appearance-${locale}`);
  await page.close();
});
