// Fuzz targets for the decoders test/unit/protocol/fuzz.test.ts does not reach: file URLs, attachment
// pointers and blobs, ONS names and records, community URLs, padding, sealed boxes, the remaining RPC
// answers, onion enc types and v4 plaintexts, mnemonic words, seed and network.json answers, link-preview
// HTML, reactions, the IPC wire frames and the saved window state. A decoder may return a value or fail
// with its documented error (ProtocolError, NetworkError, a Result's error, undefined/null); anything
// else thrown, or a value far bigger than its input, is a failure.
import { parseWindowState } from '../../../main/windowState';
import { parsePreviewHtml } from '../../../ts/backend/services/linkPreview';
import { parseReaction } from '../../../ts/backend/services/reactions';
import { fromIpcError } from '../../../ts/ipc/errors';
import { previewRefusal, splitLinks } from '../../../ts/ipc/links';
import { parseCallResult, parseEventMessage, parseWsClientMessage, parseWsServerMessage } from '../../../ts/ipc/wire';
import { parseNetworkDescription } from '../../../ts/network/config';
import { NetworkError } from '../../../ts/network/errors';
import { parseMaybeJson } from '../../../ts/network/snodeRpc';
import { parseSeedResponse, parseServiceNodeStates } from '../../../ts/network/seeds';
import {
  ProtocolError,
  SignalService,
  canonicalCommunityUrl,
  canonicalRoom,
  communityPubkey,
  decodeMnemonicWords,
  decryptAttachmentBlob,
  decryptFromSender,
  decryptOnsValue,
  encryptForRecipient,
  identityFromRecoverySeed,
  loadProtocol,
  parseAttachmentPointer,
  parseDeleteAllResponse,
  parseEncType,
  parseFileUrl,
  parseInfoResponse,
  parseRecipientSessionId,
  parseV4ResponsePlaintext,
  unpadMessage,
  utf8ToBytes,
  validateOnsName,
  type Result,
} from '../../../ts/protocol';
import { FuzzFailure, generate, hostileString, mutateBytes, mutateObject, mutateString, mutateValue, randomValue, roughSize, runFuzz, show, type FuzzReport, type Rng } from './core';

/** A decoder's outcome was a value or a typed rejection; returns whether it accepted. */
function result<T>(r: Result<T>, input: unknown, maxSize?: number): boolean {
  if (r.ok) {
    if (maxSize !== undefined && roughSize(r.value) > maxSize) throw new FuzzFailure(`value of ${roughSize(r.value)} bytes from ${roughSize(input)} bytes of input`);
    return true;
  }
  if (!(r.error instanceof ProtocolError)) throw new FuzzFailure(`error is not a ProtocolError: ${show(r.error)}`);
  if (typeof r.error.message !== 'string' || r.error.message === '') throw new FuzzFailure('error without a message');
  return false;
}

/** Calls a throwing decoder: a value, or one of the documented error classes. */
function throwing(fn: () => unknown, ...allowed: (abstract new (...a: never[]) => Error)[]): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    if (allowed.some((c) => err instanceof c) && (err as Error).message !== '') return false;
    throw err;
  }
}

/** A never-throwing decoder: whatever it returns, it must not throw. */
function total(fn: () => unknown): boolean {
  const v = fn();
  return v !== undefined && v !== null;
}

const H = 'iCs3aAbPotVlBLCGQu2fn426dT9KM3oUfdrNDhOo+L4';
const KEY_HEX = 'ab'.repeat(32);
const SESSION = `05${'cd'.repeat(32)}`;

const URLS = [
  'http://filev2.getsession.org/file/123',
  'https://filev2.getsession.org/file/abc#d=' + 'ab'.repeat(32),
  'http://127.0.0.1:9000/file/7',
  'https://open.getsession.org/room?public_key=' + KEY_HEX,
  'http://[::1]:8080/file/1',
];

/** Strings around URLs: mutated samples and hostile pieces. */
function urlLike(r: Rng): string {
  return r.chance(0.7) ? mutateString(r, r.pick(URLS)) : hostileString(r, 300);
}

function pointerSample(r: Rng): Record<string, unknown> {
  return {
    deprecatedId: 1,
    contentType: 'image/jpeg',
    key: r.bytes(r.chance(0.6) ? 64 : r.pick([32, 0, 63])),
    size: r.chance(0.6) ? 5000 : r.pick([0, -1, 1e12, 2 ** 53, 0.5]),
    digest: r.bytes(r.pick([32, 0, 31])),
    fileName: hostileString(r, 300),
    flags: r.int(4),
    width: r.int(5000),
    height: r.int(5000),
    caption: 'a cat',
    url: r.chance(0.5) ? r.pick(URLS.slice(0, 3)) : urlLike(r),
  };
}

const WINDOW = { bounds: { x: 10, y: 20, width: 800, height: 600 }, maximized: false, fullScreen: false };

/** Each decoder target: a name and its loop. */
export interface DecoderTarget {
  name: string;
  run: (seed: number, count: number) => Promise<FuzzReport>;
}

export const DECODER_TARGETS: DecoderTarget[] = [
  {
    name: 'file URLs',
    run: (seed, n) => runFuzz('file URLs', generate(seed, n, (r) => (r.chance(0.9) ? urlLike(r) : randomValue(r))), (u) => result(parseFileUrl(u), u, 10_000)),
  },
  {
    name: 'attachment pointers and blobs',
    run: async (seed, n) => {
      await loadProtocol();
      return runFuzz('attachment pointers and blobs', generate(seed, n, (r) => (r.chance(0.8) ? pointerSample(r) : mutateObject(r, pointerSample(r)))), (p) => {
        // Only what a decoded AttachmentPointer can hold (its protobuf types) reaches the parser.
        if (SignalService.AttachmentPointer.verify(p) !== null) return false;
        let d: ReturnType<typeof parseAttachmentPointer>;
        try {
          d = parseAttachmentPointer(p as never);
        } catch (err) {
          throw new FuzzFailure(`parseAttachmentPointer threw ${String(err)}`);
        }
        if (!result(d, p) || !d.ok) return false;
        const blob = new Uint8Array(Math.min(d.value.size + 100, 4096)).fill(3);
        result(decryptAttachmentBlob(d.value, blob), blob, 2 * blob.length + 1000);
        return true;
      });
    },
  },
  {
    name: 'ONS names and records',
    run: async (seed, n) => {
      await loadProtocol();
      return runFuzz('ONS names and records', generate(seed, n, (r) => ({ name: r.chance(0.5) ? hostileString(r, 100) : mutateValue(r, 'my-name.loki'), enc: r.bytes(r.int(120)), nonce: r.chance(0.8) ? r.bytes(r.pick([24, 24, 12, 0])) : undefined })), (i) => {
        const ok = result(validateOnsName(i.name), i.name, 1000);
        result(decryptOnsValue(typeof i.name === 'string' ? i.name.toLowerCase() : 'x', i.enc, i.nonce), i);
        return ok;
      });
    },
  },
  {
    name: 'community URLs and rooms',
    run: (seed, n) =>
      runFuzz('community URLs and rooms', generate(seed, n, (r) => ({ url: urlLike(r), room: r.chance(0.5) ? mutateString(r, 'session-updates') : hostileString(r, 100), key: r.chance(0.5) ? mutateString(r, KEY_HEX) : r.bytes(r.pick([32, 31, 0])) })), (i) => {
        const a = throwing(() => canonicalCommunityUrl(i.url), ProtocolError);
        throwing(() => canonicalRoom(i.room), ProtocolError);
        throwing(() => communityPubkey(i.key), ProtocolError);
        return a;
      }),
  },
  {
    name: 'padding and sealed boxes',
    run: async (seed, n) => {
      await loadProtocol();
      const me = identityFromRecoverySeed(new Uint8Array(16).fill(0x31));
      const peer = identityFromRecoverySeed(new Uint8Array(16).fill(0x32));
      const sealed = encryptForRecipient(peer.ed25519, me.x25519.publicKey, utf8ToBytes('hello there'), (k) => new Uint8Array(k).fill(7));
      return runFuzz('padding and sealed boxes', generate(seed, n, (r) => (r.chance(0.15) ? sealed : r.chance(0.7) ? mutateBytes(r, sealed) : r.bytes(r.int(300)))), (b) => {
        const u = unpadMessage(b);
        if (u.length > b.length) throw new FuzzFailure('unpadding grew the input');
        return result(decryptFromSender(me.x25519, b), b, 4 * b.length + 1000);
      });
    },
  },
  {
    name: 'more RPC answers',
    run: (seed, n) => {
      const samples: unknown[] = [
        { version: [2, 8, 0], t: 1700000000000 },
        { swarm: { [KEY_HEX]: { deleted: [H], signature: 'AA==' } } },
        { swarm: { [KEY_HEX]: { failed: true, code: 421, reason: 'x' } } },
      ];
      return runFuzz('more RPC answers', generate(seed, n, (r) => (r.chance(0.7) ? mutateValue(r, r.pick(samples), ['version', 't', 'swarm', 'deleted', 'signature', 'failed', 'code', 'reason']) : randomValue(r))), (b) => {
        const a = result(parseInfoResponse(b), b);
        result(parseDeleteAllResponse(b, SESSION, 1700000000000), b);
        return a;
      });
    },
  },
  {
    name: 'onion enc types and v4 plaintexts',
    run: (seed, n) => {
      const meta = '{"code":200,"headers":{"content-type":"application/json"}}';
      const sample = utf8ToBytes(`l${meta.length}:${meta}2:{}e`);
      return runFuzz('onion enc types and v4 plaintexts', generate(seed, n, (r) => ({ enc: r.chance(0.5) ? (mutateValue(r, 'xchacha20') as unknown) : randomValue(r), plain: r.chance(0.8) ? mutateBytes(r, sample) : r.bytes(r.int(200)) })), (i) => {
        throwing(() => parseEncType(i.enc), ProtocolError);
        return throwing(() => {
          const v = parseV4ResponsePlaintext(i.plain);
          if (roughSize(v) > 4 * i.plain.length + 1000) throw new FuzzFailure('v4 value much bigger than its input');
        }, ProtocolError);
      });
    },
  },
  {
    name: 'mnemonic words and recipient IDs',
    run: async (seed, n) => {
      await loadProtocol();
      const words = 'amaze buffet cake entrance symptoms tiger lamb maze nestle python dusted faxed faxed'.split(' ');
      return runFuzz('mnemonic words and recipient IDs', generate(seed, n, (r) => ({ words: r.chance(0.2) ? words : (mutateValue(r, words) as unknown[]), id: r.chance(0.5) ? (mutateValue(r, SESSION) as unknown) : hostileString(r, 100) })), (i) => {
        const list = Array.isArray(i.words) ? i.words.map((w) => (typeof w === 'string' ? w : (JSON.stringify(w) ?? 'undefined'))) : [];
        throwing(() => decodeMnemonicWords(list, true), ProtocolError);
        throwing(() => decodeMnemonicWords(list, false), ProtocolError);
        return result(parseRecipientSessionId(i.id), i.id, 1000);
      });
    },
  },
  {
    name: 'seed answers and network.json',
    run: (seed, n) => {
      const state = { public_ip: '1.2.3.4', storage_port: 22021, pubkey_ed25519: KEY_HEX, pubkey_x25519: 'ef'.repeat(32), requested_unlock_height: 0 };
      const seedBody = { result: { height: 100, service_node_states: [state, { ...state, public_ip: '0.0.0.0' }] } };
      const network = { fileServer: { url: 'http://127.0.0.1:9000', x25519: KEY_HEX, ed25519: KEY_HEX }, seed: 'http://127.0.0.1:1/' };
      const keys = ['result', 'height', 'service_node_states', 'public_ip', 'storage_port', 'pubkey_ed25519', 'pubkey_x25519', 'requested_unlock_height', 'fileServer', 'url', 'x25519', 'ed25519'];
      return runFuzz('seed answers and network.json', generate(seed, n, (r) => ({ body: mutateValue(r, r.pick([seedBody, network]), keys), status: r.pick([200, 200, 200, 500, 0]), type: r.pick(['application/json', 'application/json', 'text/html', '']) })), (i) => {
        const text = JSON.stringify(i.body) ?? 'null';
        const a = throwing(() => parseSeedResponse({ status: i.status, headers: { 'content-type': i.type }, body: utf8ToBytes(text) }), NetworkError);
        throwing(() => parseServiceNodeStates((i.body as { result?: { service_node_states?: unknown } } | null)?.result?.service_node_states, { requireUnlockHeight: false }), NetworkError);
        throwing(() => parseNetworkDescription(i.body), NetworkError);
        parseMaybeJson(text);
        return a;
      });
    },
  },
  {
    name: 'link-preview HTML',
    run: (seed, n) => {
      const page = '<html><head><meta property="og:title" content="A &amp; B"><meta property="og:image" content="https://x/i.png"><title>T</title></head><body>hi</body></html>';
      return runFuzz('link-preview HTML', generate(seed, n, (r) => (r.chance(0.8) ? mutateString(r, page) : hostileString(r, 20_000))), (s) => {
        const v = parsePreviewHtml(s);
        if (v.title !== undefined && [...v.title].length > 200) throw new FuzzFailure('title longer than 200 code points');
        if (roughSize(v) > 2 * roughSize(s) + 1000) throw new FuzzFailure('preview bigger than its page');
        return v.title !== undefined || v.image !== undefined;
      });
    },
  },
  {
    name: 'message links',
    run: (seed, n) => {
      const text = 'see https://example.org/a_(b), and http://x.y:80/p?q=1#f. Not javascript:alert(1) or https://xn--80ak6aa92e.com!';
      return runFuzz('message links', generate(seed, n, (r) => (r.chance(0.8) ? mutateString(r, text) : hostileString(r, 10_000))), (t) => {
        const segments = splitLinks(t);
        // Lossless: the segments are the text, in order; every link is http(s) and shown as written.
        if (segments.map((x) => x.text).join('') !== t) throw new FuzzFailure('segments do not add up to the text');
        const links = segments.filter((x) => x.kind === 'link');
        for (const l of links) {
          if (!/^https?:\/\//i.test(l.url)) throw new FuzzFailure(`linked ${show(l.url)}`);
          previewRefusal(l.text);
        }
        return links.length > 0;
      });
    },
  },
  {
    name: 'reactions',
    run: (seed, n) =>
      runFuzz('reactions', generate(seed, n, (r) => mutateValue(r, { emoji: '👍', action: 0 }, ['emoji', 'action'])), (v) => {
        const p = parseReaction(v as never);
        if (p !== undefined && (typeof p.emoji !== 'string' || p.emoji === '')) throw new FuzzFailure(`bad reaction ${show(p)}`);
        return p !== undefined;
      }),
  },
  {
    name: 'IPC wire frames',
    run: (seed, n) => {
      const frames: unknown[] = [
        { id: 1, method: 'app.getInfo', params: {} },
        { subscribe: ['messages.added', 'settings.changed'] },
        { id: 2, ok: true, result: { a: 1 } },
        { id: null, ok: false, error: { code: 'invalid_params', message: 'x' } },
        { event: 'messages.added', payload: [] },
      ];
      const keys = ['id', 'method', 'params', 'subscribe', 'ok', 'result', 'error', 'code', 'message', 'event', 'payload'];
      return runFuzz('IPC wire frames', generate(seed, n, (r) => mutateValue(r, r.pick(frames), keys)), (v) => {
        const text = r2text(v);
        const c = parseWsClientMessage(text);
        if (!c.ok && (typeof c.problem !== 'string' || c.problem.length > 2000)) throw new FuzzFailure(`problem unbounded (${c.problem.length} chars)`);
        parseWsServerMessage(text);
        total(() => parseEventMessage(v));
        total(() => parseCallResult(v));
        const e = fromIpcError(v);
        if (typeof e.code !== 'string' || typeof e.message !== 'string') throw new FuzzFailure('malformed IpcError');
        return c.ok;
      });
    },
  },
  {
    name: 'saved window state',
    run: (seed, n) =>
      runFuzz('saved window state', generate(seed, n, (r) => (r.chance(0.2) ? WINDOW : mutateValue(r, WINDOW, ['bounds', 'x', 'y', 'width', 'height', 'maximized', 'fullScreen']))), (v) => {
        const s = parseWindowState(v);
        if (s !== null && !(Number.isFinite(s.bounds.width) && Number.isFinite(s.bounds.height))) throw new FuzzFailure(`non-finite size accepted ${show(s)}`);
        return s !== null;
      }),
  },
];

/** JSON text of a value, or (for undefined) a bare non-JSON word. */
function r2text(v: unknown): string {
  return JSON.stringify(v) ?? 'undefined';
}
