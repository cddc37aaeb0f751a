// Delete for everyone, disappearing messages and typing indicators end to end in real Chromium: two web
// hosts (Alice and Bob) on an in-process devnet. Alice unsends a message and Bob's timeline shows the
// placeholder; Bob's typing shows at Alice; Alice sets "Disappear After Send" to 10 seconds (a development
// value, offered on test networks) in the Disappearing Messages page, both sides show the control message,
// and a new message shows its stopwatch and then disappears on both sides. The new dialogs and the page pass
// the accessibility audit. Needs the bundles (npm run test:e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { ARTIFACTS, CHROMIUM_ARGS, expectAccessible, openShell, requireRendererBundle, STATIC_DIR } from './helpers';

jest.setTimeout(90_000);

const HELLO = 'hello Bob';
const OOPS = 'this one goes for everyone';
const VANISH = 'gone in ten seconds';

let devnet: Devnet;
let dataDir: string;
let browser: Browser;
const hosts: WebHost[] = [];

function start(profile: string): Promise<WebHost> {
  return startWebHost({
    dataDir,
    seedUrl: devnet.info.seedUrl,
    profile,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 }, expiryIntervalMs: 250 },
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `unsend-timer-${name}.png`) });
}

/** Waits until `check` holds (a backend condition), polling briefly. */
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-unsend-'));
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 });
  hosts.push(await start('alice'), await start('bob'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('unsends, shows typing, and sets a timer whose message disappears on both sides', async () => {
  const [aliceHost, bobHost] = hosts as [WebHost, WebHost];
  const a = aliceHost.backend.handlers;
  const b = bobHost.backend.handlers;
  // The setup goes through the backends: accounts, typing indicators on, a first message and Bob's acceptance.
  const aliceId = (await a['account.create']({ displayName: 'Alice' })).sessionId;
  const bobId = (await b['account.create']({ displayName: 'Bob' })).sessionId;
  for (const h of [a, b]) await h['settings.set']({ key: 'typingIndicators', value: true });
  await a['messages.send']({ to: bobId, text: HELLO });
  await until(async () => (await b['conversations.list']({ requests: true })).some((c) => c.id === aliceId));
  await b['conversations.accept']({ id: aliceId });

  const alice = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const bob = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const errors: string[] = [];
  for (const p of [alice, bob]) p.on('pageerror', (e) => errors.push(e.message));
  await openShell(alice, aliceHost);
  await openShell(bob, bobHost);
  await alice.locator(`[data-testid="conversation-row"][data-conversation-id="${bobId}"]`).click();
  await bob.locator(`[data-testid="conversation-row"][data-conversation-id="${aliceId}"]`).click();
  await bob.getByTestId('message-text').filter({ hasText: HELLO }).waitFor();

  // Unsend: Alice deletes her message for everyone; Bob's copy becomes the placeholder.
  await alice.getByTestId('composer-input').fill(OOPS);
  await alice.getByTestId('composer-input').press('Enter');
  const oopsAtAlice = alice.locator('[data-testid="message"][data-status="sent"]').filter({ hasText: OOPS });
  await oopsAtAlice.waitFor();
  const oopsAtBob = bob.getByTestId('message').filter({ hasText: OOPS });
  await oopsAtBob.waitFor({ timeout: 30_000 });
  const oopsId = await oopsAtBob.getAttribute('data-id');
  await oopsAtAlice.click({ button: 'right' });
  await alice.getByTestId('message-menu-delete').click();
  const dialog = alice.getByTestId('delete-messages-dialog');
  expect(await dialog.getByRole('radio', { name: 'Delete for everyone' }).isChecked()).toBe(true);
  await expectAccessible(alice, 'delete dialog', { include: '[data-testid="delete-messages-dialog"]' });
  await dialog.getByTestId('dialog-confirm').click();
  await alice.locator('[data-testid="message"][data-deleted]').getByText('This message was deleted').waitFor();
  const placeholderAtBob = bob.locator(`[data-testid="message"][data-id="${oopsId}"]`);
  await placeholderAtBob.getByTestId('message-deleted').waitFor({ timeout: 30_000 });
  expect(await placeholderAtBob.textContent()).not.toContain(OOPS);

  // Typing: Bob types, Alice sees it; Bob clears the box, it stops.
  await bob.getByTestId('composer-input').fill('I am typ');
  await alice.getByTestId('typing-indicator').waitFor({ timeout: 30_000 });
  expect(await alice.getByTestId('typing-indicator').textContent()).toBe('Bob is typing');
  await bob.getByTestId('composer-input').fill('');
  await alice.getByTestId('typing-indicator').waitFor({ state: 'detached', timeout: 30_000 });

  // Disappearing messages: Alice picks After Send, 10 seconds, on the page.
  await alice.getByTestId('conversation-title-button').click();
  await alice.getByTestId('conversation-settings-disappearing').click();
  await alice.getByTestId('disappearing-mode-after-send').check();
  await alice.getByTestId('disappearing-timer-10').check();
  await expectAccessible(alice, 'disappearing messages page', { include: '[data-testid="conversation-settings"]' });
  await screenshot(alice, 'page');
  await alice.getByTestId('disappearing-set').click();
  await alice.getByTestId('conversation-settings-disappearing').filter({ hasText: 'Disappear After Send - 10s' }).waitFor();
  await alice.keyboard.press('Escape');
  expect(await alice.getByTestId('conversation-expiration').textContent()).toBe('Disappear After Send - 10s');
  await alice.getByTestId('control-message-text').filter({ hasText: 'You set messages to disappear 10 seconds after they have been sent.' }).waitFor();
  await bob
    .getByTestId('control-message-text')
    .filter({ hasText: 'Alice has set messages to disappear 10 seconds after they have been sent.' })
    .waitFor({ timeout: 30_000 });

  // A message sent now carries the timer on both sides, then goes on both sides.
  await alice.getByTestId('composer-input').fill(VANISH);
  await alice.getByTestId('composer-input').press('Enter');
  const vanishAtAlice = alice.getByTestId('message').filter({ hasText: VANISH });
  await vanishAtAlice.getByTestId('message-expiry-timer').waitFor();
  const vanishAtBob = bob.getByTestId('message').filter({ hasText: VANISH });
  await vanishAtBob.getByTestId('message-expiry-timer').waitFor({ timeout: 30_000 });
  expect(await vanishAtBob.getByTestId('message-expiry-timer').getAttribute('aria-label')).toMatch(/^Auto-deletes in \d+s$/);
  await screenshot(bob, 'timer');
  await vanishAtAlice.waitFor({ state: 'detached', timeout: 20_000 });
  await vanishAtBob.waitFor({ state: 'detached', timeout: 20_000 });
  // The placeholder of the unsent message (sent before the timer) stays.
  expect(await placeholderAtBob.getByTestId('message-deleted').count()).toBe(1);
  expect(errors).toEqual([]);
});
