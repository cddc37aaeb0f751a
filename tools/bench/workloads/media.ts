// Media workloads: the client's CPU to encrypt and upload, and to download and decrypt, the largest
// attachment (9,828,080 bytes, ~10 MB) through real 3-hop onion requests to the file server of a 12-node
// devnet in its own process (so this process's CPU is the client's alone), next to the raw AES-256-CBC +
// HMAC-SHA256 of the same bytes, both in ms of this process's CPU per MB (best of alternated rounds). The
// devnet's MB/s (wall clock, the devnet's onion work sharing the cores) is kept as detail and in media.json,
// with the least a transfer can cost by construction (floor + SHA-256 digest + the GCM layer passes).
import type { ChildProcess } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { MAX_ATTACHMENT_PLAINTEXT_BYTES, decryptAttachment, encryptAttachment, loadProtocol, secureRandom, type EncryptedAttachment } from '../../../ts/protocol';
import { createHttpClient, loadCustomNetwork, MemoryNetworkStore, SessionNetwork, type HttpClient } from '../../../ts/network';
import { startChildDevnet } from './childDevnet';
import { detailFile } from '../results';
import type { FigureResult, MeasureContext, WorkloadGroup } from './types';

const SIZE = MAX_ATTACHMENT_PLAINTEXT_BYTES;
const MB = 1_000_000;

let devnet: ChildProcess | undefined;
let net: SessionNetwork;
let http: HttpClient;
let plaintext: Uint8Array;
let uploaded: { url: string; attachment: EncryptedAttachment };
/** Wall-clock seconds and bytes of every measured transfer, per direction. */
const walls = { upload: [] as number[], download: [] as number[] };
const cpuPerOpMs = {
  upload: [] as number[],
  download: [] as number[],
  floorEncrypt: [] as number[],
  floorDecrypt: [] as number[],
  sha256: [] as number[],
  gcmEncrypt: [] as number[],
  gcmDecrypt: [] as number[],
};

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function setup(): Promise<void> {
  await loadProtocol();
  const started = await startChildDevnet();
  devnet = started.child;
  // A run that fails midway never reaches teardown: the devnet must not outlive this process.
  process.once('exit', () => devnet?.kill('SIGTERM'));
  http = createHttpClient();
  const config = await loadCustomNetwork(started.seedUrl, http);
  net = new SessionNetwork({ config, store: new MemoryNetworkStore(), http });
  net.start();
  await net.ready();
  plaintext = new Uint8Array(randomBytes(SIZE));
  const attachment = encryptAttachment(plaintext, secureRandom);
  uploaded = { url: (await net.uploadFile(attachment.blob)).url, attachment };
  // Warm the connections and code paths once in each direction before calibration.
  await net.downloadFile(uploaded.url);
}

async function encryptAndUpload(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const enc = encryptAttachment(plaintext, secureRandom);
    await net.uploadFile(enc.blob);
    walls.upload.push((performance.now() - t0) / 1000);
    cpuPerOpMs.upload.push(cpuMs() - c0);
  }
}

async function downloadAndDecrypt(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const blob = await net.downloadFile(uploaded.url, { maxBytes: 10_000_000 });
    const r = decryptAttachment({ blob, key: uploaded.attachment.key, digest: uploaded.attachment.digest, size: SIZE });
    if (!r.ok) throw new Error(`bench: download did not decrypt: ${r.error.detail ?? r.error.message}`);
    walls.download.push((performance.now() - t0) / 1000);
    cpuPerOpMs.download.push(cpuMs() - c0);
  }
}

const floorKey = randomBytes(64);
const floorIv = randomBytes(16);

/** The floor: AES-256-CBC + HMAC-SHA256 over the same ~10 MB, the work the attachment format itself needs. */
function rawEncrypt(n: number): void {
  for (let i = 0; i < n; i++) {
    const c0 = cpuMs();
    const c = createCipheriv('aes-256-cbc', floorKey.subarray(0, 32), floorIv);
    const ct = Buffer.concat([floorIv, c.update(plaintext), c.final()]);
    createHmac('sha256', floorKey.subarray(32)).update(ct).digest();
    cpuPerOpMs.floorEncrypt.push(cpuMs() - c0);
  }
}

let floorCiphertext: Buffer | undefined;
function rawDecrypt(n: number): void {
  if (!floorCiphertext) {
    const c = createCipheriv('aes-256-cbc', floorKey.subarray(0, 32), floorIv);
    floorCiphertext = Buffer.concat([c.update(plaintext), c.final()]);
  }
  for (let i = 0; i < n; i++) {
    const c0 = cpuMs();
    createHmac('sha256', floorKey.subarray(32)).update(floorIv).update(floorCiphertext).digest();
    const d = createDecipheriv('aes-256-cbc', floorKey.subarray(0, 32), floorIv);
    Buffer.concat([d.update(floorCiphertext), d.final()]);
    cpuPerOpMs.floorDecrypt.push(cpuMs() - c0);
  }
}

/** Passes over the bytes itself, in slices as the code feeds them. */
const PASS_SLICE = 128 * 1024;

/**
 * The passes the format and the transport add to the floor, each timed alone over the same ~10 MB: the
 * SHA-256 digest of the blob (the pointer's `digest`, checked on download) and one AES-256-GCM layer pass
 * (an upload encrypts the body once for the file server and once per hop, 4 passes; a download decrypts the
 * server's one layer). They show the least a transfer can cost (TLS and the runtime not even counted).
 */
function requiredPasses(): void {
  const blob = uploaded.attachment.blob;
  let c0 = cpuMs();
  const h = createHash('sha256');
  for (let i = 0; i < blob.length; i += PASS_SLICE) h.update(blob.subarray(i, i + PASS_SLICE));
  h.digest();
  cpuPerOpMs.sha256.push(cpuMs() - c0);
  const key = randomBytes(32);
  const nonce = randomBytes(12);
  c0 = cpuMs();
  const e = createCipheriv('aes-256-gcm', key, nonce);
  for (let i = 0; i < blob.length; i += PASS_SLICE) e.update(blob.subarray(i, i + PASS_SLICE));
  e.final();
  cpuPerOpMs.gcmEncrypt.push(cpuMs() - c0);
  c0 = cpuMs();
  const d = createDecipheriv('aes-256-gcm', key, nonce);
  for (let i = 0; i < blob.length; i += PASS_SLICE) d.update(blob.subarray(i, i + PASS_SLICE));
  cpuPerOpMs.gcmDecrypt.push(cpuMs() - c0);
}

/** Floor + digest + GCM layer passes per MB, and that sum's ratio to the floor (the least the target could see). */
function leastPossible(side: 'upload' | 'download'): { sha256MsPerMb: number; gcmLayerMsPerMb: number; gcmLayers: number; leastMsPerMb: number; leastRatio: number } {
  const mb = SIZE / MB;
  const floor = best(cpuPerOpMs[side === 'upload' ? 'floorEncrypt' : 'floorDecrypt']) / mb;
  const sha = best(cpuPerOpMs.sha256) / mb;
  const gcm = best(cpuPerOpMs[side === 'upload' ? 'gcmEncrypt' : 'gcmDecrypt']) / mb;
  const layers = side === 'upload' ? 4 : 1;
  const least = floor + sha + layers * gcm;
  return { sha256MsPerMb: round3(sha), gcmLayerMsPerMb: round3(gcm), gcmLayers: layers, leastMsPerMb: round3(least), leastRatio: round2(least / floor) };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

let context: MeasureContext = { quick: false };

async function teardown(): Promise<void> {
  net?.stop();
  http?.close();
  devnet?.kill('SIGTERM');
  writeMediaResults(context);
}

const best = (xs: number[]): number => (xs.length === 0 ? NaN : Math.min(...xs));

/** Alternates `rounds` transfers with `rounds` floor passes; the figure is the best of each, per MB. */
async function transferFigure(
  ctx: MeasureContext,
  name: string,
  describe: string,
  floorDescribe: string,
  side: 'upload' | 'download',
): Promise<FigureResult[]> {
  const rounds = ctx.quick ? 2 : 10;
  const run = side === 'upload' ? encryptAndUpload : downloadAndDecrypt;
  const floor = side === 'upload' ? rawEncrypt : rawDecrypt;
  const floorKey = side === 'upload' ? 'floorEncrypt' : 'floorDecrypt';
  for (let r = 0; r < rounds; r++) {
    await run(1);
    floor(1);
    requiredPasses();
  }
  const mb = SIZE / MB;
  return [
    {
      name,
      describe,
      unit: 'ms CPU per MB',
      value: best(cpuPerOpMs[side]) / mb,
      floor: { value: best(cpuPerOpMs[floorKey]) / mb, describe: floorDescribe },
      target: { maxRatio: 1.5 },
      detail: { attachmentBytes: SIZE, transfers: walls[side].length, devnetMbPerSec: round2(mb / median(walls[side])), ...leastPossible(side) },
    },
  ];
}

export const mediaGroup: WorkloadGroup = {
  name: 'media',
  async setup(ctx) {
    context = ctx;
    await setup();
  },
  teardown,
  workloads: [
    {
      name: 'attachment-upload',
      measure: (ctx) =>
        transferFigure(
          ctx,
          'attachment-upload',
          `encrypt (pad, AES-CBC, HMAC, SHA-256) and upload a ${(SIZE / MB).toFixed(1)} MB attachment via 3-hop onion to the devnet file server (devnet in a child process): this process's CPU per MB, best`,
          'AES-256-CBC + HMAC-SHA256 of the same bytes, CPU per MB, best',
          'upload',
        ),
    },
    {
      name: 'attachment-download',
      measure: (ctx) =>
        transferFigure(
          ctx,
          'attachment-download',
          `download via 3-hop onion from the devnet file server and decrypt (MAC, digest, AES-CBC) a ${(SIZE / MB).toFixed(1)} MB attachment: this process's CPU per MB, best`,
          'HMAC-SHA256 + AES-256-CBC decryption of the same bytes, CPU per MB, best',
          'download',
        ),
    },
  ],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** CPU per MB and the devnet's MB/s as bench/results/media.json (the runner's table has ops per CPU second). */
function writeMediaResults(ctx: MeasureContext): void {
  if (walls.upload.length === 0 && walls.download.length === 0) return;
  const mb = SIZE / MB;
  const out = {
    generatedAt: new Date().toISOString(),
    mode: ctx.quick ? 'quick' : 'full',
    machine: { node: process.version, cpus: os.cpus().length },
    attachmentBytes: SIZE,
    note: 'CPU ms per MB of this (client) process, best batch; devnet MB/s = attachment bytes / wall time of one transfer, median.',
    upload: {
      clientCpuMsPerMb: round2(best(cpuPerOpMs.upload) / mb),
      rawAesCbcHmacCpuMsPerMb: round2(best(cpuPerOpMs.floorEncrypt) / mb),
      devnetMbPerSec: round2(mb / median(walls.upload)),
      transfers: walls.upload.length,
      ...leastPossible('upload'),
    },
    download: {
      clientCpuMsPerMb: round2(best(cpuPerOpMs.download) / mb),
      rawAesCbcHmacCpuMsPerMb: round2(best(cpuPerOpMs.floorDecrypt) / mb),
      devnetMbPerSec: round2(mb / median(walls.download)),
      transfers: walls.download.length,
      ...leastPossible('download'),
    },
    target: 'client CPU per MB <= 1.5x the raw AES-256-CBC + HMAC per MB',
    least:
      'leastMsPerMb = the floor + one SHA-256 pass (the digest) + the AES-256-GCM onion layer passes (4 up: file server + 3 hops; 1 down), each timed alone in the same run; leastRatio = that over the floor, before TLS, HTTP and the runtime',
  };
  const file = detailFile(ctx, 'media.json');
  fs.mkdirSync(nodePath.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
