// Link previews for the composer (spec messaging §6.3, spec/ui.md §4.8): the backend fetches the page itself,
// so the web host and the CLI behave as the app does, and only when the user turned "Send Link Previews" on.
// The fetch is deliberately narrow: GET over https only, no cookies, no referrer, a fixed user agent, one
// deadline per page and per image, at most MAX_REDIRECTS redirects (each target checked again), the first
// MAX_HTML_BYTES of a page, images of at most MAX_IMAGE_BYTES with an image type. Every address a host
// resolves to is checked before connecting (our own DNS lookup, IPv4 and IPv6 with their embedded-IPv4
// forms), and the connected peer once more, so neither a private or local address nor a DNS rebind is
// ever reached. The image goes through staging (decoded, re-encoded, metadata stripped) like any attachment.
import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import { MEDIA_CHUNK_BYTES, type LinkPreviewDraft } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { previewRefusal } from '../../ipc/links';
import type { Logger } from '../log';
import { normalizePreviewTitle } from './linkPreviewContent';
import type { StagingService } from './staging';

/** Deadline of one fetch (the page with its redirects, or the image with its redirects). */
export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_REDIRECTS = 3;
/** Bytes of a page read; the rest is not downloaded (the connection is closed). */
export const MAX_HTML_BYTES = 256 * 1024;
export const MAX_IMAGE_BYTES = 1024 * 1024;
/** Sent with every request: the same for everyone, so it tells a site nothing about this device. */
export const LINK_PREVIEW_USER_AGENT = 'Mozilla/5.0 (compatible; SessionLinkPreview/1.0)';

export const PREVIEWS_OFF_MESSAGE =
  'Link previews are off. Turn on "Send Link Previews" in Privacy settings to use them.';
export const NOT_HTTPS_MESSAGE = 'Link previews are only made for secure (https) links.';
export const SNEAKY_MESSAGE = 'No preview is made for this link: it is not a plain web address.';
export const PRIVATE_ADDRESS_MESSAGE =
  'No preview is made for this link: it leads to a private or local network address.';

/**
 * Tests only: lets the fetcher reach loopback servers and trust a test certificate authority. Set through the
 * backend's engine options, which no host fills from user input; production builds never pass it.
 */
export interface LinkPreviewTestSeam {
  allowLoopback: true;
  /** PEM of the test CA, trusted in addition to nothing else (it replaces the system roots). */
  ca: string;
}

export interface LinkPreviewLimits {
  timeoutMs: number;
  maxRedirects: number;
  maxHtmlBytes: number;
  maxImageBytes: number;
}

/** Resolves a host name to every address it has (default: the system resolver). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface LinkPreviewService {
  /** The preview of `url`, or null when the page has none (or could not be fetched); throws IpcError for a refused URL. */
  fetch(url: string): Promise<LinkPreviewDraft | null>;
}

// ---------------------------------------------------------------------------------------------------
// Addresses

function ipv4Bytes(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return out.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? out : undefined;
}

/** The 16 bytes of an IPv6 address (zone id dropped, embedded dotted IPv4 allowed); undefined if malformed. */
function ipv6Bytes(input: string): number[] | undefined {
  let ip = input.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  if (!net.isIPv6(ip)) return undefined;
  const lastColon = ip.lastIndexOf(':');
  const tail = ip.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4Bytes(tail);
    if (!v4) return undefined;
    const [a, b, c, e] = v4 as [number, number, number, number];
    ip = `${ip.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | e).toString(16)}`;
  }
  const [left, right] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const parse = (s: string | undefined): number[] =>
    s === undefined || s === ''
      ? []
      : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
  const l = parse(left);
  const r = parse(right);
  const fill = right === undefined ? 0 : 8 - l.length - r.length;
  if (fill < 0) return undefined;
  const groups = [...l, ...new Array<number>(fill).fill(0), ...r];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g))) return undefined;
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

type V4 = number[];
const inV4 = (b: V4, net4: [number, number, number, number], bits: number): boolean => {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if (((b[i] as number) & mask) !== (net4[i] & mask)) return false;
  }
  return true;
};

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const V4_BLOCKED: [[number, number, number, number], number][] = [
  [[0, 0, 0, 0], 8], // "this network", unspecified
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

function v4Allowed(b: V4, allowLoopback: boolean): boolean {
  if (allowLoopback && inV4(b, [127, 0, 0, 0], 8)) return true;
  return !V4_BLOCKED.some(([n, bits]) => inV4(b, n, bits));
}

const startsWith = (b: number[], prefix: number[], bits: number): boolean => {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((b[i] as number) & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
};

/**
 * Whether a fetch may connect to `ip`: a public unicast address. IPv6 must be global unicast (2000::/3)
 * outside the special blocks; IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms are judged by the IPv4
 * address they carry. `allowLoopback` (the test seam) admits 127.0.0.0/8 and ::1 only.
 */
export function isAllowedAddress(ip: string, allowLoopback = false): boolean {
  const v4 = ipv4Bytes(ip);
  if (v4) return net.isIPv4(ip) && v4Allowed(v4, allowLoopback);
  const b = ipv6Bytes(ip);
  if (!b) return false;
  const embedded = (from: number): V4 => b.slice(from, from + 4);
  const zeros = (n: number): boolean => b.slice(0, n).every((x) => x === 0);
  if (zeros(15) && b[15] === 1) return allowLoopback; // ::1
  if (zeros(10) && b[10] === 0xff && b[11] === 0xff) return v4Allowed(embedded(12), allowLoopback); // ::ffff:a.b.c.d
  if (zeros(12)) return false; // :: and the deprecated IPv4-compatible form
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b], 96)) return v4Allowed(embedded(12), false); // NAT64 64:ff9b::/96
  if (startsWith(b, [0x20, 0x02], 16)) return v4Allowed(embedded(2), false); // 6to4 2002::/16
  if (!startsWith(b, [0x20], 3)) return false; // not global unicast: ULA, link-local, multicast, ...
  if (startsWith(b, [0x20, 0x01, 0x00, 0x00], 23)) return false; // IETF protocol assignments, Teredo
  if (startsWith(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return false; // documentation
  if (startsWith(b, [0x3f, 0xff], 20)) return false; // documentation (RFC 9637)
  return true;
}

// ---------------------------------------------------------------------------------------------------
// HTML

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  times: '×',
  divide: '÷',
  deg: '°',
};

/** Decodes HTML character references (numeric, and the named ones titles use); unknown names stay as written. */
export function decodeHtmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** A title as shown: entities decoded, then normalized as every preview title is (at most 200 code points). */
export function cleanTitle(raw: string): string | undefined {
  return normalizePreviewTitle(decodeHtmlEntities(raw));
}

const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!out.has(name)) out.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/**
 * The text of the first <title> element, up to the first </title> after it. Searched in two steps: one
 * pattern with a lazy body retried the body's search from every later "<title" when no "</title>" came.
 */
function titleElementText(text: string): string | undefined {
  const open = /<title\b[^>]*>/i.exec(text);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const close = /<\/title\s*>/i.exec(text.slice(start));
  return close ? text.slice(start, start + close.index) : undefined;
}

/** The title (og:title, else <title>) and image URL (og:image, as written) of a page. */
export function parsePreviewHtml(html: string): { title?: string; image?: string } {
  // Comments, scripts and styles can hold anything that looks like a tag.
  const stripped = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  // No tag can end after the last ">": cutting there keeps each search below linear. Otherwise every "<meta"
  // or "<title" without a ">" after it scanned to the end again, and a hostile 256 KB page held the engine
  // for seconds (quadratic).
  const text = stripped.slice(0, stripped.lastIndexOf('>') + 1);
  const meta = new Map<string, string>();
  for (const m of text.matchAll(/<meta\b([^>]*)>/gi)) {
    const attrs = attributesOf(m[1] ?? '');
    const key = (attrs.get('property') ?? attrs.get('name') ?? '').toLowerCase();
    const content = attrs.get('content');
    if (key !== '' && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const og = meta.get('og:title');
  const title =
    (og !== undefined ? cleanTitle(og) : undefined) ??
    cleanTitle(titleElementText(text) ?? '');
  const imageRaw = meta.get('og:image') ?? meta.get('og:image:secure_url') ?? meta.get('og:image:url');
  const image = imageRaw !== undefined ? decodeHtmlEntities(imageRaw).trim() : '';
  return { ...(title !== undefined ? { title } : {}), ...(image !== '' ? { image } : {}) };
}

/** The charset a page declares (Content-Type header, else a <meta> near the top); utf-8 by default. */
function charsetOf(contentType: string, head: Uint8Array): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  const ascii = Buffer.from(head.subarray(0, 2048)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(ascii)?.[1] ?? 'utf-8';
}

function decodeHtml(bytes: Uint8Array, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType, bytes)).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------------
// Fetching

/** A URL or address the fetcher will not go to; `hop` 0 is the URL asked for, later hops are redirects. */
class Refused extends Error {
  constructor(
    readonly reason: 'not-https' | 'sneaky' | 'private-address',
    readonly hop: number,
  ) {
    super(reason);
  }
}

/** The page or image could not be had (status, type, size, time, network); no preview, no error. */
class Unavailable extends Error {}

interface Fetched {
  url: string;
  contentType: string;
  bytes: Uint8Array;
}

type Kind = 'page' | 'image';

export function createLinkPreviewService(d: {
  /** The linkPreviews setting. */
  enabled: () => boolean;
  staging: Pick<StagingService, 'begin' | 'chunk' | 'end' | 'unstage'>;
  log: Logger;
  testSeam?: LinkPreviewTestSeam;
  /** Tests resolve made-up names; default: the system resolver. */
  resolve?: Resolver;
  limits?: Partial<LinkPreviewLimits>;
}): LinkPreviewService {
  const limits: LinkPreviewLimits = {
    timeoutMs: FETCH_TIMEOUT_MS,
    maxRedirects: MAX_REDIRECTS,
    maxHtmlBytes: MAX_HTML_BYTES,
    maxImageBytes: MAX_IMAGE_BYTES,
    ...d.limits,
  };
  const allowLoopback = d.testSeam?.allowLoopback === true;
  const resolve = d.resolve ?? systemResolver;

  const checkUrl = (url: string, hop: number): URL => {
    const refusal = previewRefusal(url);
    if (refusal) throw new Refused(refusal, hop);
    const u = new URL(url);
    // An address written in the URL is never looked up: judge it here.
    const literal = u.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(literal) !== 0 && !isAllowedAddress(literal, allowLoopback))
      throw new Refused('private-address', hop);
    return u;
  };

  /** Every address of the host must be allowed (one bad answer refuses it: a rebind mixes good and bad). */
  const lookupFor =
    (hop: number, refused: (e: Refused) => void): net.LookupFunction =>
    (hostname, options, callback) => {
      resolve(hostname).then(
        (addresses) => {
          if (addresses.length === 0)
            return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 4);
          if (addresses.some((a) => !isAllowedAddress(a.address, allowLoopback))) {
            const e = new Refused('private-address', hop);
            refused(e);
            return callback(Object.assign(new Error('refused address'), { code: 'EREFUSED' }), '', 4);
          }
          const usable =
            options.family === 4 || options.family === 6
              ? addresses.filter((a) => a.family === options.family)
              : addresses;
          if (usable.length === 0)
            return callback(
              Object.assign(new Error('no address of that family'), { code: 'ENOTFOUND' }),
              '',
              4,
            );
          if (options.all)
            return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(
              null,
              usable,
            );
          const first = usable[0] as { address: string; family: number };
          return callback(null, first.address, first.family);
        },
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), '', 4),
      );
    };

  /** One GET; resolves with the response (body not read yet), or rejects. */
  const get = (url: URL, kind: Kind, hop: number, signal: AbortSignal): Promise<IncomingMessage> =>
    new Promise((resolveResponse, reject) => {
      let refusal: Refused | undefined;
      const req = https.request(url, {
        method: 'GET',
        agent: false,
        signal,
        lookup: lookupFor(hop, (e) => (refusal = e)),
        headers: {
          'User-Agent': LINK_PREVIEW_USER_AGENT,
          Accept: kind === 'page' ? 'text/html,application/xhtml+xml' : 'image/*',
          'Accept-Encoding': 'identity',
        },
        ...(d.testSeam ? { ca: d.testSeam.ca } : {}),
      });
      req.on('response', (res) => {
        // The peer actually connected to, checked again (the lookup already judged it).
        const peer = res.socket.remoteAddress;
        if (peer === undefined || !isAllowedAddress(peer, allowLoopback)) {
          res.destroy();
          req.destroy();
          reject(new Refused('private-address', hop));
          return;
        }
        resolveResponse(res);
      });
      req.on('error', (err) => reject(refusal ?? err));
      req.end();
    });

  const readBody = (res: IncomingMessage, max: number, truncate: boolean): Promise<Uint8Array> =>
    new Promise((resolveBody, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        const all = Buffer.concat(chunks);
        resolveBody(new Uint8Array(all.buffer, all.byteOffset, Math.min(all.length, max)));
      };
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        chunks.push(chunk);
        total += chunk.length;
        if (total > max) {
          // Enough read: the rest is never downloaded.
          res.destroy();
          if (truncate) finish();
          else {
            done = true;
            reject(new Unavailable('too large'));
          }
        }
      });
      res.on('end', finish);
      res.on('error', (err) => {
        if (!done) {
          done = true;
          reject(err);
        }
      });
      res.on('close', () => {
        if (!done) {
          done = true;
          reject(new Unavailable('connection closed early'));
        }
      });
    });

  /** Follows redirects (each checked like the first URL) and reads the body within the kind's limits. */
  const fetchResource = async (start: string, kind: Kind): Promise<Fetched> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    try {
      let url = checkUrl(start, 0);
      for (let hop = 0; ; hop++) {
        const res = await get(url, kind, hop, controller.signal);
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status)) {
          const location = res.headers.location;
          res.destroy();
          if (hop >= limits.maxRedirects) throw new Unavailable('too many redirects');
          if (location === undefined || location === '') throw new Unavailable('redirect without location');
          let next: string;
          try {
            next = new URL(location, url).href;
          } catch {
            throw new Unavailable('bad redirect location');
          }
          url = checkUrl(next, hop + 1);
          continue;
        }
        if (status < 200 || status > 299) {
          res.destroy();
          throw new Unavailable(`status ${status}`);
        }
        const contentType = (res.headers['content-type'] ?? '').toLowerCase();
        const encoding = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
        const typeOk =
          kind === 'page'
            ? /^(text\/html|application\/xhtml\+xml)\b/.test(contentType)
            : contentType.startsWith('image/');
        if (!typeOk || encoding !== 'identity') {
          res.destroy();
          throw new Unavailable(`content type ${contentType || 'none'}`);
        }
        const max = kind === 'page' ? limits.maxHtmlBytes : limits.maxImageBytes;
        const declared = Number(res.headers['content-length']);
        if (kind === 'image' && Number.isFinite(declared) && declared > max) {
          res.destroy();
          throw new Unavailable('image too large');
        }
        const bytes = await readBody(res, max, kind === 'page');
        return { url: url.href, contentType, bytes };
      }
    } catch (err) {
      if (err instanceof Refused || err instanceof Unavailable) throw err;
      throw new Unavailable(
        controller.signal.aborted ? 'timed out' : err instanceof Error ? err.message : String(err),
      );
    } finally {
      clearTimeout(timer);
    }
  };

  /** Fetches and stages the image; undefined when there is none fit to send. */
  const stageImage = async (url: string): Promise<string | undefined> => {
    let fetched: Fetched;
    try {
      fetched = await fetchResource(url, 'image');
    } catch (err) {
      d.log.info(`linkPreview: no image (${err instanceof Error ? err.message : 'failed'})`);
      return undefined;
    }
    if (fetched.bytes.length === 0) return undefined;
    let stageId: string | undefined;
    try {
      ({ stageId } = d.staging.begin({ size: fetched.bytes.length, contentType: fetched.contentType }));
      for (let offset = 0; offset < fetched.bytes.length; offset += MEDIA_CHUNK_BYTES) {
        const chunk = fetched.bytes.subarray(offset, offset + MEDIA_CHUNK_BYTES);
        d.staging.chunk({
          stageId,
          offset,
          dataBase64: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'),
        });
      }
      const staged = await d.staging.end({ stageId });
      // Only a still image staging decoded and re-encoded (metadata gone) is sent; anything else is dropped.
      if (
        (staged.contentType === 'image/jpeg' || staged.contentType === 'image/png') &&
        staged.width !== undefined
      )
        return staged.stageId;
      d.staging.unstage(stageId);
      d.log.info(`linkPreview: image not usable (${staged.contentType})`);
      return undefined;
    } catch (err) {
      // A refused file is already dropped by staging; anything else is dropped here.
      if (stageId !== undefined) {
        try {
          d.staging.unstage(stageId);
        } catch {
          // already gone
        }
      }
      d.log.info(`linkPreview: image not staged (${err instanceof Error ? err.message : 'failed'})`);
      return undefined;
    }
  };

  const refusedError = (e: Refused): IpcError =>
    new IpcError(
      'invalid_params',
      e.reason === 'not-https'
        ? NOT_HTTPS_MESSAGE
        : e.reason === 'sneaky'
          ? SNEAKY_MESSAGE
          : PRIVATE_ADDRESS_MESSAGE,
      e.reason,
    );

  return {
    async fetch(url) {
      if (!d.enabled()) throw new IpcError('unavailable', PREVIEWS_OFF_MESSAGE);
      const asked = url.trim();
      let page: Fetched;
      try {
        page = await fetchResource(asked, 'page');
      } catch (err) {
        // The URL itself is refused: say why. A redirect to somewhere refused, or a failed fetch: no preview.
        if (err instanceof Refused && err.hop === 0) throw refusedError(err);
        d.log.info(`linkPreview: no preview (${err instanceof Error ? err.message : 'failed'})`);
        return null;
      }
      const parsed = parsePreviewHtml(decodeHtml(page.bytes, page.contentType));
      let imageStageId: string | undefined;
      if (parsed.image !== undefined) {
        let imageUrl: string | undefined;
        try {
          imageUrl = new URL(parsed.image, page.url).href;
        } catch {
          imageUrl = undefined;
        }
        if (imageUrl !== undefined) imageStageId = await stageImage(imageUrl);
      }
      if (parsed.title === undefined && imageStageId === undefined) return null;
      return {
        url: asked,
        ...(parsed.title !== undefined ? { title: parsed.title } : {}),
        ...(imageStageId !== undefined ? { imageStageId } : {}),
      };
    },
  };
}
