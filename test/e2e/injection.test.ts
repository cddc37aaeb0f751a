// HTML and script injection in real Chromium (issue 14, hostile input): Alice (a backend on the devnet,
// sending as any client could) writes to Bob with payloads in her display name, message texts, a quote,
// a link preview's title and a file name: <img onerror>, <script>, javascript: links, </style>, <svg
// onload>, right-to-left overrides and a text at the length limit. Bob's page (web host) shows each literally, runs
// none of it (a flag the payloads would set stays unset, no dialog opens) and gains no element or
// attribute from it. Needs the bundles (npm run test:e2e).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openBackend, silentLogger, type Backend } from '../../ts/backend';
import { safeFileName } from '../../ts/backend/media/fileNames';
import { startWebHost, type WebHost } from '../../ts/web/host';
import { startDevnet, type Devnet } from '../../tools/devnet';
import { waitUntil } from '../support/until';
import { ARTIFACTS, CHROMIUM_ARGS, openShell, requireRendererBundle, STATIC_DIR } from './helpers';

jest.setTimeout(120_000);

/** Every payload sets this window property if it ever runs; its name marks injected markup too. */
const FLAG = '__pwned';
const run = (what: string): string => `window.${FLAG}='${what}'`;

const NAME = `<img src=x onerror="${run('name')}">\u202Egnp.exe`;
const TEXTS = {
  img: `<img src=x onerror="${run('img')}"> look`,
  script: `<script>${run('script')}</script> and </style><style>body{display:none}</style>`,
  link: `[click](javascript:${run('md')}) <a href="javascript:${run('a')}">here</a> javascript:${run('bare')}`,
  svg: `<svg onload="${run('svg')}"></svg><iframe src="javascript:${run('iframe')}"></iframe>`,
  rtl: `invoice \u202Efdp.exe <b>bold?</b> {count} {{name}} \${x}`,
  long: `${'W'.repeat(1_950)}<img src=x onerror="${run('long')}">`,
};
const QUOTING = `replying <img src=x onerror="${run('reply')}">`;
const PREVIEW_URL = 'https://example.com/page';
const PREVIEW_TITLE = `<img src=x onerror="${run('title')}"> Title </title><script>${run('t2')}</script>`;
const FILE_NAME = `<img src=x onerror="${run('file')}">\u202Etxt.exe`;

let devnet: Devnet;
let dataDir: string;
let browser: Browser;
let alice: Backend;
let bobHost: WebHost;

beforeAll(async () => {
  requireRendererBundle();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-e2e-injection-'));
  devnet = await startDevnet({ nodes: 9, swarmSize: 3, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 });
  const engine = { pollIntervalMs: 200, sendRetry: { attempts: 50, minDelayMs: 100, maxDelayMs: 500 } };
  alice = await openBackend({ dataDir, seedUrl: devnet.info.seedUrl, profile: 'alice', host: 'cli', appVersion: '0.0.0', logger: silentLogger, geoipDatabase: null, engine });
  bobHost = await startWebHost({ dataDir, seedUrl: devnet.info.seedUrl, profile: 'bob', staticDir: STATIC_DIR, logger: silentLogger, engine });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await bobHost?.stop();
  await alice?.close();
  await devnet?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Stages a small text file under `fileName` on Alice's backend, as the composer does. */
async function stageFile(fileName: string): Promise<string> {
  const bytes = Buffer.from('just text\n');
  const { stageId } = await alice.handlers['attachments.stageBegin']({ fileName, contentType: 'text/plain', size: bytes.length });
  await alice.handlers['attachments.stageChunk']({ stageId, offset: 0, dataBase64: bytes.toString('base64') });
  await alice.handlers['attachments.stageEnd']({ stageId });
  return stageId;
}

/** Elements or attributes that carry the payloads' marker: markup the page took from message data. */
function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate((flag) => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        // The text of a title or aria-label is text; an attribute that runs code or loads is markup.
        if (a.value.includes(flag) && (a.name.startsWith('on') || a.name === 'href' || a.name === 'src')) found.push(`${el.tagName} ${a.name}`);
      }
      if ((el.tagName === 'SCRIPT' || el.tagName === 'STYLE') && (el.textContent ?? '').includes(flag)) found.push(el.tagName);
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('IMG src=x');
      if (el.tagName === 'IFRAME' || el.tagName === 'SVG' || el.tagName === 'svg') {
        if ((el.outerHTML ?? '').includes(flag)) found.push(el.tagName);
      }
    }
    return found;
  }, FLAG);
}

it('shows hostile names, texts, quotes, preview titles and file names literally and runs none of them', async () => {
  await alice.handlers['account.create']({ displayName: NAME });
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await openShell(page, bobHost, 'Bob');
  const bob = await bobHost.backend.handlers['account.get']({});
  if (!bob) throw new Error('Bob has no account');

  // Bob writes first and Alice accepts, so she may send files; then she sends every payload (the quote
  // replies to her first message; the last one carries a file).
  const alicesId = (await alice.handlers['account.get']({}))!.sessionId;
  await bobHost.backend.handlers['messages.send']({ to: alicesId, text: 'hello Alice' });
  await waitUntil('Bob\'s request at Alice', async () => (await alice.handlers['conversations.list']({ requests: true })).some((c) => c.id === bob.sessionId), 60_000, 200);
  await alice.handlers['conversations.accept']({ id: bob.sessionId });
  const sent = [];
  for (const text of Object.values(TEXTS)) sent.push(await alice.handlers['messages.send']({ to: bob.sessionId, text }));
  await alice.handlers['messages.send']({ to: bob.sessionId, text: QUOTING, quote: { messageId: sent[0]!.id } });
  await alice.handlers['messages.send']({ to: bob.sessionId, text: `see ${PREVIEW_URL}`, preview: { url: PREVIEW_URL, title: PREVIEW_TITLE } });
  await alice.handlers['messages.send']({ to: bob.sessionId, text: 'the file', attachments: [{ stageId: await stageFile(FILE_NAME) }] });

  await page.getByTestId('conversation-row').first().click();
  await page.getByTestId('attachment-file').waitFor({ timeout: 60_000 });
  for (const text of [...Object.values(TEXTS), QUOTING]) {
    // Shown literally: one message whose text is exactly the payload.
    await expect(page.getByTestId('message-text').filter({ hasText: text.slice(-60) }).first().textContent()).resolves.toBe(text);
  }
  await expect(page.getByTestId('message-quote').first().textContent()).resolves.toContain(TEXTS.img);
  await expect(page.getByTestId('message-link-preview-title').first().textContent()).resolves.toBe(PREVIEW_TITLE);
  // The file name is made safe (at both ends) before it is kept: no "<", ">", quotes or direction override;
  // then shown as is (the row shortens it; its title has it whole).
  const fileTitle = (await page.getByTestId('attachment-file-save').first().getAttribute('title')) ?? '';
  expect(fileTitle).not.toMatch(/[<>"\u202e]/);
  expect(fileTitle).toContain(`img src=x onerror=window.${FLAG}='file'`);
  expect(safeFileName(fileTitle)).toBe(fileTitle);
  expect((await page.getByTestId('attachment-file-name').first().textContent()) ?? '').toMatch(/^_?img src=x onerr/);
  // The sender's name: in the header and the list, literally (the override included, isolated by dir=auto).
  await expect(page.getByTestId('conversation-title').first().textContent()).resolves.toContain('<img src=x onerror=');
  // A direction override stays inside the element showing it: each is isolated from the text around it.
  const notIsolated = await page.evaluate(() =>
    ['message-text', 'message-quote', 'message-link-preview-title', 'attachment-file-name', 'conversation-title', 'conversation-row']
      .flatMap((id) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`)).map((el) => [id, el] as const))
      .filter(([, el]) => !Array.from(el.querySelectorAll('*')).concat(el).some((e) => /isolate|plaintext/.test(getComputedStyle(e).unicodeBidi)))
      .map(([id]) => id),
  );
  expect(notIsolated).toEqual([]);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'injection-bob.png') });

  // Nothing ran, nothing was added.
  expect(await page.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag], FLAG)).toBeUndefined();
  expect(await injectedMarkup(page)).toEqual([]);
  // Clicking through a javascript: text opens nothing either.
  const links = page.getByTestId('message-link');
  for (let i = 0; i < (await links.count()); i++) expect(await links.nth(i).getAttribute('href')).not.toMatch(/^\s*javascript:/i);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
});
