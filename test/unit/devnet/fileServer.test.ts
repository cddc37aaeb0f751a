// The devnet file server's test controls (expire, delete, corrupt, injected failures) and its default
// TTL, driven with v4 requests written here as byte literals (spec network §6.5, §8.2) and sealed with
// the devnet's own primitives: never the client's request builders.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from '../../../tools/devnet/args';
import { cryptoReady, decryptLayer, deriveLayerKey, encryptLayer, identityFromSeed, toHex, type Identity } from '../../../tools/devnet/crypto';
import { DevnetDb } from '../../../tools/devnet/db';
import { FileServer } from '../../../tools/devnet/fileServer';

const NOW_MS = 1_700_000_000_000;
let server: Identity;
let client: Identity;
let db: DevnetDb;
let dir: string;
let fs: FileServer;

beforeAll(async () => {
  await cryptoReady();
  server = identityFromSeed(new Uint8Array(32).fill(1));
  client = identityFromSeed(new Uint8Array(32).fill(2));
});

beforeEach(() => {
  db = new DevnetDb(null);
  dir = mkdtempSync(path.join(os.tmpdir(), 'devnet-files-'));
  // File ids are base64url of 33 random bytes: with 0x07 bytes every id is 'BwcH' × 11.
  fs = new FileServer({ identity: server, db, dir, now: () => NOW_MS, random: (n) => new Uint8Array(n).fill(7), defaultTtlSeconds: 60 });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const ID = 'BwcH'.repeat(11);

/** Seals a literal v4 request to the file server as the last hop delivers it: LE32(len) || aes-gcm blob || JSON. */
async function call(v4: string): Promise<string> {
  const key = deriveLayerKey('aes-gcm', client.xKey, server.x25519Pub, server.x25519Pub);
  const blob = encryptLayer('aes-gcm', key, Buffer.from(v4, 'latin1'), (n) => new Uint8Array(n).fill(9));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(blob.length);
  const body = Buffer.concat([len, blob, Buffer.from(`{"ephemeral_key":"${toHex(client.x25519Pub)}"}`)]);
  const r = await fs.handleLsrpc(new Uint8Array(body));
  expect(r.status).toBe(200);
  return Buffer.from(decryptLayer('aes-gcm', key, r.body)!).toString('latin1');
}

const upload = 'l49:{"endpoint":"/file","headers":{},"method":"POST"}5:helloe';
const download = `l93:{"endpoint":"/file/${ID}","headers":{},"method":"GET"}e`;
const uploaded = `l58:{"code":200,"headers":{"content-type":"application/json"}}74:{"id":"${ID}","expires":1700000060}e`;
const notFound = 'l67:{"code":404,"headers":{"content-type":"text/plain; charset=utf-8"}}14:File not founde';

it('stores with the default TTL given at start (--file-ttl) and serves the bytes back', async () => {
  expect(await call(upload)).toBe(uploaded);
  expect(await call(download)).toBe('l66:{"code":200,"headers":{"content-type":"application/octet-stream"}}5:helloe');
  // X-FS-TTL still wins over the default.
  const withTtl = await call('l63:{"endpoint":"/file","headers":{"X-FS-TTL":"5"},"method":"POST"}1:xe');
  expect(withTtl).toBe(`l58:{"code":200,"headers":{"content-type":"application/json"}}74:{"id":"${ID}","expires":1700000005}e`);
});

it('expire() makes downloads answer 404 and cleanup remove the bytes', async () => {
  await call(upload);
  expect(fs.expire(ID)).toBe(true);
  expect(await call(download)).toBe(notFound);
  await fs.cleanupExpired();
  expect(db.getFile(ID)).toBeNull();
  expect(fs.expire(ID)).toBe(false);
  expect(fs.expire('../x')).toBe(false);
});

it('remove() deletes at once; corrupt() flips the last bit', async () => {
  await call(upload);
  expect(await fs.corrupt(ID)).toBe(true);
  expect(await call(download)).toBe('l66:{"code":200,"headers":{"content-type":"application/octet-stream"}}5:hellne');
  expect(await fs.remove(ID)).toBe(true);
  expect(await call(download)).toBe(notFound);
  expect(await fs.remove(ID)).toBe(false);
  expect(await fs.corrupt(ID)).toBe(false);
});

it('an injected failure answers its status the given number of times, then clears', async () => {
  fs.setFault({ status: 413, times: 2 });
  const injected = 'l67:{"code":413,"headers":{"content-type":"text/plain; charset=utf-8"}}14:Injected faulte';
  expect(await call(upload)).toBe(injected);
  expect(await call(download)).toBe(injected);
  expect(await call(upload)).toBe(uploaded);
  fs.setFault({ status: 503 });
  expect(await call(download)).toBe(injected.replace('413', '503'));
  expect(await call(download)).toBe(injected.replace('413', '503'));
  fs.setFault(null);
  expect(await call(download)).toBe('l66:{"code":200,"headers":{"content-type":"application/octet-stream"}}5:helloe');
  expect(() => fs.setFault({ status: 42 })).toThrow();
});

it('parses --file-ttl', () => {
  const parsed = parseArgs(['--file-ttl', '30']);
  expect(!parsed.help && parsed.options.fileTtlSeconds).toBe(30);
  const none = parseArgs([]);
  expect(!none.help && 'fileTtlSeconds' in none.options).toBe(false);
  expect(() => parseArgs(['--file-ttl', '0'])).toThrow('--file-ttl must be between 1 and 5184000');
  expect(() => parseArgs(['--file-ttl'])).toThrow('--file-ttl needs an integer value');
});
