// Groups v2 end to end in real Chromium, admin side: on one devnet, the user (web host) creates a group from the
// Create Group overlay with two contacts who are other clients (engine backends in this process, as the engine
// tests open them); they accept the invitation for real; a message goes each way; then the user removes one of
// them from Manage Members (confirming), and that member's client sees itself removed. The overlay, Manage
// Members and the Remove confirmation pass the accessibility audit. Needs the bundles (npm run test:e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger, type Backend } from '../../ts/backend';
import type { ConversationSummary } from '../../ts/ipc/contract';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { devnetBackends, pollOk, until } from '../integration/engine/fixture';
import {
  ARTIFACTS,
  captureScreen,
  CHROMIUM_ARGS,
  describeFailing,
  expectAccessible,
  requireRendererBundle,
  RTL_LOCALE,
  STATIC_DIR,
} from './helpers';

jest.setTimeout(120_000);

const env = devnetBackends(
  'session-e2e-group-admin-',
  { nodes: 9, swarmSize: 3, noSogs: true, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 },
  200,
);
let dataDir: string;
let browser: Browser;
let page: Page;
let host: WebHost;
let bob: Backend;
let carol: Backend;
let dave: Backend;
let bobId = '';
let carolId = '';
let daveId = '';
let groupId = '';
const errors: string[] = [];

const conversationOf = async (b: Backend, id: string): Promise<ConversationSummary | undefined> =>
  (await b.handlers['conversations.list']({ requests: false }))
    .concat(await b.handlers['conversations.list']({ requests: true }))
    .find((c) => c.id === id);
/** Polls `b` until `check` holds. */
const polledUntil = <T>(what: string, b: Backend, check: () => Promise<T | undefined | false>): Promise<T> =>
  until(what, async () => {
    await pollOk(b);
    return check();
  });

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-group-admin-host-'));
  host = await startWebHost({
    dataDir,
    seedUrl: env.devnet.info.seedUrl,
    profile: 'alice',
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: {
      pollIntervalMs: 200,
      restoreWaitMs: 500,
      configPushDelayMs: 0,
      sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 },
    },
  });
  await host.backend.handlers['account.create']({ displayName: 'Alice' });
  bob = await env.open('bob', { configPushDelayMs: 0 });
  carol = await env.open('carol', { configPushDelayMs: 0 });
  bobId = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
  carolId = (await carol.handlers['account.create']({ displayName: 'Carol' })).sessionId;
  dave = await env.open('dave', { configPushDelayMs: 0 });
  daveId = (await dave.handlers['account.create']({ displayName: 'Dave' })).sessionId;
  // A new account's first complete poll merges its configs: pushing them (UserGroups) is allowed from then on.
  await Promise.all([
    pollOk(bob),
    pollOk(carol),
    pollOk(dave),
    until('Alice’s first poll', () =>
      Promise.resolve()
        .then(() => host.backend.handlers['sync.pollNow']({}))
        .then(
          () => true,
          () => false,
        ),
    ),
  ]);
  // Bob and Carol are Alice's contacts: she wrote to them.
  await host.backend.handlers['messages.send']({ to: bobId, text: 'hi Bob' });
  await host.backend.handlers['messages.send']({ to: carolId, text: 'hi Carol' });
  await host.backend.handlers['messages.send']({ to: daveId, text: 'hi Dave' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function screenshot(name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `group-admin-${name}.png`) });
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const memberRow = (id: string) => page.locator(`[data-testid="group-member"][data-id="${id}"]`);

it('creates a group with two contacts from the Create Group overlay', async () => {
  await page.goto(host.url);
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('choose-action-button').click();
  await page.getByTestId('action-create-group').click();
  const overlay = page.getByTestId('create-group');
  await overlay.waitFor();
  await page.getByTestId('create-group-contact').nth(1).waitFor();
  expect(await page.getByTestId('create-group-submit').isDisabled()).toBe(true);
  await page.getByTestId('create-group-name').fill('Book Club');
  await page.locator(`[data-testid="create-group-contact"][data-id="${bobId}"]`).check();
  await page.locator(`[data-testid="create-group-contact"][data-id="${carolId}"]`).check();
  await expectAccessible(page, 'create group overlay', { include: '[data-testid="left-pane"]' });
  await screenshot('create');
  await page.getByTestId('create-group-submit').click();
  // The new group opens once the backend has stored it and sent the invitations.
  await waitUntil(
    async () =>
      (await page
        .getByTestId('conversation-title')
        .textContent()
        .catch(() => null)) === 'Book Club',
    'the new group to open',
    45_000,
  );
  groupId =
    (await page
      .locator(
        '[data-testid="conversation-row"][aria-current], [data-testid="conversation-row"][data-selected]',
      )
      .first()
      .getAttribute('data-conversation-id')
      .catch(() => null)) ?? '';
  if (!groupId)
    groupId = (await host.backend.handlers['conversations.list']({})).find((c) => c.kind === 'group')!.id;
  expect(groupId).toMatch(/^03[0-9a-f]{64}$/);
  // Bob and Carol find the invitation and accept it.
  for (const b of [bob, carol]) {
    await polledUntil(
      'the invitation',
      b,
      async () => (await conversationOf(b, groupId))?.group?.invitationPending,
    );
    await b.handlers['conversations.accept']({ id: groupId });
  }
});

it('chats both ways', async () => {
  const input = page.getByTestId('composer-input');
  await input.fill('hello from the UI');
  await input.press('Enter');
  await polledUntil('Bob gets the message', bob, async () =>
    (await bob.handlers['messages.list']({ conversationId: groupId, limit: 50 })).some(
      (m) => m.text === 'hello from the UI',
    ),
  );
  await bob.handlers['messages.send']({ to: groupId, text: 'hi from Bob' });
  const texts = page.locator('[data-testid="message"] [data-testid="message-text"]');
  await waitUntil(
    async () => (await texts.allTextContents()).includes('hi from Bob'),
    'Bob’s message in the UI',
  );
  await screenshot('chat');
});

it('invites a third contact from Invite Contacts, who joins', async () => {
  await page.getByTestId('conversation-title-button').click();
  await page.getByTestId('conversation-settings-invite-contacts').click();
  const dialog = page.getByTestId('group-invite');
  await dialog.waitFor();
  // Bob and Carol are members already: Dave is the only contact to invite.
  expect(
    await page
      .getByTestId('group-invite-contact')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id)),
  ).toEqual([daveId]);
  await page.getByTestId('group-invite-contact').check();
  await expectAccessible(page, 'invite contacts', { include: '[data-testid="group-invite"]' });
  await page.getByTestId('group-invite-submit').click();
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  // Then Manage Members, where his invitation shows.
  await memberRow(daveId).waitFor();
  await polledUntil(
    'Dave’s invitation',
    dave,
    async () => (await conversationOf(dave, groupId))?.group?.invitationPending,
  );
  await dave.handlers['conversations.accept']({ id: groupId });
  await waitUntil(
    async () => (await memberRow(daveId).getAttribute('data-status')) === 'joined',
    'Dave joined, in the list',
  );
  await page.getByTestId('modal-close').click();
});

it('removes a member from Manage Members; the removed member’s client sees it', async () => {
  await page.getByTestId('conversation-title-button').click();
  // The admin's settings: Admin Settings, the pencil and the picture, Delete Group; no Leave for the only admin.
  await page.getByTestId('conversation-settings-last-admin').waitFor();
  expect(await page.getByTestId('conversation-settings-leave-group').count()).toBe(0);
  await expectAccessible(page, 'group settings (admin)', {
    include: '[data-testid="conversation-settings"]',
  });
  await screenshot('settings');
  await page.getByTestId('conversation-settings-manage-members').click();
  await page.getByTestId('manage-members').waitFor();
  await memberRow(carolId).waitFor();
  await memberRow(bobId).waitFor();
  expect(await page.getByTestId('group-member-name').first().textContent()).toBe('You');
  await expectAccessible(page, 'manage members', { include: '[data-testid="conversation-settings"]' });
  await screenshot('manage');
  // Carol never wrote to Alice: she goes by her shortened Account ID, in the list and in the confirmation.
  const carolName = await memberRow(carolId).getByTestId('group-member-name').textContent();
  await memberRow(carolId).getByTestId('group-member-select').check();
  await page.getByTestId('manage-members-remove').click();
  await page.getByTestId('group-remove').waitFor();
  expect(await page.getByTestId('group-remove-text').textContent()).toBe(
    `Would you like to remove ${carolName} from Book Club?`,
  );
  await expectAccessible(page, 'remove members confirmation', { include: '[data-testid="group-remove"]' });
  await page.getByTestId('group-remove-confirm').click();
  await page.getByTestId('group-remove').waitFor({ state: 'detached', timeout: 45_000 });
  // Pending removal, then gone from the list.
  const carolStatus = () =>
    page.evaluate(
      (id) =>
        document.querySelector<HTMLElement>(`[data-testid="group-member"][data-id="${id}"]`)?.dataset
          .status ?? 'gone',
      carolId,
    );
  await waitUntil(
    async () => ['removed', 'gone'].includes(await carolStatus()),
    'Carol’s removal in the list',
  );
  await polledUntil(
    'Carol sees she was removed',
    carol,
    async () => (await conversationOf(carol, groupId))?.group?.kicked,
  );
  // Bob stays.
  expect(await memberRow(bobId).count()).toBe(1);
  await screenshot('removed');
  expect(errors).toEqual([]);
});

it('draws the Create Group overlay in both themes and mirrored in the RTL pseudo-locale, passing the audit', async () => {
  const open = async (p: Page) => {
    await p.getByTestId('app-shell').waitFor();
    await p.getByTestId('choose-action-button').click();
    await p.getByTestId('action-create-group').click();
    await p.getByTestId('create-group-name').fill('Book Club');
    await p.locator(`[data-testid="create-group-contact"][data-id="${bobId}"]`).check();
  };
  await page.keyboard.press('Escape');
  await page.goto(host.url);
  await open(page);
  const shots = await captureScreen(page, host, 'create-group', { locale: RTL_LOCALE, reopen: open });
  expect(shots.skipped).toEqual([]);
  expect(describeFailing('create group', shots.failing)).toBe('');
  expect(errors).toEqual([]);
});
