// Groups v2 end to end in real Chromium, member side: a group made by the official library (the oracle
// fixture: the invitation in Bob's swarm, the group's Keys, Info, Members and three messages in the group's
// swarm, as libsession stored them) placed in a devnet, plus GroupUpdate control messages its admin posts
// (built here with the protocol layer's admin primitives: admin-signed member and info changes, encrypted
// with the fixture's group key). Bob, restored from the fixture's seed, finds the invitation in Message
// Requests, accepts it, sees the group's name, member count, members with roles, messages and control
// messages, and leaves it. Then the engine tests' admin harness (the protocol layer's admin primitives on
// the network client) makes a second group and invites Bob; mentions go both ways (suggested from the
// members, "@You" for his), then the admin removes him: Bob sees he was removed, and the
// composer is gone. Needs the bundles (npm run test:e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { loadCustomNetwork } from '../../ts/network/config';
import { createHttpClient } from '../../ts/network/http';
import { SessionNetwork } from '../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../ts/network/store';
import {
  encodeContent,
  encodeRecoveryPassword,
  GroupInfoChangeType,
  GroupKeys,
  groupKeysFromSeed,
  GroupMemberChangeType,
  identityFromRecoverySeed,
  infoChangeSignatureMessage,
  loadProtocol,
  memberChangeSignatureMessage,
  signGroupUpdate,
  wrapGroupEnvelope,
  type Identity,
} from '../../ts/protocol';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { TestGroupAdmin } from '../integration/engine/groupAdmin';
import { ARTIFACTS, CHROMIUM_ARGS, expectAccessible, requireRendererBundle, STATIC_DIR } from './helpers';

jest.setTimeout(120_000);

interface FixtureEntry {
  namespace: number;
  data_base64: string;
  timestamp_ms: number;
}
const F = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/vectors/oracle-groups-vectors.json'), 'utf8')) as {
    fixture: {
      group: { group_id: string; group_seed_hex_admin_only: string };
      admin: string;
      member: string;
      member_ed25519_seed_hex: string;
      invite: { timestamp_ms: number; name: string; store_data_base64: string };
      group_swarm: FixtureEntry[];
      messages: { body: string; timestamp_ms: number }[];
      expected_B_reading: { info_fields: { name: string } };
    };
  }
).fixture;
const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
/** The fixture's admin (Alice) is the oracle's user A: her Ed25519 seed is these 16 bytes and 16 zero bytes. */
const ADMIN_SEED = fromHex('0123456789abcdef0123456789abcdef');
/** Someone the admin adds and then removes: not a member of the fixture, so named by a short id. */
const CAROL = '05' + 'c9'.repeat(32);
const GROUP_NAME = F.expected_B_reading.info_fields.name;

let devnet: Devnet;
let dataDir: string;
let browser: Browser;
let page: Page;
let host: WebHost;
/** The admin harness's own client of the devnet. */
let adminNetwork: SessionNetwork;
const errors: string[] = [];

/** A GroupUpdate as the group's admin posts it: admin-signed, in a group Envelope, encrypted with the group key. */
function adminUpdates(): { namespace: number; data: Uint8Array; timestamp: number }[] {
  const admin = groupKeysFromSeed(fromHex(F.group.group_seed_hex_admin_only));
  const alice = identityFromRecoverySeed(ADMIN_SEED);
  if (alice.sessionId !== F.admin) throw new Error('the fixture admin is not the one this test signs as');
  const keys = new GroupKeys({ identity: alice as Identity, group: admin, admin });
  for (const e of F.group_swarm.filter((x) => x.namespace === 12)) {
    const r = keys.loadKeyMessage(`keys-${e.timestamp_ms}`, b64(e.data_base64), e.timestamp_ms);
    if (!r.ok) throw r.error;
  }
  const after = Math.max(...F.messages.map((m) => m.timestamp_ms));
  let n = 0;
  const post = (groupUpdateMessage: object, timestamp: number) => {
    const content = encodeContent({ dataMessage: { groupUpdateMessage }, sigTimestamp: timestamp } as Parameters<typeof encodeContent>[0]);
    const data = keys.encryptMessage(wrapGroupEnvelope({ content, timestampMs: timestamp }), { random: (k) => new Uint8Array(k).fill(++n) });
    return { namespace: 11, data, timestamp };
  };
  const t1 = after + 60_000;
  const t2 = after + 120_000;
  const t3 = after + 180_000;
  return [
    post(
      {
        memberChangeMessage: {
          type: GroupMemberChangeType.added,
          memberSessionIds: [CAROL],
          adminSignature: signGroupUpdate(admin, memberChangeSignatureMessage(GroupMemberChangeType.added, t1)),
        },
      },
      t1,
    ),
    post(
      {
        memberChangeMessage: {
          type: GroupMemberChangeType.removed,
          memberSessionIds: [CAROL],
          adminSignature: signGroupUpdate(admin, memberChangeSignatureMessage(GroupMemberChangeType.removed, t2)),
        },
      },
      t2,
    ),
    post(
      {
        infoChangeMessage: {
          type: GroupInfoChangeType.name,
          updatedName: 'Readers',
          adminSignature: signGroupUpdate(admin, infoChangeSignatureMessage(GroupInfoChangeType.name, t3)),
        },
      },
      t3,
    ),
  ];
}

beforeAll(async () => {
  requireRendererBundle();
  await loadProtocol();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-groups-'));
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, noSogs: true });
  // The fixture as libsession stored it, and the admin's updates after its messages.
  devnet.storeEntries(F.member, [{ namespace: 0, data: b64(F.invite.store_data_base64), timestamp: F.invite.timestamp_ms }]);
  devnet.storeEntries(F.group.group_id, [
    ...F.group_swarm.map((e) => ({ namespace: e.namespace, data: b64(e.data_base64), timestamp: e.timestamp_ms })),
    ...adminUpdates(),
  ]);
  host = await startWebHost({
    dataDir,
    seedUrl: devnet.info.seedUrl,
    profile: 'bob',
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { pollIntervalMs: 200, restoreWaitMs: 500, configPushDelayMs: 0, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 } },
  });
  // Bob is the fixture's member B: his Ed25519 seed is these 16 bytes and 16 zero bytes.
  const restored = await host.backend.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(fromHex(F.member_ed25519_seed_hex.slice(0, 32))), displayName: 'Bob' });
  if (restored.sessionId !== F.member) throw new Error('restored someone other than the fixture member');
  adminNetwork = new SessionNetwork({ config: await loadCustomNetwork(devnet.info.seedUrl, createHttpClient()), store: new MemoryNetworkStore() });
  adminNetwork.start();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  adminNetwork?.stop();
  await host?.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function screenshot(name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `groups-${name}.png`) });
}

it('Bob finds the invitation in Message Requests and accepts it', async () => {
  await page.goto(host.url);
  await page.getByTestId('app-shell').waitFor();
  // The invitation comes with a poll of Bob's swarm; the banner leads to it.
  await page.getByTestId('requests-banner').waitFor({ timeout: 30_000 });
  await page.getByTestId('requests-banner').click();
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${F.group.group_id}"]`);
  await row.waitFor();
  await expectText(row.getByTestId('row-preview'), /invited you to join Fixture Group\.$/);
  await row.click();
  const bar = page.getByTestId('request-bar');
  await expectText(bar.getByTestId('request-group-invite'), /invited you to join Fixture Group\.$/);
  await expectAccessible(page, 'group invitation', { include: '[data-testid="conversation-view"]' });
  await screenshot('invitation');
  await bar.getByTestId('request-accept').click();
  await bar.waitFor({ state: 'detached', timeout: 30_000 });
});

it('shows the group: name, member count, messages and control messages', async () => {
  await expectText(page.getByTestId('conversation-title'), GROUP_NAME);
  await expectText(page.getByTestId('conversation-member-count'), '2 members', 30_000);
  const texts = page.locator('[data-testid="message"] [data-testid="message-text"]');
  await waitUntil(async () => (await texts.allTextContents()).length >= F.messages.length, 'the three messages');
  expect(await texts.allTextContents()).toEqual(F.messages.map((m) => m.body));
  // The admin's name above her series (from the group's member list), her avatar with the crown.
  await expectText(page.getByTestId('message-sender').first(), 'Alice');
  await page.getByTestId('message-avatar-crown').first().waitFor();
  const carol = `${CAROL.slice(0, 6)}…${CAROL.slice(-4)}`;
  const controls = page.getByTestId('control-message-text');
  await waitUntil(async () => (await controls.allTextContents()).length >= 3, 'the control messages');
  expect(await controls.allTextContents()).toEqual([
    `${carol} was invited to join the group.`,
    `${carol} was removed from the group.`,
    'Group name is now Readers.',
  ]);
  await expectAccessible(page, 'group conversation', { include: '[data-testid="conversation-view"]' });
  await screenshot('group');
});

it('lists the members with their roles', async () => {
  await page.getByTestId('conversation-title-button').click();
  await page.getByTestId('conversation-settings-group-members').click();
  const members = page.getByTestId('group-member');
  await waitUntil(async () => (await members.count()) === 2, 'two members');
  expect(await page.getByTestId('group-member-name').allTextContents()).toEqual(['You', 'Alice']);
  expect(await members.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.role))).toEqual(['member', 'admin']);
  await expectAccessible(page, 'group members', { include: '[data-testid="conversation-settings"]' });
  await screenshot('members');
  await page.getByTestId('modal-back').click();
});

it('leaves the group after confirming', async () => {
  await page.getByTestId('conversation-settings-leave-group').click();
  await expectText(page.getByTestId('conversation-confirm-text'), `Are you sure you want to leave ${GROUP_NAME}?`);
  await page.getByTestId('conversation-confirm-ok').click();
  await page.locator(`[data-testid="conversation-row"][data-conversation-id="${F.group.group_id}"]`).waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('conversation-view').waitFor({ state: 'detached' });
  expect(await host.backend.handlers['conversations.list']({})).not.toContainEqual(expect.objectContaining({ id: F.group.group_id }));
  expect(errors).toEqual([]);
});

it('mentions and is mentioned in a second group, then is told when an admin removes him: no composer, the official sentence', async () => {
  const admin = new TestGroupAdmin(adminNetwork, identityFromRecoverySeed(ADMIN_SEED), 'Night Owls', Date.now());
  admin.setMember(F.member, 'Bob');
  await admin.rekeyAndPush();
  await admin.invite(F.member);
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${admin.id}"]`);
  await page.getByTestId('requests-banner').click({ timeout: 30_000 });
  await row.click({ timeout: 30_000 });
  await page.getByTestId('request-bar').getByTestId('request-accept').click();
  await page.getByTestId('request-bar').waitFor({ state: 'detached', timeout: 30_000 });
  await admin.sendText('welcome, Bob');
  await expectText(page.locator('[data-testid="message-text"]').last(), 'welcome, Bob', 30_000);
  // The list names the author as the group's member list does.
  await expectText(row.getByTestId('row-preview'), 'Admin: welcome, Bob');
  // Mentions: the admin's mention of Bob reads "@You"; Bob mentions the admin from the suggestions.
  await admin.sendText(`good to see you @${F.member}`);
  await page.locator('[data-testid="mention"][data-me]').filter({ hasText: '@You' }).waitFor({ timeout: 30_000 });
  const input = page.getByTestId('composer-input');
  await input.fill('thanks @Adm');
  const suggestion = page.getByTestId('mention-suggestion');
  await suggestion.first().waitFor();
  expect(await suggestion.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id))).toEqual([admin.identity.sessionId]);
  await input.press('Enter');
  await waitUntil(async () => (await input.inputValue()) === 'thanks @Admin ', 'the mention inserted');
  await input.press('Enter');
  const sent = `thanks @${admin.identity.sessionId} `;
  await waitUntil(async () => (await admin.read()).some((m) => m.sender === F.member && m.content.dataMessage?.body === sent), 'the mention in the group', 30_000);
  await admin.kick(F.member);
  await expectText(page.getByTestId('composer-group-closed'), 'You were removed from Night Owls.', 30_000);
  expect(await page.getByTestId('composer-input').count()).toBe(0);
  await screenshot('removed');
  // What is left is deleting it here.
  await page.getByTestId('conversation-title-button').click();
  expect(await page.getByTestId('conversation-settings-leave-group').count()).toBe(0);
  await page.getByTestId('conversation-settings-delete-group').click();
  await page.getByTestId('conversation-confirm-ok').click();
  await row.waitFor({ state: 'detached', timeout: 30_000 });
  expect(errors).toEqual([]);
});

async function expectText(locator: ReturnType<Page['getByTestId']>, expected: string | RegExp, timeout = 10_000): Promise<void> {
  await waitUntil(async () => {
    const text = (await locator.textContent().catch(() => null)) ?? '';
    return typeof expected === 'string' ? text === expected : expected.test(text);
  }, `text ${String(expected)}`, timeout);
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await check()) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}
