// Reactions and replies end to end in real Chromium: two web hosts (Alice and Bob) on an in-process
// devnet. Alice reacts to Bob's message from the hover bar's reaction bar and through the emoji-mart
// picker; Bob sees both, adds his own to one and both see the count. Bob scrolls back to an old message
// of Alice's, replies to it, and Alice's click on the quote jumps to the original, loading its page.
// The picker fetches nothing: every request of both pages goes to its own host. The new UI is audited
// with axe. The conversation's older history is written into both profiles (the same messages, as each
// side stores them), so only what is under test crosses the network.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { createMessageStore } from '../../ts/backend/db/messageStore';
import type { MessageView } from '../../ts/ipc/contract';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { ARTIFACTS, CHROMIUM_ARGS, expectAccessible, openShell, requireRendererBundle, setTheme, STATIC_DIR, withProfileDatabase } from './helpers';

jest.setTimeout(120_000);

/** Older history than the newest page holds (50): the quoted message is loaded only by a jump. */
const HISTORY = 70;
const QUOTED = 5;
const oldText = (i: number) => `old message ${i}`;

let devnet: Devnet;
let dataDir: string;
let browser: Browser;
let aliceHost: WebHost;
let bobHost: WebHost;

function start(profile: string): Promise<WebHost> {
  return startWebHost({
    dataDir,
    seedUrl: devnet.info.seedUrl,
    profile,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 } },
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `reactions-${name}.png`) });
}

/** Polls `host` until its conversation with `peer` has a message `pick` finds. */
async function arrives(host: WebHost, peer: string, pick: (m: MessageView) => boolean): Promise<MessageView> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    await Promise.resolve(host.backend.handlers['sync.pollNow']({})).catch(() => undefined);
    const hit = (await host.backend.handlers['messages.list']({ conversationId: peer })).find(pick);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error('the message did not arrive');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The same older history in both profiles: Alice's messages outgoing at Alice and incoming at Bob, and Bob's the other way. */
function seedHistory(a: string, b: string): void {
  const t0 = Date.now() - 3 * 24 * 3600_000;
  const history = Array.from({ length: HISTORY }, (_, i) => ({ i, fromAlice: i % 2 === 1, sentAt: t0 + i * 60_000 }));
  for (const [host, me, peer] of [
    [aliceHost, a, b],
    [bobHost, b, a],
  ] as const) {
    withProfileDatabase(host.backend.profileDir, (db) => {
      const messages = createMessageStore(db);
      db.transaction(() => {
        for (const h of history) {
          const sender = h.fromAlice ? a : b;
          const mine = sender === me;
          messages.insert({
            id: randomUUID(),
            conversationId: peer,
            sender,
            direction: mine ? 'outgoing' : 'incoming',
            body: oldText(h.i),
            sentAt: h.sentAt,
            receivedAt: h.sentAt,
            status: mine ? 'sent' : 'read',
          });
        }
      })();
    });
  }
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-reactions-'));
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 });
  [aliceHost, bobHost] = await Promise.all([start('alice'), start('bob')]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await aliceHost?.stop();
  await bobHost?.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('Alice reacts from the hover bar and the picker, Bob sees the counts; Bob replies to an old message and Alice jumps to it', async () => {
  const a = (await aliceHost.backend.handlers['account.create']({ displayName: 'Alice' })).sessionId;
  const b = (await bobHost.backend.handlers['account.create']({ displayName: 'Bob' })).sessionId;
  const alice = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  const bob = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  const errors: string[] = [];
  const foreign: string[] = [];
  for (const [p, host] of [
    [alice, aliceHost],
    [bob, bobHost],
  ] as const) {
    p.on('pageerror', (e) => errors.push(e.message));
    // The picker's shadow-DOM <style> must pass the page's Content-Security-Policy (a refusal is only a console error).
    p.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    // Nothing but the page's own host: the picker's emoji and texts are bundled, never fetched from a CDN.
    const origin = new URL(host.url).origin;
    p.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
    });
  }
  // The pages load while the conversation starts: Alice's request, accepted by Bob; then the shared older history.
  const shells = Promise.all([openShell(alice, aliceHost), openShell(bob, bobHost)]);
  await aliceHost.backend.handlers['messages.send']({ to: b, text: 'hello Bob' });
  await arrives(bobHost, a, (m) => m.text === 'hello Bob');
  await bobHost.backend.handlers['conversations.accept']({ id: a });
  seedHistory(a, b);
  await shells;
  await alice.getByTestId('conversation-row').first().click();
  await bob.getByTestId('conversation-row').first().click();

  // Bob writes; Alice reacts to it from the hover bar (😂) and through the full picker (🙂).
  await bob.getByTestId('composer-input').fill('news from Bob');
  await bob.getByTestId('composer-input').press('Enter');
  const news = alice.getByTestId('message').filter({ hasText: 'news from Bob' });
  await news.waitFor({ timeout: 45_000 });
  await news.hover();
  await news.getByTestId('message-react').click();
  const bar = alice.getByRole('toolbar', { name: 'React to this message' });
  await bar.waitFor();
  await expectAccessible(alice, 'reaction bar', { include: '[data-testid="reaction-bar"]' });
  await bar.getByRole('button', { name: 'React with 😂' }).click();
  await news.locator('[data-testid="reaction-pill"][data-emoji="😂"][data-mine]').waitFor();

  await news.hover();
  await news.getByTestId('message-react').click();
  await bar.getByRole('button', { name: 'More emoji' }).click();
  const picker = alice.getByTestId('reaction-picker');
  // Playwright's CSS pierces the picker's open shadow root; search narrows it as a user would.
  await picker.locator('input[type="search"]').fill('slightly smiling');
  await picker.locator('button[aria-label="🙂"]').first().waitFor();
  await screenshot(alice, 'alice-picker');
  await expectAccessible(alice, 'emoji picker', { include: '[data-testid="reaction-picker"]' });
  await picker.locator('button[aria-label="🙂"]').first().click();
  await picker.waitFor({ state: 'detached' });
  await news.locator('[data-testid="reaction-pill"][data-emoji="🙂"][data-mine]').waitFor();

  // Bob sees both; he adds his 😂 too: both sides count two.
  const newsAtBob = bob.getByTestId('message').filter({ hasText: 'news from Bob' });
  const joyAtBob = newsAtBob.locator('[data-testid="reaction-pill"][data-emoji="😂"]');
  await joyAtBob.waitFor({ timeout: 45_000 });
  await newsAtBob.locator('[data-testid="reaction-pill"][data-emoji="🙂"]').waitFor({ timeout: 45_000 });
  await joyAtBob.hover();
  expect(await bob.getByTestId('reaction-tooltip').textContent()).toBe('Alice reacted with :joy:');
  await joyAtBob.click();
  await newsAtBob.locator('[data-testid="reaction-pill"][data-emoji="😂"][data-count="2"][data-mine]').waitFor();
  expect(await joyAtBob.getByTestId('reaction-count').textContent()).toBe('2');
  await news.locator('[data-testid="reaction-pill"][data-emoji="😂"][data-count="2"]').waitFor({ timeout: 45_000 });
  await expectAccessible(bob, 'reactions under a bubble', { include: '[data-testid="conversation-view"]' });
  await screenshot(bob, 'bob-reactions');
  // The reaction list from the message menu: Bob first, as "You".
  await newsAtBob.click({ button: 'right' });
  await bob.getByTestId('message-menu-reactions').click();
  const reactionList = bob.getByTestId('reaction-list');
  expect(await reactionList.getByTestId('reaction-list-heading').textContent()).toBe('😂 • 2');
  expect(await reactionList.getByTestId('reaction-list-person').allTextContents()).toEqual(['You', 'Alice']);
  await expectAccessible(bob, 'reaction list', { include: '[data-testid="reaction-list"]' });
  await bob.keyboard.press('Escape');
  await reactionList.waitFor({ state: 'detached' });

  // Bob goes back through older pages (Home at the top of what is loaded) to Alice's old message and replies to it.
  const list = bob.getByTestId('message-list');
  const quotedAtBob = bob.getByTestId('message').filter({ has: bob.getByTestId('message-text').getByText(oldText(QUOTED), { exact: true }) });
  for (let i = 0; i < 20 && (await quotedAtBob.count()) === 0; i++) {
    await list.focus();
    await list.press('Home');
    await bob.waitForTimeout(150);
  }
  await quotedAtBob.scrollIntoViewIfNeeded();
  await quotedAtBob.hover();
  await quotedAtBob.getByTestId('message-reply').click();
  const preview = bob.getByTestId('reply-preview');
  expect(await preview.getByTestId('quote-text').textContent()).toBe(oldText(QUOTED));
  expect(await preview.getByTestId('quote-author').textContent()).toBe('Alice');
  await bob.getByTestId('composer-input').fill('about that old one');
  await bob.getByTestId('composer-input').press('Enter');
  await preview.waitFor({ state: 'detached' });

  // Alice: the reply shows the quote; a click loads the original's page, scrolls to it and focuses it.
  const reply = alice.getByTestId('message').filter({ hasText: 'about that old one' });
  await reply.waitFor({ timeout: 45_000 });
  const quote = reply.getByTestId('message-quote');
  expect(await quote.getAttribute('data-found')).toBe('true');
  expect(await quote.getByTestId('quote-text').textContent()).toBe(oldText(QUOTED));
  const original = alice.getByTestId('message').filter({ has: alice.getByTestId('message-text').getByText(oldText(QUOTED), { exact: true }) });
  expect(await original.count()).toBe(0);
  await quote.click();
  await original.waitFor();
  await alice.waitForFunction(
    (text) => {
      const el = document.activeElement as HTMLElement | null;
      const list = document.querySelector('[data-testid="message-list"]')!.getBoundingClientRect();
      if (el?.dataset.testid !== 'message' || !el.textContent?.includes(text)) return false;
      const r = el.getBoundingClientRect();
      return r.top >= list.top && r.bottom <= list.bottom;
    },
    oldText(QUOTED),
  );
  await screenshot(alice, 'alice-jumped');
  await expectAccessible(alice, 'quotes and reactions', { include: '[data-testid="conversation-view"]' });
  // The light theme too (contrast of pills and quotes on both bubble colours).
  await setTheme(alice, aliceHost, 'light');
  // Back to the newest page (the jump left the live end), where the quote and the pills are.
  await alice.getByTestId('jump-to-bottom').click();
  await reply.waitFor();
  // A page read from the backend (not an event) carries the reactions and the resolved quote too.
  await news.locator('[data-testid="reaction-pill"][data-emoji="😂"][data-count="2"]').waitFor({ timeout: 5000 });
  expect(await reply.getByTestId('message-quote').getAttribute('data-found')).toBe('true');
  await expectAccessible(alice, 'quotes and reactions (light)', { include: '[data-testid="conversation-view"]' });
  await screenshot(alice, 'alice-light');

  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
