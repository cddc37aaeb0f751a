// The app password in real Chromium through the web host: set it in Settings ▸ Privacy, restart the host,
// the lock screen (themed from the pre-unlock settings) refuses a wrong password with its wait and opens
// with the right one, the recovery password asks for it, and removing it puts the key back in its 0600
// file. Small argon2id limits (stored in the key file) keep it short; everything else is the real thing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { KEY_FILE } from '../../ts/backend/keys/keyFileFormat';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { ARTIFACTS, CHROMIUM_ARGS, STATIC_DIR, expectAccessible, openShell, requireRendererBundle } from './helpers';

jest.setTimeout(90_000);

let dataDir: string;
let browser: Browser;
let host: WebHost | undefined;
const PASSWORD = 'Correct horse 9!';

const start = () =>
  startWebHost({ dataDir, network: 'testnet', staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false }, kdfLimits: { opsLimit: 1, memLimit: 1024 * 1024 } });

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `password-${name}.png`) });
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-password-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('sets a password, locks after a restart, refuses a wrong one, unlocks, guards the recovery password and removes it', async () => {
  host = await start();
  const keyFile = path.join(host.backend.profileDir, KEY_FILE);
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openShell(page, host, 'Alice');
  await host.backend.handlers['settings.set']({ key: 'theme', value: 'ocean-light' });

  // Settings ▸ Privacy ▸ Set Password: the rules and "Passwords do not match" first.
  await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-nav-privacy').click();
  await page.getByTestId('settings-password-set').click();
  await page.getByTestId('password-new').fill('short');
  await page.getByTestId('password-confirm').fill('short');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('password-error').textContent()).resolves.toBe('Password must be between 6 and 256 characters long');
  await page.getByTestId('password-new').fill(PASSWORD);
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('password-error').textContent()).resolves.toBe('Passwords do not match');
  await page.getByTestId('password-confirm').fill(PASSWORD);
  await page.getByTestId('password-submit').click();
  await page.getByTestId('toast').filter({ hasText: 'Your password has been set. Please keep it safe.' }).waitFor();
  await page.getByTestId('settings-password-change').waitFor();
  expect(JSON.parse(fs.readFileSync(keyFile, 'utf8'))).toMatchObject({ protection: 'password' });
  await page.close();

  // Restart: the page opens on the lock screen, in the theme chosen before.
  await host.stop();
  host = await start();
  const locked = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  locked.on('pageerror', (e) => errors.push(e.message));
  await locked.goto(host.url);
  await locked.getByTestId('lock-screen').waitFor();
  expect(await locked.evaluate(() => document.documentElement.dataset.theme)).toBe('ocean-light');
  await screenshot(locked, 'lock');
  await expectAccessible(locked, 'lock screen');
  await locked.getByTestId('lock-password').fill('not the password');
  await locked.getByTestId('lock-submit').click();
  await expect(locked.getByTestId('lock-error').textContent()).resolves.toBe('Incorrect password');
  await locked.getByTestId('lock-wait').waitFor();
  expect(await locked.getByTestId('app-shell').count()).toBe(0);
  await locked.getByTestId('lock-password').fill(PASSWORD);
  // The button is held until the wait (1 s after one wrong password) is over.
  await locked.getByTestId('lock-submit').click();
  await locked.getByTestId('app-shell').waitFor();

  // The recovery password needs the app password.
  await locked.getByTestId('open-settings').click();
  await locked.getByTestId('settings-nav-recovery-password').click();
  await locked.getByTestId('recovery-reveal').click();
  await locked.getByTestId('recovery-app-password').fill('wrong again');
  await locked.getByTestId('recovery-reveal-confirm').click();
  await expect(locked.getByTestId('recovery-password-error').textContent()).resolves.toBe('Incorrect password');
  expect(await locked.getByTestId('recovery-words').count()).toBe(0);
  await locked.waitForTimeout(1_100);
  await locked.getByTestId('recovery-app-password').fill(PASSWORD);
  await locked.getByTestId('recovery-reveal-confirm').click();
  const words = ((await locked.getByTestId('recovery-words').textContent()) ?? '').trim().split(/\s+/);
  expect(words).toHaveLength(13);

  // Remove it: the key goes back to its 0600 file, and the next start opens without a lock screen.
  await locked.getByTestId('modal-back').click();
  await locked.getByTestId('settings-nav-privacy').click();
  await locked.getByTestId('settings-password-remove').click();
  await locked.getByTestId('password-current').fill(PASSWORD);
  await locked.getByTestId('password-submit').click();
  await locked.getByTestId('toast').filter({ hasText: 'Your password has been removed.' }).waitFor();
  await locked.getByTestId('settings-password-set').waitFor();
  expect(JSON.parse(fs.readFileSync(keyFile, 'utf8'))).toMatchObject({ protection: 'plain' });
  expect(errors).toEqual([]);
  await locked.close();
});
