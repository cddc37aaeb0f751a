// 1:1 chat end to end in real Chromium: two web hosts (Alice and Bob) on an in-process devnet,
// each driven through its page — onboarding, New Message, a message request that Bob opens and
// accepts, a reply, and the outgoing status turning to sent. Needs the bundles (npm run test:e2e). At the
// end, the hosts' debug logs are searched for the accounts' secrets and every message text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { htmlPage, makeTestPki, startPreviewServer, type PreviewServer, type TestPki } from '../support/previewServer';
import { collectLoggedAccount, findLogLeaks, needlesOf, type LoggedAccount } from '../support/logHygiene';
import { ARTIFACTS, CHROMIUM_ARGS, openShell, STATIC_DIR } from './helpers';

jest.setTimeout(90_000);

const HELLO = 'hello from Alice ✓';
const REPLY = 'hi Alice, Bob here';
const READ_ME = 'did you read this?';
/** Thirteen list words whose last one is not the checksum: a mistyped recovery password, never to be logged either. */
const REFUSED_PASSWORD = `${'abbey '.repeat(12)}abducts`;

let devnet: Devnet;
let dataDir: string;
let browser: Browser;
const hosts: WebHost[] = [];
/** A page to preview, on a loopback HTTPS server the hosts' fetcher may reach (test seam: loopback allowed, test CA). */
let pki: TestPki;
let pageServer: PreviewServer;
/** Alice's and Bob's pages, kept open from the first test for the next. */
const pages: Page[] = [];

function start(profile: string): Promise<WebHost> {
  return startWebHost({
    dataDir,
    seedUrl: devnet.info.seedUrl,
    profile,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 }, linkPreviewTestSeam: { allowLoopback: true, ca: pki.ca } },
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `chat-${name}.png`) });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(STATIC_DIR, 'renderer.js'))) {
    throw new Error(`No renderer bundle in ${STATIC_DIR}: run \`node tools/build/build.mjs\` (npm run test:e2e does).`);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-chat-'));
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 });
  pki = makeTestPki();
  pageServer = await startPreviewServer(pki);
  pageServer.routes.set('/article', { body: htmlPage('<title>Ignored</title><meta property="og:title" content="A page worth a preview">') });
  hosts.push(await start('alice'), await start('bob'), await start('carol'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
  await devnet?.stop();
  await pageServer?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('Alice writes to Bob, Bob accepts the request and replies', async () => {
  const [aliceHost, bobHost] = hosts as [WebHost, WebHost];
  const alice = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const bob = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  pages.push(alice, bob);
  const errors: string[] = [];
  for (const p of [alice, bob]) p.on('pageerror', (e) => errors.push(e.message));

  await openShell(alice, aliceHost, 'Alice');
  await openShell(bob, bobHost, 'Bob');
  await alice.getByTestId('account-created').waitFor();

  // Bob's Account ID, as shown on his settings page.
  await bob.getByTestId('open-settings').click();
  const bobId = ((await bob.getByTestId('account-id').locator('code').textContent()) ?? '').trim();
  expect(bobId).toMatch(/^05[0-9a-f]{64}$/);
  await bob.keyboard.press('Escape');

  // Alice: + -> New Message -> Bob's ID -> Next -> write.
  await alice.getByTestId('choose-action-button').click();
  await alice.getByTestId('action-new-message').click();
  await alice.getByTestId('new-message-input').fill(bobId);
  await alice.getByTestId('new-message-next').click();
  expect(await alice.getByTestId('conversation-session-id').textContent()).toBe(bobId);
  await alice.getByTestId('composer-input').fill(HELLO);
  await alice.getByTestId('composer-input').press('Enter');
  const mine = alice.getByTestId('message').filter({ hasText: HELLO });
  await mine.waitFor();

  // Bob: the request banner, the request, its text; accept and reply.
  await bob.getByTestId('requests-banner').waitFor({ timeout: 45_000 });
  await bob.getByTestId('requests-banner').click();
  await bob.getByTestId('conversation-row').first().click();
  const received = bob.getByTestId('message-text').filter({ hasText: HELLO });
  await received.waitFor();
  expect(await received.textContent()).toBe(HELLO);
  await screenshot(bob, 'bob-request');
  await bob.getByTestId('request-accept').click();
  await bob.getByTestId('request-bar').waitFor({ state: 'detached' });
  await bob.getByTestId('composer-input').fill(REPLY);
  await bob.getByTestId('composer-send').click();

  // Alice: the reply arrives, her message reads as sent.
  await alice.getByTestId('message-text').filter({ hasText: REPLY }).waitFor({ timeout: 45_000 });
  // It arrived in the open conversation: it is read at once, so her row shows no unread badge.
  await alice.getByTestId('conversation-row').getByLabel(/unread/).waitFor({ state: 'detached', timeout: 10_000 });
  await alice.locator('[data-testid="message"][data-direction="outgoing"][data-status="sent"]').filter({ hasText: HELLO }).waitFor();
  await bob.locator('[data-testid="message"][data-direction="outgoing"][data-status="sent"]').filter({ hasText: REPLY }).waitFor({ timeout: 45_000 });
  await screenshot(alice, 'alice');
  await screenshot(bob, 'bob');
  expect(errors).toEqual([]);
});

it('with read receipts on at both ends (Privacy page), Alice sees her next message read once Bob has it on screen', async () => {
  const [aliceHost, bobHost] = hosts as [WebHost, WebHost];
  const [alice, bob] = pages;
  if (!alice || !bob) throw new Error('the first test left no pages');
  for (const page of [alice, bob]) {
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-nav-privacy').click();
    await page.getByTestId('setting-readReceipts').click();
    await page.keyboard.press('Escape');
  }
  expect((await aliceHost.backend.handlers['settings.getAll']({})).readReceipts).toBe(true);
  expect((await bobHost.backend.handlers['settings.getAll']({})).readReceipts).toBe(true);
  // Bob keeps the conversation open: the message is read as it arrives, and his receipt reaches Alice.
  await alice.getByTestId('composer-input').fill(READ_ME);
  await alice.getByTestId('composer-input').press('Enter');
  await bob.getByTestId('message-text').filter({ hasText: READ_ME }).waitFor({ timeout: 45_000 });
  await alice.locator('[data-testid="message"][data-direction="outgoing"][data-status="read"]').filter({ hasText: READ_ME }).waitFor({ timeout: 45_000 });
  // Bob's earlier reply, read by Alice before she turned receipts on, stays "sent" at Bob's end.
  expect(await bob.locator('[data-testid="message"][data-direction="outgoing"]').filter({ hasText: REPLY }).getAttribute('data-status')).toBe('sent');
  await screenshot(alice, 'alice-read');
});

it('link previews: Alice enables them at the prompt, sends a link with its preview, Bob sees the card without fetching', async () => {
  const [alice, bob] = pages;
  if (!alice || !bob) throw new Error('the first test left no pages');
  const url = `${pageServer.origin}/article`;
  await alice.getByTestId('composer-input').fill(`worth reading: ${url}`);
  const consent = alice.getByTestId('link-preview-consent');
  await consent.waitFor();
  await consent.getByRole('button', { name: 'Enable', exact: true }).click();
  await alice.getByTestId('composer-link-preview-title').filter({ hasText: 'A page worth a preview' }).waitFor({ timeout: 20_000 });
  const fetched = pageServer.requests.length;
  expect(fetched).toBeGreaterThan(0);
  await alice.getByTestId('composer-input').press('Enter');
  await alice.getByTestId('message-link-preview-title').filter({ hasText: 'A page worth a preview' }).waitFor();
  await bob.getByTestId('message-link-preview-title').filter({ hasText: 'A page worth a preview' }).waitFor({ timeout: 45_000 });
  expect(await bob.getByTestId('message-link-preview-domain').last().textContent()).toContain('127.0.0.1');
  // Only Alice's fetcher asked the page's server; Bob's client showed what the message carried.
  expect(pageServer.requests.length).toBe(fetched);
  await screenshot(bob, 'bob-link-preview');
});

it('shows the spec texts for a recovery password the backend refuses', async () => {
  const carolHost = hosts[2] as WebHost;
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await page.goto(carolHost.url);
  await page.getByTestId('onboarding-restore-start').click();
  const input = page.getByTestId('recovery-password-input');
  const error = page.getByTestId('onboarding-error');
  await input.fill('abbey abducts ability');
  await page.getByTestId('onboarding-continue').click();
  await error.waitFor();
  expect(await error.textContent()).toBe('The Recovery Password you entered is not long enough. Please check and try again.');
  // Thirteen list words whose last one is not the checksum.
  await input.fill(REFUSED_PASSWORD);
  await page.getByTestId('onboarding-continue').click();
  await page.getByText('Some of the words in your Recovery Password are incorrect. Please check and try again.').waitFor();
  await page.getByTestId('recovery-password-toggle').click();
  await screenshot(page, 'restore-error');
  expect(await carolHost.backend.handlers['account.get']({})).toBeNull();
  await page.close();
});

it('no debug log of the run holds a recovery password (even a refused one), seed, key, database key, message text or full Session ID', async () => {
  const accounts: LoggedAccount[] = [];
  for (const [name, host] of [['Alice', hosts[0]], ['Bob', hosts[1]]] as const) {
    const account = await collectLoggedAccount(name, host!.backend);
    if (!account) throw new Error(`${name} has no account: the first test did not run`);
    accounts.push(account);
  }
  expect(accounts.flatMap((a) => a.texts)).toEqual(expect.arrayContaining([HELLO, REPLY, READ_ME]));
  // Stopped first, so the shutdown's lines are in the logs too.
  for (const h of hosts) await h.stop();
  const needles = (await Promise.all(accounts.map(needlesOf))).flat();
  needles.push({ label: 'a refused recovery password', value: 'abbey abbey abbey', caseInsensitive: true });
  const { files, bytes, leaks } = findLogLeaks(dataDir, needles);
  expect(files.length).toBeGreaterThanOrEqual(3);
  expect(bytes).toBeGreaterThan(1000);
  expect(leaks).toEqual([]);
});
