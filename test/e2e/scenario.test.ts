// The desktop-UI scenario end to end in real Chromium, on one devnet with two web hosts, each page driven
// as its user would drive it (clicks and keys): Alice creates an account and reveals her recovery
// password; Bob restores his account from its recovery password; Alice writes to Bob, whose window is not
// focused and who gets a notification; Bob opens the request, accepts it and they write both ways; Alice
// scrolls up in a 500-message conversation while Bob writes and what she reads stays where it is; Bob
// deletes a message for himself; Alice blocks and unblocks Bob; Bob clears his data on the device and the
// network, is back at onboarding, and the devnet's store holds nothing of his swarm. The screens this
// scenario reaches that test/e2e/ui.test.ts does not (the recovery banner, a message request, the
// timeline scrolled up with new messages below, the delete dialog, a blocked chat, blocked contacts) are audited with
// axe-core and photographed in dark and light (and right to left where the screen can be reopened).
// Backend handlers are used only to make Bob's original account, to write the 500 old messages and to
// check the server side. Needs the bundles (npm run test:e2e).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { createMessageStore } from '../../ts/backend/db/messageStore';
import { startWebHost, type WebHost } from '../../ts/web/host';
import type { Devnet } from '../../tools/devnet';
import {
  captureScreen,
  CHROMIUM_ARGS,
  createAccountInUi,
  describeFailing,
  expectAccessible,
  installFocusSeam,
  installNotificationStub,
  requireRendererBundle,
  RTL_LOCALE,
  setPageFocused,
  shownNotifications,
  STATIC_DIR,
  startStoredDevnet,
  waitForNotifications,
  withProfileDatabase,
  type ScreenshotOptions,
} from './helpers';

jest.setTimeout(90_000);

/** Network steps: a message crosses the onion path to the devnet and is polled by the other host. */
const NET_TIMEOUT = 45_000;
const HISTORY = 500;
const HELLO = 'Hello Bob, it is Alice';
const REPLY = 'Hi Alice, Bob here';
const SECOND = 'Good to hear from you';
const WHILE_SCROLLED = 'Bob writes while Alice reads old messages';
const WHILE_BLOCKED = 'Bob writes while blocked';
const historyText = (i: number): string => `old message ${i}`;

let devnet: Devnet;
let devnetState: string;
let dataDir: string;
let browser: Browser;
let aliceHost: WebHost;
let bobHost: WebHost;
let alice: Page;
let bob: Page;
let aliceId: string;
let bobId: string;
let bobMnemonic: string;
const errors: string[] = [];

function start(profile: string, root = dataDir): Promise<WebHost> {
  return startWebHost({
    dataDir: root,
    seedUrl: devnet.info.seedUrl,
    profile,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 } },
  });
}

/** How many messages the devnet's nodes hold for an account (every node's copy, every namespace), read from its store. */
function storedOnDevnet(sessionId: string): number {
  const db = new Database(path.join(devnetState, 'devnet.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE pubkey = ?').get(sessionId)!.n;
  } finally {
    db.close();
  }
}

/** Screenshots (dark, light, and RTL when `reopen` is given) and audit of the current screen; fails on serious findings. */
async function capture(page: Page, host: WebHost, screen: string, reopen?: (p: Page) => Promise<void>): Promise<void> {
  const options: ScreenshotOptions = reopen ? { locale: RTL_LOCALE, reopen } : {};
  const r = await captureScreen(page, host, `scenario-${screen}`, options);
  expect(r.skipped).toEqual([]);
  expect(r.files).toHaveLength(reopen ? 4 : 2);
  for (const f of r.files) expect(fs.statSync(f).size).toBeGreaterThan(1_000);
  expect(describeFailing(screen, r.failing)).toBe('');
}

/** The conversation list's row of the conversation with `id`. */
function rowOf(page: Page, id: string) {
  return page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`);
}

async function openConversationWith(page: Page, id: string): Promise<void> {
  await rowOf(page, id).click();
  await page.getByTestId('conversation-view').waitFor();
}

/** Where a message row sits in the timeline's viewport (px from its top), or null when it is not drawn. */
function offsetInTimeline(page: Page, messageId: string): Promise<number | null> {
  return page.evaluate((id) => {
    const list = document.querySelector('[data-testid="message-list"]');
    const row = document.querySelector(`[data-testid="message"][data-id="${CSS.escape(id)}"]`);
    if (!list || !row) return null;
    return row.getBoundingClientRect().top - list.getBoundingClientRect().top;
  }, messageId);
}

/** Whether a message with this text is drawn inside the timeline's visible area. */
function inView(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const list = document.querySelector('[data-testid="message-list"]');
    if (!list) return false;
    const box = list.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="message"]')].some((row) => {
      if (row.querySelector('[data-testid="message-text"]')?.textContent !== t) return false;
      const r = row.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
  }, text);
}

/** The unread count of a conversation as the host's backend has it. */
async function unreadOf(host: WebHost, id: string): Promise<number | undefined> {
  return (await host.backend.handlers['conversations.list']({})).find((c) => c.id === id)?.unreadCount;
}

/** Polls `done` every 50 ms until it holds (the test's timeout bounds the wait). */
async function until(what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; !(await done()); i++) {
    if (i * 50 > NET_TIMEOUT) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the timeline has not moved for 10 frames (pages loaded, rows measured). */
async function timelineAtRest(page: Page): Promise<void> {
  await framesAtRest(page);
  // An older page requested while scrolling can still be on its way after ten quiet frames on a busy
  // machine; its arrival moves rows. Rest means unchanged over half a second too.
  for (;;) {
    const sample = () => page.evaluate(() => {
      const list = document.querySelector('[data-testid="message-list"]');
      return list ? `${list.scrollTop}:${list.scrollHeight}:${list.querySelectorAll('[data-testid="message"]').length}` : '';
    });
    const first = await sample();
    await new Promise((r) => setTimeout(r, 500));
    if ((await sample()) === first) return;
    await framesAtRest(page);
  }
}

async function framesAtRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const list = document.querySelector('[data-testid="message-list"]');
        if (!list) return resolve(false);
        const sample = () => `${list.scrollTop}:${list.scrollHeight}:${list.querySelectorAll('[data-testid="message"]').length}`;
        const first = sample();
        let frames = 0;
        const tick = () => {
          if (sample() !== first) return resolve(false);
          if (++frames >= 10) return resolve(true);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    undefined,
    { polling: 50 },
  );
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-scenario-'));
  // A state folder puts the devnet's store in a file this test can read directly.
  devnetState = path.join(dataDir, 'devnet');
  devnet = await startStoredDevnet(devnetState);

  // Bob's account as made on another device: created there, its recovery password written down, gone.
  const origin = await start('bob-origin', path.join(dataDir, 'other-device'));
  try {
    bobId = (await origin.backend.handlers['account.create']({ displayName: 'Bob' })).sessionId;
    bobMnemonic = (await origin.backend.handlers['account.getRecoveryPassword']({})).mnemonic;
  } finally {
    await origin.stop();
  }

  [aliceHost, bobHost] = await Promise.all([start('alice'), start('bob')]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  alice = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  bob = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  for (const p of [alice, bob]) {
    p.on('pageerror', (e) => errors.push(e.message));
    await installNotificationStub(p);
    await installFocusSeam(p);
  }
});

afterAll(async () => {
  await browser?.close();
  for (const h of [aliceHost, bobHost]) await h?.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop-UI scenario', () => {
  it('Alice creates an account and reveals her recovery password from the banner', async () => {
    await alice.goto(aliceHost.url);
    await createAccountInUi(alice, 'Alice');
    const banner = alice.getByTestId('recovery-banner');
    await banner.waitFor();
    await capture(alice, aliceHost, 'recovery-banner', (p) => p.getByTestId('recovery-banner').waitFor());

    aliceId = (await aliceHost.backend.handlers['account.get']({}))!.sessionId;
    await alice.getByTestId('recovery-banner-continue').click();
    await alice.getByTestId('recovery-password').waitFor();
    // Nothing is shown before the user confirms.
    expect(await alice.getByTestId('recovery-words').count()).toBe(0);
    await alice.getByTestId('recovery-reveal').click();
    await alice.getByTestId('recovery-reveal-confirm').click();
    const words = (await alice.getByTestId('recovery-words').innerText()).trim().split(/\s+/);
    expect(words).toHaveLength(13);
    expect(words.join(' ')).toBe((await aliceHost.backend.handlers['account.getRecoveryPassword']({})).mnemonic);

    // Closing settings: the banner has done its job and stays gone, after a reload too.
    await alice.keyboard.press('Escape');
    await alice.getByTestId('settings-modal').waitFor({ state: 'detached' });
    await alice.getByTestId('left-pane').waitFor();
    expect(await banner.count()).toBe(0);
    await alice.reload();
    await alice.getByTestId('app-shell').waitFor();
    await alice.getByTestId('left-pane').waitFor();
    expect(await banner.count()).toBe(0);
  });

  it('Bob restores his account from its recovery password', async () => {
    await bob.goto(bobHost.url);
    await bob.getByTestId('onboarding-restore-start').click();
    await bob.getByTestId('recovery-password-input').fill(bobMnemonic);
    await bob.getByTestId('onboarding-continue').click();
    // No profile to load on the devnet: the restored account picks its display name.
    const nameInput = bob.getByTestId('display-name-input');
    await bob.locator('[data-testid="app-shell"], [data-testid="display-name-input"]').first().waitFor({ timeout: NET_TIMEOUT });
    if (await nameInput.count()) {
      await nameInput.fill('Bob');
      await bob.getByTestId('onboarding-continue').click();
    }
    await bob.getByTestId('app-shell').waitFor();
    expect((await bobHost.backend.handlers['account.get']({}))?.sessionId).toBe(bobId);
    await bob.getByTestId('open-settings').click();
    expect(((await bob.getByTestId('account-id').locator('code').textContent()) ?? '').trim()).toBe(bobId);
    await bob.keyboard.press('Escape');
    await bob.getByTestId('settings-modal').waitFor({ state: 'detached' });
  });

  it('Alice writes to Bob, whose unfocused window shows a notification', async () => {
    await setPageFocused(bob, false);
    await alice.getByTestId('choose-action-button').click();
    await alice.getByTestId('action-new-message').click();
    await alice.getByTestId('new-message-input').fill(bobId);
    await alice.getByTestId('new-message-next').click();
    expect(await alice.getByTestId('conversation-session-id').textContent()).toBe(bobId);
    await alice.getByTestId('composer-input').fill(HELLO);
    await alice.getByTestId('composer-input').press('Enter');
    await alice.locator('[data-testid="message"][data-direction="outgoing"][data-status="sent"]').filter({ hasText: HELLO }).waitFor({ timeout: NET_TIMEOUT });

    await bob.getByTestId('requests-banner').waitFor({ timeout: NET_TIMEOUT });
    const shown = await waitForNotifications(bob, 1);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toContain(HELLO);
    expect(shown[0]!.title).toContain('Alice');
    // Alice's own page, focused all along, showed none.
    expect(await shownNotifications(alice)).toEqual([]);
  });

  it('Bob opens the request and accepts it; they write both ways', async () => {
    await setPageFocused(bob, true);
    await bob.getByTestId('requests-banner').click();
    // The request carries Alice's display name.
    await rowOf(bob, aliceId).filter({ hasText: 'Alice' }).click();
    await bob.getByTestId('message-text').filter({ hasText: HELLO }).waitFor();
    await bob.getByTestId('request-bar').waitFor();
    // Read now, the request no longer raises the banner: a reloaded page reaches it through Settings.
    await bob.getByTestId('requests-banner').waitFor({ state: 'detached' });
    await capture(bob, bobHost, 'message-request', async (p) => {
      await p.getByTestId('app-shell').waitFor();
      await p.getByTestId('open-settings').click();
      await p.getByTestId('settings-nav-message-requests').click();
      await rowOf(p, aliceId).click();
      await p.getByTestId('request-bar').waitFor();
    });
    await bob.getByTestId('request-accept').click();
    await bob.getByTestId('request-bar').waitFor({ state: 'detached' });
    await bob.getByTestId('composer-input').fill(REPLY);
    await bob.getByTestId('composer-send').click();

    await alice.getByTestId('message-text').filter({ hasText: REPLY }).waitFor({ timeout: NET_TIMEOUT });
    // Bob's reply told Alice his display name.
    await rowOf(alice, bobId).getByText('Bob', { exact: true }).waitFor();
    await alice.getByTestId('composer-input').fill(SECOND);
    await alice.getByTestId('composer-input').press('Enter');
    await bob.getByTestId('message-text').filter({ hasText: SECOND }).waitFor({ timeout: NET_TIMEOUT });
    await bob.locator('[data-testid="message"][data-direction="outgoing"][data-status="sent"]').filter({ hasText: REPLY }).waitFor({ timeout: NET_TIMEOUT });
    // Bob read Alice's second message in his focused window: no notification (the recorder started
    // afresh when the page was reloaded for the right-to-left pictures).
    expect(await shownNotifications(bob)).toEqual([]);
  });

  it('Alice scrolls up in a 500-message conversation while Bob writes, and what she reads stays in place', async () => {
    // The history, written straight into Alice's database beside her running backend (older than the
    // conversation so far); the page is then reloaded, as after a restart.
    const first = (await aliceHost.backend.handlers['messages.page']({ conversationId: bobId })).messages[0]!;
    withProfileDatabase(aliceHost.backend.profileDir, (db) => {
      const store = createMessageStore(db);
      db.transaction(() => {
        for (let i = 0; i < HISTORY; i++) {
          const at = first.timestamp - (HISTORY - i) * 60_000;
          const incoming = i % 2 === 0;
          store.insert({
            id: randomUUID(),
            conversationId: bobId,
            sender: incoming ? bobId : aliceId,
            direction: incoming ? 'incoming' : 'outgoing',
            body: historyText(i),
            sentAt: at,
            receivedAt: at,
            status: incoming ? 'read' : 'sent',
          });
        }
      })();
    });
    await alice.reload();
    await openConversationWith(alice, bobId);
    await alice.getByTestId('message-text').filter({ hasText: SECOND }).waitFor();
    await timelineAtRest(alice);

    // Up by the wheel, a few screens, into the history (older pages load on the way).
    const list = alice.getByTestId('message-list');
    await list.hover();
    for (let i = 0; i < 4; i++) await alice.mouse.wheel(0, -1500);
    await alice.getByTestId('jump-to-bottom').waitFor();
    await timelineAtRest(alice);
    // The virtualized list holds only a window of the 500 rows.
    expect(await alice.getByTestId('message').count()).toBeLessThan(200);

    // The anchor: the first message row wholly in view.
    const anchor = await alice.evaluate(() => {
      const top = document.querySelector('[data-testid="message-list"]')!.getBoundingClientRect().top;
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="message"]')];
      const row = rows.find((r) => r.getBoundingClientRect().top >= top)!;
      return { id: row.dataset.id!, text: row.querySelector('[data-testid="message-text"]')?.textContent ?? '' };
    });
    expect(anchor.text).toMatch(/^old message \d+$/);
    const before = await offsetInTimeline(alice, anchor.id);
    expect(before).not.toBeNull();

    await bob.getByTestId('composer-input').fill(WHILE_SCROLLED);
    await bob.getByTestId('composer-input').press('Enter');
    // The arrival shows as a count on the jump-to-bottom button, not as a jump.
    await alice.getByTestId('new-messages-count').filter({ hasText: '1' }).waitFor({ timeout: NET_TIMEOUT });
    await timelineAtRest(alice);
    const after = await offsetInTimeline(alice, anchor.id);
    expect(after).not.toBeNull();
    expect(Math.abs(after! - before!)).toBeLessThanOrEqual(1);
    expect(await inView(alice, WHILE_SCROLLED)).toBe(false);
    // Read by sight: what Alice scrolled past is read, Bob's new message below the fold is not (her window is focused).
    expect(await unreadOf(aliceHost, bobId)).toBe(1);
    await capture(alice, aliceHost, 'timeline-new-messages');
    // The anchor is still there after the theme changes of the pictures.
    expect(Math.abs((await offsetInTimeline(alice, anchor.id))! - before!)).toBeLessThanOrEqual(1);

    await alice.getByTestId('jump-to-bottom').click();
    await alice.getByTestId('message-text').filter({ hasText: WHILE_SCROLLED }).waitFor();
    await alice.getByTestId('jump-to-bottom').waitFor({ state: 'detached' });
    await timelineAtRest(alice);
    expect(await inView(alice, WHILE_SCROLLED)).toBe(true);
    // In view now: read.
    await until('Alice read the new message', async () => (await unreadOf(aliceHost, bobId)) === 0);
  });

  it('Bob deletes a message for himself', async () => {
    const target = bob.getByTestId('message').filter({ hasText: SECOND });
    const id = (await target.getAttribute('data-id'))!;
    expect((await bobHost.backend.handlers['messages.page']({ conversationId: aliceId })).messages.map((m) => m.id)).toContain(id);
    await target.hover();
    await target.getByTestId('message-more').click();
    await bob.getByTestId('message-menu-delete').click();
    await bob.getByTestId('dialog-confirm').waitFor();
    await expectAccessible(bob, 'delete message dialog');
    await capture(bob, bobHost, 'delete-message');
    await bob.getByTestId('dialog-confirm').click();
    await bob.locator(`[data-testid="message"][data-id="${id}"]`).waitFor({ state: 'detached' });
    const left = (await bobHost.backend.handlers['messages.page']({ conversationId: aliceId })).messages;
    expect(left.map((m) => m.id)).not.toContain(id);
    expect(left.map((m) => m.text)).toEqual(expect.arrayContaining([HELLO, REPLY, WHILE_SCROLLED]));
    // For him only: Alice still has it.
    expect((await aliceHost.backend.handlers['messages.page']({ conversationId: bobId })).messages.map((m) => m.text)).toContain(SECOND);
  });

  it('Alice blocks Bob and unblocks him', async () => {
    const bobRow = rowOf(alice, bobId);
    expect(await bobRow.count()).toBe(1);
    await alice.getByTestId('conversation-title-button').click();
    await alice.getByTestId('conversation-settings-block').click();
    await alice.getByTestId('conversation-confirm-ok').click();
    // A blocked contact leaves the inbox list and appears among the blocked contacts; the open chat's
    // composer turns into the inert "Unblock this contact to send a message".
    await bobRow.waitFor({ state: 'detached' });
    // The settings panel stays open and now offers Unblock.
    await alice.getByTestId('conversation-settings-unblock').waitFor();
    await alice.keyboard.press('Escape');
    await alice.getByTestId('conversation-settings').waitFor({ state: 'detached' });
    await alice.getByTestId('composer-blocked').waitFor();
    expect(await alice.getByTestId('composer-input').count()).toBe(0);
    await capture(alice, aliceHost, 'blocked-chat');
    expect((await aliceHost.backend.handlers['contacts.listBlocked']({})).map((c) => c.id)).toEqual([bobId]);

    // What Bob sends now is dropped.
    await bob.getByTestId('composer-input').fill(WHILE_BLOCKED);
    await bob.getByTestId('composer-input').press('Enter');
    await bob.locator('[data-testid="message"][data-status="sent"]').filter({ hasText: WHILE_BLOCKED }).waitFor({ timeout: NET_TIMEOUT });
    await aliceHost.backend.handlers['sync.pollNow']({});
    expect((await aliceHost.backend.handlers['messages.page']({ conversationId: bobId })).messages.map((m) => m.text)).not.toContain(WHILE_BLOCKED);

    const openBlocked = async (p: Page) => {
      await p.getByTestId('app-shell').waitFor();
      await p.getByTestId('open-settings').click();
      await p.getByTestId('settings-nav-conversations').click();
      await p.getByTestId('settings-nav-blocked-contacts').click();
      await p.getByTestId('blocked-list').waitFor();
    };
    await openBlocked(alice);
    expect(await alice.getByTestId('blocked-list').innerText()).toContain('Bob');
    await capture(alice, aliceHost, 'blocked-contacts', openBlocked);

    await alice.getByTestId(`blocked-select-${bobId}`).check();
    await alice.getByTestId('blocked-unblock').click();
    await alice.getByTestId('unblock-confirm-ok').click();
    await alice.getByTestId('blocked-empty').waitFor();
    expect(await aliceHost.backend.handlers['contacts.listBlocked']({})).toEqual([]);
    await alice.keyboard.press('Escape');
    await alice.getByTestId('settings-modal').waitFor({ state: 'detached' });
    // Back in the inbox, and his messages arrive again.
    await bobRow.waitFor();
    await bob.getByTestId('composer-input').fill(REPLY + ' again');
    await bob.getByTestId('composer-input').press('Enter');
    await openConversationWith(alice, bobId);
    await alice.getByTestId('message-text').filter({ hasText: REPLY + ' again' }).waitFor({ timeout: NET_TIMEOUT });
  });

  it('Bob clears his data on the device and the network and is back at onboarding; his swarm is empty', async () => {
    // His swarm holds Alice's messages to him before.
    expect(storedOnDevnet(bobId)).toBeGreaterThan(0);
    await bob.getByTestId('open-settings').click();
    await bob.getByTestId('settings-nav-clear-data').click();
    await bob.getByTestId('clear-device-and-network').check();
    await bob.getByTestId('clear-data-clear').click();
    await bob.getByTestId('clear-data-confirm').click();
    await bob.getByTestId('onboarding-start').waitFor({ timeout: NET_TIMEOUT });
    expect(await bobHost.backend.handlers['account.get']({})).toBeNull();
    expect(storedOnDevnet(bobId)).toBe(0);
    // Alice's side of the network is untouched.
    expect(storedOnDevnet(aliceId)).toBeGreaterThan(0);
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
