// What the media tests against a devnet share: staging a file through the chunked handlers, reading a
// downloaded attachment back whole, waiting for an attachment to reach a state, a network that records
// uploads and can hold downloads (to close a backend while one runs), crafting an attachment message
// with the protocol encoders, and small real media files (a JPEG with EXIF, silent MP3 frames).
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Backend } from '../../../ts/backend';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import type { EngineNetwork, UploadedFile } from '../../../ts/backend/services/engineNetwork';
import { MEDIA_CHUNK_BYTES, type AttachmentState, type AttachmentView, type MessageView, type StagedAttachmentView } from '../../../ts/ipc/contract';
import { SessionNetwork } from '../../../ts/network';
import { decodeRecoveryPassword, encode1o1Message, identityFromRecoverySeed, type ContentProps, type DataMessageProps, type EncryptedAttachment, type Identity } from '../../../ts/protocol';
import { pollOk, until } from './fixture';

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export interface StageOptions {
  fileName?: string;
  contentType?: string;
  voice?: boolean;
  durationMs?: number;
  purpose?: 'attachment' | 'avatar';
}

/** Stages `bytes` the way the renderer does: stageBegin, chunks of MEDIA_CHUNK_BYTES in order, stageEnd. */
export async function stage(b: Backend, bytes: Uint8Array, o: StageOptions = {}): Promise<StagedAttachmentView> {
  const { stageId } = await b.handlers['attachments.stageBegin']({
    size: bytes.length,
    ...(o.fileName !== undefined ? { fileName: o.fileName } : {}),
    ...(o.contentType !== undefined ? { contentType: o.contentType } : {}),
  });
  for (let offset = 0; offset < bytes.length; offset += MEDIA_CHUNK_BYTES) {
    const dataBase64 = Buffer.from(bytes.subarray(offset, offset + MEDIA_CHUNK_BYTES)).toString('base64');
    await b.handlers['attachments.stageChunk']({ stageId, offset, dataBase64 });
  }
  return b.handlers['attachments.stageEnd']({
    stageId,
    ...(o.voice !== undefined ? { voice: o.voice } : {}),
    ...(o.durationMs !== undefined ? { durationMs: o.durationMs } : {}),
    ...(o.purpose !== undefined ? { purpose: o.purpose } : {}),
  });
}

/** Reads a downloaded attachment (or its thumbnail) whole, slice by slice. */
export async function readAttachment(b: Backend, messageId: string, index: number, variant: 'full' | 'thumbnail' = 'full'): Promise<{ bytes: Buffer; contentType: string }> {
  const parts: Buffer[] = [];
  let offset = 0;
  let contentType = '';
  for (;;) {
    const r = await b.handlers['attachments.read']({ messageId, index, variant, offset });
    const chunk = Buffer.from(r.dataBase64, 'base64');
    contentType = r.contentType;
    parts.push(chunk);
    offset += chunk.length;
    if (offset >= r.total || chunk.length === 0) {
      expect(offset).toBe(r.total);
      return { bytes: Buffer.concat(parts), contentType };
    }
  }
}

/** Reads a staged file (or its thumbnail) whole. */
export async function readStaged(b: Backend, stageId: string, variant: 'full' | 'thumbnail' = 'full'): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const r = await b.handlers['attachments.readStaged']({ stageId, variant, offset });
    const chunk = Buffer.from(r.dataBase64, 'base64');
    parts.push(chunk);
    offset += chunk.length;
    if (offset >= r.total || chunk.length === 0) return Buffer.concat(parts);
  }
}

/** The stored message sent at `timestamp` by `sender` in conversation `conversationId`, if here. */
export async function findMessage(b: Backend, conversationId: string, match: (m: MessageView) => boolean): Promise<MessageView | undefined> {
  return (await b.handlers['messages.list']({ conversationId, limit: 200 })).find(match);
}

/**
 * Polls `b` until the message matching `match` is stored and its attachment `index` is in one of `states`;
 * returns the message. Fails naming what it saw last.
 */
export async function waitForAttachment(
  b: Backend,
  conversationId: string,
  match: (m: MessageView) => boolean,
  states: readonly AttachmentState[],
  { index = 0, timeoutMs = 45_000, poll = true }: { index?: number; timeoutMs?: number; poll?: boolean } = {},
): Promise<MessageView> {
  let last: AttachmentView | 'no message' | 'no attachment' = 'no message';
  try {
    return await until(
      `attachment ${index} in ${states.join('/')}`,
      async () => {
        if (poll) await pollOk(b);
        const m = await findMessage(b, conversationId, match);
        if (!m) return undefined;
        const a = m.attachments?.[index];
        last = a ?? 'no attachment';
        return a && states.includes(a.state) ? m : undefined;
      },
      timeoutMs,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last)}`);
  }
}

/** A network factory over the real SessionNetwork that records uploads and can hold downloads. */
export interface TappedNetwork {
  factory: (args: NetworkFactoryArgs) => EngineNetwork;
  /** The latest network built (the engine builds one per start). */
  readonly current: SessionNetwork | undefined;
  /** Files uploaded through it, oldest first. */
  readonly uploads: UploadedFile[];
  /** Downloads asked for, per URL. */
  readonly downloads: Map<string, number>;
  /** While true, downloads wait (until released or aborted) before reaching the network. */
  hold: boolean;
  /** Lets held downloads go on. */
  release(): void;
}

export function tappedNetwork(): TappedNetwork {
  let current: SessionNetwork | undefined;
  const waiting = new Set<() => void>();
  const t: TappedNetwork = {
    get current() {
      return current;
    },
    uploads: [],
    downloads: new Map(),
    hold: false,
    release() {
      t.hold = false;
      for (const go of [...waiting]) go();
    },
    factory(args) {
      const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
      current = net;
      const engineNet: EngineNetwork = net;
      // The wrappers pass `this` on as they get it, so a caller that detaches the method from the
      // client fails here exactly as it would without the tap.
      const upload = engineNet.uploadFile;
      const download = engineNet.downloadFile;
      if (upload) {
        engineNet.uploadFile = async function (this: unknown, blob, options) {
          const r = await upload.call(this, blob, options);
          t.uploads.push(r);
          return r;
        };
      }
      if (download) {
        engineNet.downloadFile = async function (this: unknown, url, options) {
          t.downloads.set(url, (t.downloads.get(url) ?? 0) + 1);
          if (t.hold) {
            await new Promise<void>((resolve, reject) => {
              const go = (): void => {
                waiting.delete(go);
                resolve();
              };
              waiting.add(go);
              options?.signal?.addEventListener('abort', () => {
                waiting.delete(go);
                reject(options.signal?.reason ?? new Error('aborted'));
              });
            });
          }
          return download.call(this, url, options);
        };
      }
      return engineNet;
    },
  };
  return t;
}

/** The account's keys, from its recovery password (to sign messages built with the protocol encoders). */
export async function identityOf(b: Backend): Promise<Identity> {
  const { mnemonic } = await b.handlers['account.getRecoveryPassword']({});
  const seed = decodeRecoveryPassword(mnemonic);
  if (!seed.ok) throw seed.error;
  return identityFromRecoverySeed(seed.value);
}

/** Builds a 1:1 message from `sender` with the protocol encoders and stores it in `recipient`'s swarm. */
export async function storeCrafted(net: SessionNetwork, sender: Identity, recipient: string, content: ContentProps, timestampMs: number): Promise<void> {
  const out = encode1o1Message({ sender, recipient, content, timestampMs, random: (n) => new Uint8Array(randomBytes(n)) });
  await until('the crafted message is stored', async () => {
    try {
      return await net.storeMessage(recipient, 0, out.wrapper, 14 * 86_400_000);
    } catch {
      return undefined;
    }
  });
}

/** An AttachmentPointer as the protocol encoders take it. */
export type Pointer = NonNullable<DataMessageProps['attachments']>[number];

/** Uploads a blob through `net` to the network's file server (retried while paths are being built). */
export function uploadBlob(net: SessionNetwork, blob: Uint8Array): Promise<UploadedFile> {
  return until('the upload', async () => {
    try {
      return await net.uploadFile(blob);
    } catch {
      return undefined;
    }
  });
}

/** The pointer the official apps send for a legacy-encrypted file at `url`, with `over` replacing fields. */
export function pointerOf(enc: EncryptedAttachment, url: string, over: Partial<Pointer> = {}): Pointer {
  return { deprecatedId: 0, contentType: 'application/octet-stream', size: enc.size, fileName: 'crafted.bin', url, key: enc.key, digest: enc.digest, ...over };
}

/** A photo-like JPEG (noise, so it does not compress to nothing) with EXIF tags that must not survive. */
export async function jpegWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 20 } } })
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'TestCam', Model: 'Leaky 1', Copyright: 'secret-location' } })
    .toBuffer();
}

/**
 * `frames` silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono): a valid MP3 stream of
 * frames × 26.1 ms, behind an empty ID3v2 tag as encoders write it.
 */
export function silentMp3(frames: number): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  // 0xFFFB: sync + MPEG-1 Layer III, no CRC; 0x90: 128 kbit/s, 44.1 kHz, no padding; 0xC4: mono.
  const frameLength = Math.floor((144 * 128_000) / 44_100); // 417 bytes
  const frame = Buffer.alloc(frameLength);
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  return Buffer.concat([id3, ...Array.from({ length: frames }, () => frame)]);
}
