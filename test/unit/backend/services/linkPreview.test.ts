// The link-preview fetcher against a real loopback HTTPS server signed by a throwaway test CA: titles and
// og tags, the image staged (re-encoded, EXIF gone), redirect, size and time limits, what is sent (fixed user
// agent, no cookie, no referrer), and every refusal: the setting off, http, sneaky URLs, and private or
// loopback addresses in production mode, whether written in the URL, resolved by DNS (a rebind mixing a
// public and a private answer included) or reached through a redirect.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openBackend, type Backend } from '../../../../ts/backend';
import { createStagedFileStore } from '../../../../ts/backend/db/stagedFileStore';
import { silentLogger } from '../../../../ts/backend/log';
import { createFileStore } from '../../../../ts/backend/media/fileStore';
import {
  LINK_PREVIEW_USER_AGENT,
  MAX_HTML_BYTES,
  cleanTitle,
  createLinkPreviewService,
  isAllowedAddress,
  parsePreviewHtml,
  type LinkPreviewLimits,
  type LinkPreviewService,
  type Resolver,
} from '../../../../ts/backend/services/linkPreview';
import { createStagingService, type StagingService } from '../../../../ts/backend/services/staging';
import { IpcError } from '../../../../ts/ipc/errors';
import {
  htmlPage,
  makeTestPki,
  startPlainServer,
  startPreviewServer,
  type PreviewServer,
  type TestPki,
} from '../../../support/previewServer';
import { encryptedTestDb } from '../db/testDb';

jest.setTimeout(30_000);

const rand = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

let pki: TestPki;
let server: PreviewServer;
let plain: PreviewServer;
let png: Buffer;
let bigPng: Buffer;

beforeAll(async () => {
  pki = makeTestPki(['preview.test', 'rebind.test']);
  server = await startPreviewServer(pki);
  plain = await startPlainServer();
  png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 10, b: 10 } } })
    .png()
    .withExif({ IFD0: { Make: 'LeakyCam', Copyright: 'secret-place' } })
    .toBuffer();
  // Noise does not compress: well over the 1 MiB image limit.
  bigPng = await sharp({
    create: {
      width: 1200,
      height: 1200,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const o = server.origin;
  const html = (body: string) => ({ body });
  const r = server.routes;
  r.set(
    '/page',
    html(
      htmlPage(
        `<title>Fallback</title><meta property="og:title" content="Tom &amp; Jerry&#39;s &#x1F600; page"><meta property="og:image" content="/img.png">`,
      ),
    ),
  );
  r.set('/title-only', html(htmlPage(`<title>\n   Just    a\ttitle  </title>`)));
  r.set('/long-title', html(htmlPage(`<title>${'é'.repeat(300)}</title>`)));
  r.set('/nothing', html(htmlPage('<meta charset="utf-8">')));
  r.set('/img.png', { headers: { 'Content-Type': 'image/png' }, body: png });
  r.set('/big.png', { headers: { 'Content-Type': 'image/png' }, body: bigPng });
  r.set('/text-image', { headers: { 'Content-Type': 'text/plain' }, body: 'not an image' });
  r.set(
    '/with-big-image',
    html(
      htmlPage(
        `<meta property="og:title" content="Big image"><meta property="og:image" content="${o}/big.png">`,
      ),
    ),
  );
  r.set(
    '/with-text-image',
    html(
      htmlPage(
        `<meta property="og:title" content="Text image"><meta property="og:image" content="/text-image">`,
      ),
    ),
  );
  r.set('/json', { headers: { 'Content-Type': 'application/json' }, body: '{"title":"no"}' });
  r.set('/missing-redirect', { status: 302, headers: {} });
  // Redirect chains: /hop/N redirects N more times, then to the page.
  for (let n = 1; n <= 4; n++)
    r.set(`/hop/${n}`, {
      status: 302,
      headers: { Location: n === 1 ? '/page' : `/hop/${n - 1}`, 'Set-Cookie': `tracker=${n}; Path=/` },
    });
  r.set('/to-http', { status: 301, headers: { Location: `${plain.origin}/page` } });
  plain.routes.set('/page', html(htmlPage('<title>insecure</title>')));
  r.set('/to-userinfo', {
    status: 302,
    headers: { Location: `https://user:pw@127.0.0.1:${server.port}/page` },
  });
  // 1 MiB page: the title near the start is found, one past the first 256 KiB is not.
  const filler = `<p>${'x'.repeat(1024 * 1024)}</p>`;
  r.set('/big-early', html(`<html><head><title>Early title</title></head><body>${filler}</body></html>`));
  r.set(
    '/big-late',
    html(
      `<html><head><!-- ${'y'.repeat(MAX_HTML_BYTES)} --><title>Late title</title></head><body>${filler}</body></html>`,
    ),
  );
  r.set('/hang', { hang: true });
  r.set('/latin1', {
    headers: { 'Content-Type': 'text/html; charset=iso-8859-1' },
    body: Buffer.from(htmlPage('<title>Caf\u00e9 cr\u00e8me</title>'), 'latin1'),
  });
});

afterAll(async () => {
  await server?.close();
  await plain?.close();
});

const refusal = async (p: Promise<unknown>): Promise<IpcError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IpcError);
  return err as IpcError;
};

describe('fetching', () => {
  const testDb = encryptedTestDb('link-preview-');
  let profileDir = '';
  let staging: StagingService;
  let enabled = true;

  beforeEach(() => {
    enabled = true;
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'link-preview-files-'));
    const files = createFileStore({ profileDir, db: testDb.db, randomBytes: rand, log: silentLogger });
    staging = createStagingService({
      store: createStagedFileStore(testDb.db),
      files,
      log: silentLogger,
      now: () => 1,
      randomBytes: rand,
    });
  });
  afterEach(() => fs.rmSync(profileDir, { recursive: true, force: true }));

  /** The fetcher as tests run it: with the seam (loopback and the test CA) unless `production`. */
  function fetcher(
    o: { production?: boolean; resolve?: Resolver; limits?: Partial<LinkPreviewLimits> } = {},
  ): LinkPreviewService {
    return createLinkPreviewService({
      enabled: () => enabled,
      staging,
      log: silentLogger,
      ...(o.production ? {} : { testSeam: { allowLoopback: true, ca: pki.ca } }),
      ...(o.resolve ? { resolve: o.resolve } : {}),
      ...(o.limits ? { limits: o.limits } : {}),
    });
  }

  async function stagedBytes(stageId: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    let offset = 0;
    for (;;) {
      const r = staging.read({ stageId, offset });
      const chunk = Buffer.from(r.dataBase64, 'base64');
      parts.push(chunk);
      offset += chunk.length;
      if (offset >= r.total) return Buffer.concat(parts);
    }
  }

  describe('what is fetched and kept', () => {
    it('takes og:title over <title>, decodes entities, and stages the og:image re-encoded without its EXIF', async () => {
      const url = `${server.origin}/page`;
      const draft = await fetcher().fetch(url);
      expect(draft).toMatchObject({ url, title: "Tom & Jerry's \u{1F600} page" });
      expect(draft?.imageStageId).toBeDefined();
      const bytes = await stagedBytes(draft?.imageStageId as string);
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([64, 48]);
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('secret-place'))).toBe(false);
    });

    it('uses <title> when there is no og:title, trimmed with white space collapsed; at most 200 characters', async () => {
      expect(await fetcher().fetch(`${server.origin}/title-only`)).toEqual({
        url: `${server.origin}/title-only`,
        title: 'Just a title',
      });
      expect((await fetcher().fetch(`${server.origin}/long-title`))?.title).toBe('é'.repeat(200));
      expect((await fetcher().fetch(`${server.origin}/latin1`))?.title).toBe('Café crème');
    });

    it('gives null for a page with neither title nor image, a non-HTML answer, an error status or a redirect without target', async () => {
      expect(await fetcher().fetch(`${server.origin}/nothing`)).toBeNull();
      expect(await fetcher().fetch(`${server.origin}/json`)).toBeNull();
      expect(await fetcher().fetch(`${server.origin}/absent`)).toBeNull();
      expect(await fetcher().fetch(`${server.origin}/missing-redirect`)).toBeNull();
    });

    it('keeps the title without an image when the image is over 1 MiB or not an image', async () => {
      expect(bigPng.length).toBeGreaterThan(1024 * 1024);
      expect(await fetcher().fetch(`${server.origin}/with-big-image`)).toEqual({
        url: `${server.origin}/with-big-image`,
        title: 'Big image',
      });
      expect(await fetcher().fetch(`${server.origin}/with-text-image`)).toEqual({
        url: `${server.origin}/with-text-image`,
        title: 'Text image',
      });
    });

    it('sends a fixed user agent and no cookie or referrer, even after a redirect that set a cookie', async () => {
      const before = server.requests.length;
      expect((await fetcher().fetch(`${server.origin}/hop/2`))?.title).toBe("Tom & Jerry's \u{1F600} page");
      const seen = server.requests.slice(before);
      expect(seen.map((r) => r.path)).toEqual(['/hop/2', '/hop/1', '/page', '/img.png']);
      for (const r of seen) {
        expect(r.headers['user-agent']).toBe(LINK_PREVIEW_USER_AGENT);
        expect(r.headers.cookie).toBeUndefined();
        expect(r.headers.referer).toBeUndefined();
      }
    });
  });

  describe('limits', () => {
    it('follows at most 3 redirects', async () => {
      expect((await fetcher().fetch(`${server.origin}/hop/3`))?.title).toBeDefined();
      const before = server.requests.length;
      expect(await fetcher().fetch(`${server.origin}/hop/4`)).toBeNull();
      expect(server.requests.slice(before).map((r) => r.path)).toEqual([
        '/hop/4',
        '/hop/3',
        '/hop/2',
        '/hop/1',
      ]);
    });

    it('reads at most 256 KiB of a page and closes the connection', async () => {
      expect((await fetcher().fetch(`${server.origin}/big-early`))?.title).toBe('Early title');
      expect(await fetcher().fetch(`${server.origin}/big-late`)).toBeNull();
      await new Promise((r) => setTimeout(r, 100));
      expect(server.cutShort).toEqual(expect.arrayContaining(['/big-early', '/big-late']));
    });

    it('gives up at the deadline on a server that never answers', async () => {
      const started = Date.now();
      expect(await fetcher({ limits: { timeoutMs: 300 } }).fetch(`${server.origin}/hang`)).toBeNull();
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('does not follow a redirect to http or to a URL with credentials', async () => {
      expect(await fetcher().fetch(`${server.origin}/to-http`)).toBeNull();
      expect(await fetcher().fetch(`${server.origin}/to-userinfo`)).toBeNull();
      expect(plain.connections()).toBe(0);
    });
  });

  describe('refusals', () => {
    it('refuses everything while the setting is off', async () => {
      enabled = false;
      const before = server.connections();
      const err = await refusal(fetcher().fetch(`${server.origin}/page`));
      expect(err.code).toBe('unavailable');
      expect(err.message).toMatch(/Send Link Previews/);
      expect(server.connections()).toBe(before);
    });

    it('refuses http and sneaky URLs with a reason, before connecting', async () => {
      const f = fetcher();
      const before = server.connections();
      expect((await refusal(f.fetch(`http://127.0.0.1:${plain.port}/page`))).message).toMatch(/https/);
      for (const sneaky of [
        `https://user:pw@127.0.0.1:${server.port}/page`,
        'https://localhost/',
        'https://example..com/',
        'https://exa%6Dple.com/',
        'https://gеtsession.org/', // Cyrillic "е"
        'https://xn--gtsession-9yf.org/',
        `https://example.com/${'a'.repeat(4100)}`,
        'not a url',
      ]) {
        const err = await refusal(f.fetch(sneaky));
        expect([err.code, err.detail]).toEqual(['invalid_params', 'sneaky']);
      }
      expect(server.connections()).toBe(before);
      expect(plain.connections()).toBe(0);
    });

    it('in production never connects to loopback: not written in the URL, not resolved by DNS, not through a rebind', async () => {
      const before = server.connections();
      const prod = fetcher({
        production: true,
        resolve: async (host) =>
          host === 'rebind.test'
            ? [
                { address: '93.184.215.14', family: 4 },
                { address: '127.0.0.1', family: 4 },
              ]
            : [{ address: '127.0.0.1', family: 4 }],
      });
      // [::1] has no dotted labels: refused as sneaky before any address is judged.
      expect((await refusal(prod.fetch(`https://[::1]:${server.port}/page`))).detail).toBe('sneaky');
      for (const url of [
        `${server.origin}/page`,
        `https://preview.test:${server.port}/page`,
        `https://rebind.test:${server.port}/page`,
      ]) {
        const err = await refusal(prod.fetch(url));
        expect([err.code, err.detail]).toEqual(['invalid_params', 'private-address']);
      }
      // An address mapped into IPv6 is judged by its IPv4 part.
      const mapped = fetcher({
        production: true,
        resolve: async () => [{ address: '::ffff:127.0.0.1', family: 6 }],
      });
      expect((await refusal(mapped.fetch(`https://preview.test:${server.port}/page`))).detail).toBe(
        'private-address',
      );
      expect(server.connections()).toBe(before);
    });

    it('with the seam, a host resolved to loopback is fetched (and a redirect into a private network is not followed)', async () => {
      const f = fetcher({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
      expect((await f.fetch(`https://preview.test:${server.port}/title-only`))?.title).toBe('Just a title');
      server.routes.set('/to-private', { status: 302, headers: { Location: 'https://10.0.0.1/page' } });
      expect(await f.fetch(`https://preview.test:${server.port}/to-private`)).toBeNull();
    });

    it('in production the test CA is not trusted either', async () => {
      // Loopback allowed but no test CA: the system roots do not know it, so there is no preview.
      const noCa = createLinkPreviewService({
        enabled: () => true,
        staging,
        log: silentLogger,
        testSeam: { allowLoopback: true, ca: '' },
      });
      expect(await noCa.fetch(`${server.origin}/page`)).toBeNull();
    });
  });
});

describe('addresses', () => {
  it.each([
    ['93.184.215.14', true],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false],
    ['127.255.1.2', false],
    ['0.0.0.0', false],
    ['10.1.2.3', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['198.18.0.1', false],
    ['224.0.0.1', false],
    ['239.255.255.250', false],
    ['255.255.255.255', false],
    ['::', false],
    ['::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::127.0.0.1', false],
    ['64:ff9b::7f00:1', false],
    ['64:ff9b::808:808', true],
    ['2002:7f00:1::', false],
    ['2002:808:808::1', true],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['2001::1', false],
    ['not-an-ip', false],
    ['1.2.3', false],
  ])('%s allowed: %s', (ip, allowed) => {
    expect(isAllowedAddress(ip)).toBe(allowed);
  });

  it('the seam admits loopback only', () => {
    expect(isAllowedAddress('127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('::1', true)).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', true)).toBe(true);
    expect(isAllowedAddress('10.0.0.1', true)).toBe(false);
    expect(isAllowedAddress('169.254.169.254', true)).toBe(false);
  });
});

describe('parsing', () => {
  it('reads og:title, og:image and <title> in any attribute order and quoting, ignoring comments and scripts', () => {
    expect(
      parsePreviewHtml(
        `<META content='A &lt;b&gt; title' property=og:title><meta name="og:image" content="https://x.org/a.png?x=1&amp;y=2">`,
      ),
    ).toEqual({
      title: 'A <b> title',
      image: 'https://x.org/a.png?x=1&y=2',
    });
    expect(
      parsePreviewHtml('<!-- <title>no</title> --><script>"<title>no</title>"</script><title>yes</title>'),
    ).toEqual({ title: 'yes' });
    expect(parsePreviewHtml('<meta property="og:title" content="   "><title>fallback</title>')).toEqual({
      title: 'fallback',
    });
    expect(parsePreviewHtml('<p>nothing</p>')).toEqual({});
  });

  it('cleans titles: control characters, direction overrides, invalid references', () => {
    expect(cleanTitle('a\u202eb\u0000c &#0; &#xD800; &bogus;')).toBe('a b c \ufffd \ufffd &bogus;');
    expect(cleanTitle('   ')).toBeUndefined();
  });
});

describe('through the backend', () => {
  let root = '';
  let backend: Backend | undefined;
  afterEach(async () => {
    await backend?.close();
    backend = undefined;
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  const open = async (seam: boolean): Promise<Backend> => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'link-preview-backend-'));
    return openBackend({
      dataDir: root,
      host: 'cli',
      appVersion: '0.0.0',
      logger: silentLogger,
      engine: {
        startNetwork: false,
        ...(seam ? { linkPreviewTestSeam: { allowLoopback: true, ca: pki.ca } } : {}),
      },
    });
  };

  it('linkPreviews.fetch is refused until the setting is on, then fetches (with the seam)', async () => {
    backend = await open(true);
    const call = () =>
      Promise.resolve().then(() =>
        (backend as Backend).handlers['linkPreviews.fetch']({ url: `${server.origin}/title-only` }),
      );
    expect((await refusal(call())).code).toBe('unavailable');
    await backend.handlers['settings.set']({ key: 'linkPreviews', value: true });
    expect(await call()).toEqual({ url: `${server.origin}/title-only`, title: 'Just a title' });
  });

  it('without the seam (as every host opens it) a loopback server is refused', async () => {
    backend = await open(false);
    await backend.handlers['settings.set']({ key: 'linkPreviews', value: true });
    const before = server.connections();
    const err = await refusal(
      Promise.resolve().then(() =>
        (backend as Backend).handlers['linkPreviews.fetch']({ url: `${server.origin}/page` }),
      ),
    );
    expect(err.detail).toBe('private-address');
    expect(server.connections()).toBe(before);
  });
});
