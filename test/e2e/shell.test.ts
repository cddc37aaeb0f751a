// End to end in real Chromium through the web host: the shell renders, app info crosses the
// WebSocket bridge, a setting changed in the UI survives a backend restart, and a page request
// without the access token is refused. Needs the bundles (`npm run test:e2e` builds them first).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { ARTIFACTS, CHROMIUM_ARGS, openShell, STATIC_DIR } from './helpers';

jest.setTimeout(30_000);

let dataDir: string;
let browser: Browser;
let host: WebHost | null = null;

function start(): Promise<WebHost> {
  // The shell needs an account but no network: nothing here may leave loopback.
  return startWebHost({ dataDir, network: 'testnet', staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false } });
}

/**
 * A new host on the same data directory, port and token, as after a crash and relaunch: an open
 * page's WebSocket client can reconnect by itself. The profile's database key already exists, so
 * the injected randomness only decides the token.
 */
function restartInPlace(previous: WebHost): Promise<WebHost> {
  const token = Uint8Array.from(Buffer.from(previous.token, 'hex'));
  return startWebHost({
    dataDir,
    network: 'testnet',
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { startNetwork: false },
    port: previous.port,
    randomBytes: (n) => (n === token.length ? token.slice() : new Uint8Array(n)),
  });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(STATIC_DIR, 'renderer.js'))) {
    throw new Error(`No renderer bundle in ${STATIC_DIR}: run \`node tools/build/build.mjs\` (npm run test:e2e does).`);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  host = await start();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('web shell in Chromium', () => {
  it('renders the shell with app info from the backend', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openShell(page, host!);

    await page.getByTestId('left-pane').waitFor();
    await page.getByTestId('empty-view').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('classic-dark');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'shell.png') });

    await page.getByTestId('open-settings').click();
    const dataDirLine = page.getByTestId('about-data-dir');
    await dataDirLine.waitFor();
    expect(await dataDirLine.textContent()).toContain(host!.backend.profileDir);
    expect(await page.getByTestId('about-network').textContent()).toContain('Testnet');
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-modal').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a setting changed in the UI across a backend restart', async () => {
    const page = await browser.newPage();
    await openShell(page, host!);
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-nav-appearance').click();
    await page.getByTestId('setting-theme-classic-light').check();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'classic-light');
    // The backend has it, not only the page.
    expect((await host!.backend.handlers['settings.getAll']({})).theme).toBe('classic-light');

    const previous = host!;
    await previous.stop();
    host = null;
    host = await restartInPlace(previous);
    // Without a reload the page reconnects and catches up (by event or by its reconnect refetch)
    // with a change made behind its back.
    await host.backend.handlers['settings.set']({ key: 'accent', value: 'purple' });
    await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--primary-color') === '#C993FF');

    await page.reload();
    await page.getByTestId('app-shell').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('classic-light');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-nav-appearance').click();
    expect(await page.getByTestId('setting-theme-classic-light').isChecked()).toBe(true);
    expect(await page.getByTestId('setting-accent-purple').getAttribute('aria-checked')).toBe('true');
    await page.close();
  });

  it('refuses the page without the access token', async () => {
    // A fresh context: no cookie from the tokenised visits above.
    const context = await browser.newContext();
    const page = await context.newPage();
    const origin = `http://127.0.0.1:${host!.port}`;
    const bare = await page.goto(`${origin}/`);
    expect(bare?.status()).toBe(401);
    const wrong = await page.goto(`${origin}/?token=${'0'.repeat(host!.token.length)}`);
    expect(wrong?.status()).toBe(401);
    expect(await page.getByTestId('app-shell').count()).toBe(0);
    await context.close();
  });
});
