// Restore from the network in real Chromium (spec/ui.md §2.3, issue "config sync"): an account made on
// another device has a display name and a conversation with a nicknamed, pinned contact, all pushed to its
// swarm's config namespaces on a devnet. A fresh web host restores from the recovery password through the
// onboarding screens: the loading step shows its progress, then the inbox opens with the name and the
// conversation from the network, without asking for a name. The other device is set up through the
// backend's handlers (as a script would use the CLI); the restoring side is driven only through the page.
// Needs the bundles (npm run test:e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import type { Devnet } from '../../tools/devnet';
import { CHROMIUM_ARGS, requireRendererBundle, startStoredDevnet, STATIC_DIR } from './helpers';

jest.setTimeout(90_000);

const NET_TIMEOUT = 45_000;
const NAME = 'Alice from the network';
const NICKNAME = 'Carol (work)';
const TEXT = 'A message sent before the restore';
/** The namespace of messages (our sync copies too), then those of the UserProfile and Contacts configs (spec/advanced.md part B). */
const NS_MESSAGES = 0;
const NS_USER_PROFILE = 2;
const NS_CONTACTS = 3;

let devnet: Devnet;
let devnetState: string;
let dataDir: string;
let browser: Browser;
let host: WebHost | undefined;
let page: Page;
let aliceId: string;
let carolId: string;
let mnemonic: string;
const errors: string[] = [];

function start(profile: string, root: string): Promise<WebHost> {
  return startWebHost({
    dataDir: root,
    seedUrl: devnet.info.seedUrl,
    profile,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 } },
  });
}

/** The newest message timestamp the devnet stores for `pubkey` in namespace `ns` (0: none), read from its store. */
function newestOnDevnet(pubkey: string, ns: number): number {
  const db = new Database(path.join(devnetState, 'devnet.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string, number], { t: number | null }>('SELECT max(ts) AS t FROM messages WHERE pubkey = ? AND ns = ?').get(pubkey, ns)!.t ?? 0;
  } finally {
    db.close();
  }
}

/** Waits until the account's swarm holds a message of namespace `ns` stored at or after `since` (ms). */
async function waitForStored(pubkey: string, ns: number, since: number): Promise<void> {
  const deadline = Date.now() + NET_TIMEOUT;
  for (;;) {
    const newest = newestOnDevnet(pubkey, ns);
    if (newest > 0 && newest >= since) return;
    if (Date.now() > deadline) throw new Error(`nothing in namespace ${ns} for ${pubkey.slice(0, 10)}… pushed since ${since} (newest: ${newest || 'none'})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-restore-'));
  devnetState = path.join(dataDir, 'devnet');
  devnet = await startStoredDevnet(devnetState);

  // Carol exists so Alice has someone to write to.
  const carol = await start('carol', path.join(dataDir, 'carol-device'));
  try {
    carolId = (await carol.backend.handlers['account.create']({ displayName: 'Carol' })).sessionId;
  } finally {
    await carol.stop();
  }

  // Alice's account as made on another device: a name, a conversation with Carol (nicknamed and pinned),
  // pushed to her swarm; then that device is gone and only the recovery password remains.
  const origin = await start('alice-origin', path.join(dataDir, 'other-device'));
  try {
    const { handlers } = origin.backend;
    aliceId = (await handlers['account.create']({ displayName: NAME })).sessionId;
    mnemonic = (await handlers['account.getRecoveryPassword']({})).mnemonic;
    const sent = await handlers['messages.send']({ to: carolId, text: TEXT });
    const changedAt = Date.now();
    await handlers['conversations.setNickname']({ id: carolId, nickname: NICKNAME });
    await handlers['conversations.setPinned']({ id: carolId, pinned: true });
    expect(sent.conversationId).toBe(carolId);
    await waitForStored(aliceId, NS_USER_PROFILE, 0);
    // The sync copy of the message (the restored device's conversation has it), and the nickname and pin.
    await waitForStored(aliceId, NS_MESSAGES, 0);
    await waitForStored(aliceId, NS_CONTACTS, changedAt);
  } finally {
    await origin.stop();
  }

  host = await start('alice', path.join(dataDir, 'this-device'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('restores the name and the conversations from the network, showing progress meanwhile', async () => {
  await page.goto(host!.url);
  await page.getByTestId('onboarding-restore-start').click();
  await page.getByTestId('recovery-password-input').fill(mnemonic);
  // Every percentage the loading step shows, recorded in the page: the step may be over within a second.
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__restorePercents', { value: seen });
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="onboarding-progress-percent"]')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('onboarding-continue').click();

  // The inbox opens with the network's name: no display-name step on the way.
  await page.locator('[data-testid="app-shell"], [data-testid="onboarding-display-name-fallback"]').first().waitFor({ timeout: NET_TIMEOUT });
  expect(await page.getByTestId('onboarding-display-name-fallback').count()).toBe(0);
  await page.getByTestId('app-shell').waitFor();
  expect((await host!.backend.handlers['account.get']({}))?.sessionId).toBe(aliceId);
  // The bar was shown and ran to 100 % once the profile arrived.
  const percents = await page.evaluate(() => (window as unknown as { __restorePercents: string[] }).__restorePercents);
  expect(percents[0]).toMatch(/^\d{1,2}%$/);
  expect(percents[percents.length - 1]).toBe('100%');

  // The conversation with Carol, by her nickname, pinned.
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${carolId}"]`);
  await row.waitFor({ timeout: NET_TIMEOUT });
  await row.getByText(NICKNAME).waitFor({ timeout: NET_TIMEOUT });
  await row.getByTestId('row-pinned').waitFor({ timeout: NET_TIMEOUT });

  await page.getByTestId('open-settings').click();
  await page.getByTestId('profile-name').getByText(NAME, { exact: true }).waitFor();
  expect(errors).toEqual([]);
});
