// The timeline's scroll anchor in real Chromium (layout the unit tests cannot have): when an older page
// is prepended while the user reads near the top, the message at the top of the view stays exactly
// where it was, although the new rows' estimated heights differ from their measured ones (messages of
// one to seven lines) and the old first row loses or keeps its date separator (gaps of more and less
// than five minutes at the page boundaries). No network: the history is written into the profile.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { createConversationStore } from '../../ts/backend/db/conversationStore';
import { createMessageStore } from '../../ts/backend/db/messageStore';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { CHROMIUM_ARGS, STATIC_DIR, withProfileDatabase } from './helpers';

jest.setTimeout(90_000);

const PEER = '05' + 'c4'.repeat(32);
const HISTORY = 400;
/** Message i has 1–7 lines; gaps of ten minutes before some (a date separator), one minute elsewhere. */
const linesOf = (i: number): number => 1 + ((i * 5) % 7);
const textOf = (i: number): string => Array.from({ length: linesOf(i) }, (_, l) => (l === 0 ? `history ${i}` : `line ${l + 1} of ${i}`)).join('\n');
/** Pages of 50 from the newest: the old first rows are 350, 300 and 250; the last follows a gap. */
const GAPS_AT_BOUNDARY = new Set([250]);
const gapBefore = (i: number): boolean => GAPS_AT_BOUNDARY.has(i) || i % 17 === 0;
const ROUNDS = 3;

let dataDir: string;
let host: WebHost;
let browser: Browser;
let page: Page;
const errors: string[] = [];

function start(): Promise<WebHost> {
  return startWebHost({ dataDir, network: 'testnet', staticDir: STATIC_DIR, logger: silentLogger, engine: { startNetwork: false } });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-anchor-'));
  const first = await start();
  let me: string;
  let profileDir: string;
  try {
    me = (await first.backend.handlers['account.create']({ displayName: 'Reader' })).sessionId;
    profileDir = first.backend.profileDir;
  } finally {
    await first.stop();
  }
  withProfileDatabase(profileDir, (db) => {
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    let at = Date.now() - 30 * 24 * 3600_000;
    db.transaction(() => {
      conversations.touch(PEER, 'private', at);
      conversations.updateContact(PEER, { isApproved: true, didApproveMe: true, profileName: 'Writer' }, at);
      for (let i = 0; i < HISTORY; i++) {
        at += gapBefore(i) ? 10 * 60_000 : 60_000;
        const incoming = i % 3 !== 0;
        messages.insert({
          id: randomUUID(),
          conversationId: PEER,
          sender: incoming ? PEER : me,
          direction: incoming ? 'incoming' : 'outgoing',
          body: textOf(i),
          sentAt: at,
          receivedAt: at,
          status: incoming ? 'read' : 'sent',
        });
      }
      conversations.touch(PEER, 'private', at);
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

/** Scrolls the list up by `step` px and returns the first message wholly in view: its id and its bubble's top (px from the list's top). */
const ANCHOR_AFTER_STEP = (step: number): { id: string; top: number; text: string; index: number } => {
  const list = document.querySelector('[data-testid="message-list"]')!;
  list.scrollTop -= step;
  const top = list.getBoundingClientRect().top;
  const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="message-bubble"]')]
    .map((b) => ({ b, r: b.getBoundingClientRect() }))
    .filter(({ r }) => r.top >= top)
    .sort((a, z) => a.r.top - z.r.top);
  const first = rows[0]!;
  const row = first.b.closest<HTMLElement>('[data-testid="message"]')!;
  const index = Number(row.closest<HTMLElement>('[data-index]')!.dataset.index);
  return { id: row.dataset.id!, top: first.r.top - top, text: first.b.textContent ?? '', index };
};

function bubbleTop(p: Page, id: string): Promise<number | null> {
  return p.evaluate((messageId) => {
    const list = document.querySelector('[data-testid="message-list"]')!;
    const b = document.querySelector(`[data-testid="message"][data-id="${CSS.escape(messageId)}"] [data-testid="message-bubble"]`);
    return b ? b.getBoundingClientRect().top - list.getBoundingClientRect().top : null;
  }, id);
}

/** Resolves once the list has not changed (position, height, rows) for 10 frames and 200 ms. */
async function atRest(p: Page): Promise<void> {
  const sample = () =>
    p.evaluate(() => {
      const l = document.querySelector('[data-testid="message-list"]')!;
      return `${l.scrollTop}:${l.scrollHeight}:${l.querySelectorAll('[data-testid="message"]').length}`;
    });
  for (;;) {
    const a = await sample();
    await p.evaluate(() => new Promise<void>((r) => { let n = 0; const f = () => (++n >= 10 ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); }));
    await new Promise((r) => setTimeout(r, 200));
    if ((await sample()) === a) return;
  }
}

const loadedCount = (p: Page): Promise<number> =>
  p.evaluate(() => document.querySelector('[data-testid="message-list-inner"]')?.childElementCount ?? 0);

it('keeps the message at the top of the view exactly in place while older pages are prepended', async () => {
  await page.goto(host.url);
  await page.getByTestId('conversation-row').filter({ hasText: 'Writer' }).click();
  await page.getByTestId('message-list').waitFor();
  await atRest(page);
  const moves: string[] = [];
  let prepends = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // Just below the distance that asks for an older page, then a step across it: the page is asked
    // for, arrives and is prepended while nothing else moves the view.
    const margin = await page.evaluate(() => Math.max(document.querySelector('[data-testid="message-list"]')!.clientHeight, 400));
    // (Measuring the rows drawn there corrects their estimated heights, which moves the view, and can take
    // it under the margin and load a page already: then again, until the view rests there.)
    for (;;) {
      await page.evaluate((m) => {
        document.querySelector('[data-testid="message-list"]')!.scrollTop = m + 120;
      }, margin);
      await atRest(page);
      if (await page.evaluate((m) => Math.abs(document.querySelector('[data-testid="message-list"]')!.scrollTop - (m + 120)) < 5, margin)) break;
    }
    // One step up across it (the rows there are drawn already: the overscan), and the anchor in the same
    // task, before the older page can arrive.
    // Odd rounds go to the very top, where the old first row is in view when the page lands above it.
    const anchor = await page.evaluate(ANCHOR_AFTER_STEP, round % 2 === 1 ? margin + 120 : 200);
    // Prepended: the anchor's row moved 50 places down the list.
    await page.waitForFunction(
      ({ id, index }) => Number(document.querySelector(`[data-testid="message"][data-id="${CSS.escape(id)}"]`)?.closest<HTMLElement>('[data-index]')?.dataset.index) >= index + 50,
      anchor,
    );
    await atRest(page);
    prepends++;
    const after = await bubbleTop(page, anchor.id);
    if (after === null || Math.abs(after - anchor.top) > 0.5) moves.push(`round ${round} (${anchor.text.split('\n')[0]}): ${anchor.top} -> ${after}`);
  }
  expect(prepends).toBe(ROUNDS);
  expect(await loadedCount(page)).toBeLessThan(200);
  expect(moves).toEqual([]);
  expect(errors).toEqual([]);
});
