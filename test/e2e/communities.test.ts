// Communities end to end in real Chromium: two web hosts on a devnet with its community server. The
// room already holds older posts (signed by a third member and imported into the server). Alice joins
// the room from the Join Community overlay, scrolls up through the older posts, and posts an image with
// a caption; the moderator (a `sogsAdmins` Session ID, restored from a fixed recovery seed) joins, sees
// her post with its picture, reacts to it, and deletes it for everyone — which Alice sees. Axe audits
// the overlay and the room. Needs the bundles (npm run test:e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { silentLogger } from '../../ts/backend';
import { loadProtocol } from '../../ts/protocol/load';
import { identityFromRecoverySeed } from '../../ts/protocol/identity/keys';
import { encodeRecoveryPassword } from '../../ts/protocol/mnemonic/mnemonic';
import { blind15Id } from '../../ts/protocol/community/blindedKeys';
import { buildRoomPost } from '../../ts/protocol/community/roomMessage';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { ARTIFACTS, captureScreen, CHROMIUM_ARGS, describeFailing, expectAccessible, openShell, requireRendererBundle, STATIC_DIR } from './helpers';

jest.setTimeout(120_000);

/** Fixed recovery seeds: the moderator's Session ID must be known before the devnet starts. */
const MOD_SEED = new Uint8Array(16).fill(0x4d);
const POSTER_SEED = new Uint8Array(16).fill(0x50);
/** Older posts than one page of the timeline (50), so the first ones come only by scrolling up. */
const OLDER_POSTS = 80;
const CAPTION = 'a picture for the lobby';

let devnet: Devnet;
let dataDir: string;
let browser: Browser;
let alice: Page;
let mod: Page;
const hosts: WebHost[] = [];
const errors: string[] = [];

function start(profile: string): Promise<WebHost> {
  return startWebHost({
    dataDir,
    seedUrl: devnet.info.seedUrl,
    profile,
    staticDir: STATIC_DIR,
    logger: silentLogger,
    engine: {
      pollIntervalMs: 200,
      restoreWaitMs: 1_000,
      sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 },
      communityPoll: { baseMs: 200, idleAfterMs: 60_000, idleMaxMs: 1_000, failMaxMs: 1_000 },
    },
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `communities-${name}.png`) });
}

/** Brings `target` (a row of the open room) into view: the room may open at its first unread post. */
async function inView(page: Page, target: ReturnType<Page['getByTestId']>): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await target.isVisible()) return;
    const jump = page.getByTestId('jump-to-bottom');
    if (await jump.isVisible()) await jump.click().catch(() => undefined);
    await page.waitForTimeout(250);
  }
  await target.waitFor({ timeout: 1_000 });
}

/**
 * The text of `target` once in view. The room may take its opening position (its first unread post) after
 * the rows that events brought were drawn, moving the target out of view between two checks: look again.
 */
async function textInView(page: Page, target: ReturnType<Page['getByTestId']>): Promise<string> {
  for (let i = 0; i < 10; i++) {
    await inView(page, target);
    const text = await target.textContent({ timeout: 1_000 }).catch(() => null);
    if (text !== null) return text;
  }
  throw new Error('the target did not stay in view');
}

/** Joins the network's "Lobby" from the Join Community overlay and waits for the room to open. */
async function joinLobby(page: Page): Promise<void> {
  await page.getByTestId('choose-action-button').click();
  await page.getByTestId('action-join-community').click();
  const lobby = page.locator('[data-testid="default-room"][data-room="lobby"]');
  await lobby.waitFor({ timeout: 30_000 });
  await lobby.getByTestId('default-room-join').click();
  await page.getByTestId('conversation-title').filter({ hasText: 'Lobby' }).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  requireRendererBundle();
  await loadProtocol();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-communities-'));
  const moderator = identityFromRecoverySeed(MOD_SEED);
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, sogsAdmins: [moderator.sessionId] });
  const sogs = devnet.info.sogs;
  if (!sogs) throw new Error('the devnet started no community server');
  // A member posted before anyone here joined: signed posts, as a client would POST them.
  const poster = identityFromRecoverySeed(POSTER_SEED);
  const serverPubkey = Buffer.from(sogs.pubkey, 'hex');
  const signer = { ed25519SecretKey: poster.ed25519.secretKey, serverPubkey, blinded: true, random: (n: number) => new Uint8Array(n) };
  const nowS = Math.floor(Date.now() / 1000);
  devnet.importSogsPosts(
    'lobby',
    Array.from({ length: OLDER_POSTS }, (_, i) => {
      const posted = nowS - (OLDER_POSTS - i) * 60;
      const post = buildRoomPost(signer, { dataMessage: { body: `older post ${i + 1}`, timestamp: posted * 1000, profile: { displayName: 'Poster' } } }, posted * 1000);
      return { sessionId: blind15Id(poster.ed25519.secretKey, serverPubkey), data: post.data, signature: post.signature, posted };
    }),
  );
  hosts.push(await start('alice'), await start('mod'));
  // The moderator's account exists before its page opens (restored from the fixed seed).
  await hosts[1]!.backend.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(MOD_SEED), displayName: 'Mod' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  alice = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  mod = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  for (const p of [alice, mod]) p.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

it('Alice joins the lobby from the overlay and reads its older posts by scrolling up', async () => {
  const [aliceHost] = hosts as [WebHost, WebHost];
  await openShell(alice, aliceHost, 'Alice');
  await alice.getByTestId('choose-action-button').click();
  await alice.getByTestId('action-join-community').click();
  await alice.locator('[data-testid="default-room"][data-room="lobby"]').waitFor({ timeout: 30_000 });
  await expectAccessible(alice, 'Join Community overlay', { include: '[data-testid="left-pane"]' });
  await screenshot(alice, 'join-overlay');
  await alice.keyboard.press('Escape');
  await joinLobby(alice);

  // The room's posts arrive with its first poll (as events, straight into the open window). Opened again
  // (after a reload), the window holds one page of the newest posts.
  await alice.getByTestId('message-text').first().waitFor({ timeout: 30_000 });
  await alice.reload();
  await alice.getByTestId('app-shell').waitFor();
  await alice.getByTestId('conversation-row').filter({ hasText: 'Lobby' }).click();
  const newest = alice.getByTestId('message-text').filter({ hasText: `older post ${OLDER_POSTS}` });
  await inView(alice, newest);
  const list = alice.getByTestId('message-list');
  const first = alice.getByTestId('message-text').filter({ hasText: /^older post 1$/ });
  // Pages of older posts the page asks for while scrolling (the dispatcher looks handlers up per call).
  const handlers = aliceHost.backend.handlers;
  const page = handlers['messages.page'];
  const olderTexts: string[] = [];
  handlers['messages.page'] = async (params) => {
    const result = await page(params);
    if (params.before) olderTexts.push(...result.messages.map((m) => m.text));
    return result;
  };
  // Scrolling to the top loads the older pages until the first post shows.
  for (let i = 0; i < 30 && (await first.count()) === 0; i++) {
    await list.evaluate((el) => el.scrollTo(0, 0));
    await alice.waitForTimeout(150);
  }
  await first.waitFor();
  handlers['messages.page'] = page;
  // The first post came in a page of older messages, asked for by scrolling.
  expect(olderTexts).toContain('older post 1');
  // The series is named by its poster, with a short id.
  const firstRow = alice.getByTestId('message').filter({ has: first });
  expect(await firstRow.getByTestId('message-sender').textContent()).toMatch(/^Poster \(…[0-9a-f]{4}\)$/);
  // The room in both themes, each audited (contrast included).
  const shots = await captureScreen(alice, aliceHost, 'community-room');
  expect(describeFailing('community room', shots.failing)).toBe('');
  await screenshot(alice, 'older-posts');
});

it('Alice posts an image; the moderator sees it, reacts, and deletes it for everyone', async () => {
  const [, modHost] = hosts as [WebHost, WebHost];
  // --- Alice: an image with a caption.
  const picture = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 120, b: 200 } } }).jpeg().toBuffer();
  const [chooser] = await Promise.all([alice.waitForEvent('filechooser'), alice.getByTestId('composer-attach').click()]);
  await chooser.setFiles({ name: 'lobby.jpg', mimeType: 'image/jpeg', buffer: picture });
  await alice.locator('[data-testid="staged-item"][data-status="ready"]').waitFor();
  await alice.getByTestId('composer-input').fill(CAPTION);
  await alice.getByTestId('composer-send').click();
  const mine = alice.locator('[data-testid="message"][data-direction="outgoing"]').filter({ hasText: CAPTION });
  await mine.and(alice.locator('[data-status="sent"]')).waitFor({ timeout: 45_000 });

  // --- The moderator joins and finds Alice's post with its picture.
  await openShell(mod, modHost, 'Mod');
  await joinLobby(mod);
  const post = mod.getByTestId('message').filter({ hasText: CAPTION });
  await inView(mod, post);
  expect(await textInView(mod, post.getByTestId('message-sender'))).toMatch(/^Alice \(…[0-9a-f]{4}\)$/);
  await inView(mod, post.locator('img').first());

  // --- A reaction from the hover bar; Alice sees its count.
  await inView(mod, post);
  await post.hover();
  await post.getByTestId('message-react').click();
  await mod.getByRole('toolbar', { name: 'React to this message' }).getByRole('button', { name: 'React with 😂' }).click();
  await post.locator('[data-testid="reaction-pill"][data-emoji="😂"][data-mine]').waitFor();
  await inView(alice, mine.locator('[data-testid="reaction-pill"][data-emoji="😂"]'));
  await screenshot(alice, 'reaction');

  // --- Moderation: the menu offers Ban; Delete for everyone is allowed on Alice's post.
  await inView(mod, post);
  await post.click({ button: 'right' });
  const menu = mod.getByTestId('message-menu');
  await menu.getByTestId('message-menu-ban').waitFor();
  await expectAccessible(mod, 'moderator message menu', { include: '[data-testid="message-menu"]' });
  await menu.getByTestId('message-menu-delete').click();
  const everyone = mod.getByTestId('delete-scope-everyone');
  expect(await everyone.isChecked()).toBe(true);
  await mod.getByTestId('dialog-confirm').click();
  // Its text goes at both ends (Alice's copy when the server's deletion reaches her): in the stores, and
  // from the screens while the rows are in view.
  const gone = async (host: WebHost): Promise<void> => {
    for (let i = 0; i < 180; i++) {
      const room = (await host.backend.handlers['conversations.list']({})).find((c) => c.kind === 'community');
      const rows = await host.backend.handlers['messages.list']({ conversationId: room!.id, limit: 20 });
      if (!rows.some((m) => m.text === CAPTION)) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the deleted post is still stored');
  };
  await gone(modHost);
  await gone(hosts[0]!);
  await mod.getByTestId('message-text').filter({ hasText: CAPTION }).waitFor({ state: 'detached' });
  await alice.getByTestId('message-text').filter({ hasText: CAPTION }).waitFor({ state: 'detached' });
  await screenshot(alice, 'deleted');
  // The room's settings show the moderator the Admin Settings.
  await mod.getByTestId('conversation-title-button').click();
  await mod.getByTestId('conversation-settings-ban-user').waitFor();
  await expectAccessible(mod, 'community settings (moderator)', { include: '[data-testid="conversation-settings"]' });
  await screenshot(mod, 'settings');
  await mod.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

it('the moderator writes to Alice from her name in the room; with community message requests on, she gets the request', async () => {
  // Alice allows message requests from community members (Settings ▸ Privacy), then says something.
  await alice.getByTestId('open-settings').click();
  await alice.getByTestId('settings-nav-privacy').click();
  await alice.getByTestId('setting-communityMessageRequests').click();
  await alice.locator('[data-testid="setting-communityMessageRequests"][aria-checked="true"]').waitFor();
  await alice.keyboard.press('Escape');
  await alice.keyboard.press('Escape');
  await alice.getByTestId('composer-input').fill('anyone here?');
  await alice.getByTestId('composer-input').press('Enter');
  const ask = mod.getByTestId('message').filter({ hasText: 'anyone here?' });
  await inView(mod, ask);
  // The moderator: her name opens her profile (a blinded id), "Message" opens the conversation.
  await inView(mod, ask.getByTestId('message-sender'));
  await ask.getByTestId('message-sender').click();
  const profile = mod.getByTestId('member-profile');
  expect(await profile.getByTestId('member-profile-id').textContent()).toMatch(/^15[0-9a-f]{64}$/);
  await expectAccessible(mod, 'member profile', { include: '[data-testid="member-profile"]' });
  await profile.getByTestId('member-profile-message').click();
  expect(await mod.getByTestId('conversation-blinded-via').textContent()).toBe('via Lobby');
  await mod.getByTestId('composer-input').fill('hello from the moderator');
  await mod.getByTestId('composer-input').press('Enter');
  await mod.locator('[data-testid="message"][data-direction="outgoing"][data-status="sent"]').filter({ hasText: 'hello from the moderator' }).waitFor({ timeout: 45_000 });
  // Alice: a message request.
  await alice.getByTestId('requests-banner').waitFor({ timeout: 45_000 });
  await alice.getByTestId('requests-banner').click();
  await alice.getByTestId('conversation-row').first().click();
  await alice.getByTestId('message-text').filter({ hasText: 'hello from the moderator' }).waitFor();
  await screenshot(alice, 'blinded-request');
  expect(errors).toEqual([]);
});
