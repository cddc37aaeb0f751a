// Full-text search in real Chromium through the web host and the real backend (FTS5 on the encrypted
// database): a word from a message far back in a long conversation is found from the search box with
// the word marked in its excerpt, and clicking the hit opens the conversation at that message, with the
// messages around it loaded, in view, flashed and focused. No network: the history is written into the
// profile before the host opens it.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { createConversationStore } from '../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../ts/backend/db/messageStore';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { CHROMIUM_ARGS, expectAccessible, requireRendererBundle, STATIC_DIR, withProfileDatabase } from './helpers';

jest.setTimeout(60_000);

const PEER = '05' + 'c4'.repeat(32);
const OTHER = '05' + 'd5'.repeat(32);
const HISTORY = 600;
/** The message that holds the searched word: far older than the newest page of 50. */
const TARGET = 40;

let dataDir: string;
let host: WebHost;
let browser: Browser;
let page: Page;
const ids: string[] = [];
const errors: string[] = [];

function start(): Promise<WebHost> {
  return startWebHost({ dataDir, network: 'testnet', staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false } });
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-search-'));
  const first = await start();
  let me: string;
  let profileDir: string;
  try {
    me = (await first.backend.handlers['account.create']({ displayName: 'Searcher' })).sessionId;
    profileDir = first.backend.profileDir;
  } finally {
    await first.stop();
  }
  withProfileDatabase(profileDir, (db) => {
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    let at = Date.now() - 20 * 24 * 3600_000;
    db.transaction(() => {
      for (const [id, name] of [
        [PEER, 'Walrus Fan'],
        [OTHER, 'Other Person'],
      ] as const) {
        conversations.touch(id, 'private', at);
        conversations.updateContact(id, { isApproved: true, didApproveMe: true, profileName: name }, at);
      }
      for (let i = 0; i < HISTORY; i++) {
        at += 60_000;
        const incoming = i % 3 !== 0;
        const id = randomUUID().replace(/-/g, '');
        ids.push(id);
        messages.insert({
          id,
          conversationId: PEER,
          sender: incoming ? PEER : me,
          direction: incoming ? 'incoming' : 'outgoing',
          body: i === TARGET ? 'Did you hear the one about the kumquat and the walrus? It is long.' : `ordinary message ${i} about nothing much`,
          sentAt: at,
          receivedAt: at,
          status: incoming ? 'read' : 'sent',
        });
      }
      messages.insert({ id: randomUUID().replace(/-/g, ''), conversationId: OTHER, sender: OTHER, direction: 'incoming', body: 'hello', sentAt: at, receivedAt: at, status: 'read' });
      conversations.touch(PEER, 'private', at);
      conversations.touch(OTHER, 'private', at);
      // Contact rows are caches of the configs, rewritten from them at every start; without stored
      // configs the profile is one from before config sync, whose contacts become the Contacts config.
      db.prepare('DELETE FROM config_state').run();
    })();
  });
  host = await start();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('finds a word from an old message and opens the conversation at it, with its context loaded', async () => {
  const target = ids[TARGET]!;
  await page.goto(host.url);
  await page.getByTestId('search-box').waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).fill('KUMQ');

  const hit = page.getByTestId('search-message');
  await hit.waitFor();
  expect(await hit.count()).toBe(1);
  expect(await hit.getAttribute('data-message-id')).toBe(target);
  expect(await hit.textContent()).toContain('Walrus Fan');
  // The excerpt with the matched word marked.
  expect(await hit.locator('mark').allTextContents()).toEqual(['kumquat']);
  expect(await hit.getByTestId('search-snippet').textContent()).toBe('Did you hear the one about the kumquat and the walrus? It is long.');
  // Headings: the conversation matches by name ("Walrus Fan" does not match "kumq"), so Messages only.
  expect(await page.getByTestId('search-heading').allTextContents()).toEqual(['Messages']);
  await expectAccessible(page, 'search results', { include: '[data-testid="left-pane"]' });

  await hit.click();
  // The conversation opens at the hit: its row is drawn, in view, flashed and focused.
  const row = page.locator(`[data-testid="message"][data-id="${target}"]`);
  await row.waitFor();
  await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === id, target);
  const inView = await page.evaluate((id) => {
    const list = document.querySelector('[data-testid="message-list"]')!.getBoundingClientRect();
    const r = document.querySelector(`[data-testid="message"][data-id="${id}"]`)!.getBoundingClientRect();
    return r.top >= list.top && r.bottom <= list.bottom;
  }, target);
  expect(inView).toBe(true);
  // Its context: the messages just before and after it are loaded, the newest page is not.
  for (const near of [ids[TARGET - 1]!, ids[TARGET + 1]!]) expect(await page.locator(`[data-testid="message"][data-id="${near}"]`).count()).toBe(1);
  expect(await page.locator(`[data-testid="message"][data-id="${ids[HISTORY - 1]!}"]`).count()).toBe(0);
  expect(errors).toEqual([]);
});
