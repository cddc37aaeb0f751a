// Media end to end in real Chromium: two web hosts (Alice and Bob, accepted contacts) on one devnet.
// Alice attaches an image with the attach button (the file chooser) and a file by drag-and-drop, sees
// them staged with a preview and sends them; Bob sees the image inline, opens it in the lightbox, zooms
// and closes it with Esc, and sees the file row. Alice turns the Microphone setting on and records a
// voice message from Chromium's fake audio device; Bob gets a voice player showing its length. Alice sends a
// video made in the page; both sides show a poster frame drawn from it. Alice sets a profile
// picture; Bob sees it in her avatar. Needs the bundles (node tools/build/build.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { silentLogger } from '../../ts/backend';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { ARTIFACTS, CHROMIUM_ARGS, openShell, requireRendererBundle, STATIC_DIR } from './helpers';

jest.setTimeout(150_000);

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
    engine: { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 }, configPushDelayMs: 0 },
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `media-${name}.png`) });
}

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-media-'));
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 });
  hosts.push(await start('alice'), await start('bob'));
  // A fake microphone (a beeping tone) that the page may use without a permission prompt.
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
});

afterAll(async () => {
  await browser?.close();
  for (const h of hosts) await h.stop();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Gets Alice and Bob talking: Alice writes, Bob accepts the request and replies (attachments need approval). */
async function connect(alice: Page, bob: Page): Promise<string> {
  await bob.getByTestId('open-settings').click();
  const bobId = ((await bob.getByTestId('account-id').locator('code').textContent()) ?? '').trim();
  await bob.keyboard.press('Escape');
  await alice.getByTestId('choose-action-button').click();
  await alice.getByTestId('action-new-message').click();
  await alice.getByTestId('new-message-input').fill(bobId);
  await alice.getByTestId('new-message-next').click();
  await alice.getByTestId('composer-input').fill('hi Bob');
  await alice.getByTestId('composer-input').press('Enter');
  await bob.getByTestId('requests-banner').waitFor({ timeout: 45_000 });
  await bob.getByTestId('requests-banner').click();
  await bob.getByTestId('conversation-row').first().click();
  await bob.getByTestId('request-accept').click();
  await bob.getByTestId('request-bar').waitFor({ state: 'detached' });
  await bob.getByTestId('composer-input').fill('hi Alice');
  await bob.getByTestId('composer-send').click();
  await alice.getByTestId('message-text').filter({ hasText: 'hi Alice' }).waitFor({ timeout: 45_000 });
  // Bob's acceptance may reach Alice in a later update than his reply: files wait for it.
  await alice.locator('[data-testid="composer"]:not([data-awaiting-approval])').waitFor({ timeout: 45_000 });
  return bobId;
}

/** What a host's backend holds of its conversations' attachments, for a failure message. */
async function attachmentStates(host: WebHost): Promise<string> {
  const lines: string[] = [];
  for (const c of await host.backend.handlers['conversations.list']({})) {
    for (const m of await host.backend.handlers['messages.list']({ conversationId: c.id })) {
      for (const a of m.attachments ?? []) lines.push(`"${m.text}" ${m.status}: ${a.fileName ?? '?'} ${a.contentType} ${a.state} ${a.error ?? ''}`);
    }
  }
  return lines.join('\n') || '(no attachments)';
}

/** Waits for `locator`, failing with a screenshot and what the backend holds. */
async function waitShown(page: Page, locator: ReturnType<Page['locator']>, what: string, timeout = 45_000): Promise<void> {
  try {
    await locator.waitFor({ timeout });
  } catch (err) {
    await screenshot(page, `failed-${what.replace(/\W+/g, '-')}`);
    throw new Error(`${what} not shown: ${(err as Error).message.split('\n')[0]}\nattachments in the backends:\n${(await Promise.all(hosts.map(attachmentStates))).join('\n--\n')}`);
  }
}

/** Drops `files` on the element `selector` the way a browser does: dragenter, dragover, drop with one DataTransfer. */
async function dropFiles(page: Page, selector: string, files: Array<{ name: string; type: string; text: string }>): Promise<void> {
  await page.evaluate(
    ({ selector: sel, files: list }) => {
      const target = document.querySelector(sel);
      if (!target) throw new Error(`nothing matches ${sel}`);
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    { selector, files },
  );
}

it('attach by button and by drop, preview, lightbox, a recorded voice message and a profile picture', async () => {
  const [aliceHost, bobHost] = hosts as [WebHost, WebHost];
  const alice = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const bob = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  for (const p of [alice, bob]) p.on('pageerror', (e) => errors.push(e.message));
  await openShell(alice, aliceHost, 'Alice');
  await openShell(bob, bobHost, 'Bob');
  await alice.getByTestId('account-created').waitFor();
  await connect(alice, bob);

  // --- An image by the attach button: staged with its preview, then sent.
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 230, g: 90, b: 40 } } }).jpeg().toBuffer();
  const [chooser] = await Promise.all([alice.waitForEvent('filechooser'), alice.getByRole('button', { name: 'Attach files' }).click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles({ name: 'sunset.jpg', mimeType: 'image/jpeg', buffer: photo });
  const rail = alice.getByRole('group', { name: 'Attachments' });
  await rail.locator('[data-testid="staged-item"][data-status="ready"][data-name="sunset.jpg"]').waitFor();
  const thumb = rail.getByTestId('staged-thumbnail').locator('img');
  await alice.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await thumb.elementHandle());
  // The preview opens larger and closes with Esc, the file staying staged.
  await rail.getByRole('button', { name: 'Preview sunset.jpg' }).click();
  await alice.getByTestId('staged-preview-image').waitFor();
  await screenshot(alice, 'staged-image');
  await alice.keyboard.press('Escape');
  await alice.getByTestId('staged-preview').waitFor({ state: 'detached' });
  await alice.getByTestId('composer-input').fill('the sunset');
  await alice.getByTestId('composer-send').click();
  await rail.waitFor({ state: 'detached' });

  // --- A file dropped on the conversation (images and other files go in separate messages).
  await dropFiles(alice, '[data-testid="conversation-view"]', [{ name: 'notes.txt', type: 'text/plain', text: 'meeting notes\n'.repeat(200) }]);
  await rail.locator('[data-testid="staged-item"][data-status="ready"][data-name="notes.txt"]').waitFor();
  await alice.getByTestId('composer-send').click();
  await rail.waitFor({ state: 'detached' });

  // --- Bob: the image inline, the lightbox (zoom, Esc), the file row.
  const open = bob.getByRole('button', { name: /^Open image/ }).last();
  await waitShown(bob, open, 'the image on Bob’s side');
  await bob.waitForFunction(
    (el) => {
      const img = (el as HTMLElement).querySelector('img');
      return img !== null && img.complete && img.naturalWidth > 0;
    },
    await open.elementHandle(),
    { timeout: 45_000 },
  );
  await bob.getByTestId('message-text').filter({ hasText: 'the sunset' }).waitFor();
  await screenshot(bob, 'image-inline');
  await open.click();
  const viewer = bob.getByRole('dialog', { name: 'Media viewer' });
  await viewer.waitFor();
  const big = viewer.locator('img').first();
  await big.waitFor();
  const before = await big.boundingBox();
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await bob.waitForFunction(
    ({ el, w }) => (el as HTMLElement).getBoundingClientRect().width > w,
    { el: await big.elementHandle(), w: before?.width ?? 0 },
  );
  await screenshot(bob, 'lightbox-zoomed');
  await bob.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  await bob.getByText('notes.txt').waitFor({ timeout: 45_000 });

  // --- Alice turns the Microphone setting on and records a voice message from the fake device.
  await alice.getByTestId('open-settings').click();
  await alice.getByTestId('settings-nav-privacy').click();
  await alice.getByTestId('setting-microphone').click();
  const micOn = async (): Promise<boolean> => (await aliceHost.backend.handlers['settings.getAll']({})).microphone;
  for (let i = 0; i < 50 && !(await micOn()); i++) await alice.waitForTimeout(100);
  expect(await micOn()).toBe(true);
  await alice.keyboard.press('Escape');
  await alice.getByTestId('settings-modal').waitFor({ state: 'detached' });
  await alice.getByRole('button', { name: 'Record voice message' }).click();
  const recorder = alice.getByTestId('voice-recorder');
  await recorder.and(alice.locator('[data-phase="recording"]')).waitFor();
  await alice.waitForTimeout(1_500); // a second and a half of the fake device's tone
  await alice.getByRole('button', { name: 'Stop recording' }).click();
  await recorder.and(alice.locator('[data-phase="recorded"]')).waitFor();
  await alice.getByRole('button', { name: 'Send voice message' }).click();
  await recorder.waitFor({ state: 'detached' });
  const player = bob.getByTestId('audio-player').filter({ has: bob.getByRole('button', { name: 'Play Voice Message' }) });
  await player.waitFor({ timeout: 45_000 });
  // Its length comes from the MP3's frames on Bob's side (the pointer has none): about 1.5 s, before any play.
  await bob.waitForFunction((el) => /^0:0[12]$/.test((el as HTMLElement).querySelector('[data-testid="audio-remaining"]')?.textContent ?? ''), await player.elementHandle(), { timeout: 45_000 });
  await screenshot(bob, 'voice');

  // --- A video (WebM recorded from a canvas in Chromium): both sides get a poster frame drawn from it.
  const webm = Buffer.from(
    await alice.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const ctx = canvas.getContext('2d')!;
      const rec = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm;codecs=vp8' });
      const parts: Blob[] = [];
      rec.ondataavailable = (e) => parts.push(e.data);
      rec.start();
      for (let f = 0; f < 12; f++) {
        ctx.fillStyle = `rgb(${40 + f * 15}, 90, 200)`;
        ctx.fillRect(0, 0, 320, 240);
        await new Promise((r) => setTimeout(r, 70));
      }
      rec.stop();
      await new Promise((r) => (rec.onstop = r));
      const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      return btoa(bin);
    }),
    'base64',
  );
  const [videoChooser] = await Promise.all([alice.waitForEvent('filechooser'), alice.getByRole('button', { name: 'Attach files' }).click()]);
  await videoChooser.setFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: webm });
  await rail.locator('[data-testid="staged-item"][data-status="ready"][data-name="clip.webm"]').waitFor();
  await alice.getByTestId('composer-send').click();
  await rail.waitFor({ state: 'detached' });
  for (const [page, who] of [[bob, 'Bob'], [alice, 'Alice']] as const) {
    const poster = page.locator('[data-testid="attachment-media"][data-kind="video"]').last().getByTestId('attachment-image');
    await waitShown(page, poster, `the video's poster on ${who}'s side`);
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await poster.elementHandle(), { timeout: 45_000 });
  }
  await screenshot(bob, 'video-poster');

  // --- Alice sets a profile picture; her next message carries it to Bob.
  const face = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 40, g: 160, b: 90 } } }).png().toBuffer();
  await alice.getByTestId('open-settings').click();
  await alice.getByTestId('profile-name').click();
  await alice.getByRole('button', { name: 'Set Display Picture' }).click();
  const [pictureChooser] = await Promise.all([alice.waitForEvent('filechooser'), alice.getByRole('button', { name: 'Choose a picture' }).click()]);
  await pictureChooser.setFiles({ name: 'me.png', mimeType: 'image/png', buffer: face });
  await alice.getByTestId('set-display-picture').getByTestId('avatar-picture').waitFor();
  await alice.getByTestId('display-picture-save').click();
  await alice.getByTestId('set-display-picture').waitFor({ state: 'detached' });
  expect((await aliceHost.backend.handlers['account.get']({}))?.avatarVersion).toBeDefined();
  await alice.keyboard.press('Escape');
  await alice.keyboard.press('Escape');
  await alice.getByTestId('settings-modal').waitFor({ state: 'detached' });
  await alice.getByTestId('composer-input').fill('new picture');
  await alice.getByTestId('composer-input').press('Enter');
  await bob.getByTestId('message-text').filter({ hasText: 'new picture' }).waitFor({ timeout: 45_000 });
  const aliceAvatarOnBob = bob.getByTestId('conversation-row').filter({ hasText: 'Alice' }).getByTestId('avatar-picture');
  await aliceAvatarOnBob.waitFor({ timeout: 45_000 });
  await bob.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await aliceAvatarOnBob.elementHandle());
  await screenshot(bob, 'avatar');
  expect(errors).toEqual([]);
});
