// Decrypts retrieved 1:1 items on worker threads so the receive pipeline's crypto uses every core,
// answering in input order. Small batches, and hosts without the bundled worker (tests run TS sources),
// decode in-thread with the same function, so results never depend on where they were computed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ProtocolError, decode1o1Message, decodeContent, type Identity, type Incoming1o1, type ProtocolErrorKind, type Result } from '../../protocol';

/** A decode result as it crosses the thread boundary: plain data only (the Content is re-parsed). */
export type WireResult =
  | {
      ok: true;
      senderSessionId: string;
      senderEd25519: Uint8Array;
      timestampMs: number;
      contentBytes: Uint8Array;
      conversationId: string;
      syncTarget?: string;
    }
  | { ok: false; kind: ProtocolErrorKind; message: string; detail?: string };

export interface DecryptRequest {
  id: number;
  datas: Uint8Array[];
}

export interface DecryptResponse {
  id: number;
  results?: WireResult[];
  /** A failure of the worker itself (not of an item). */
  failure?: string;
}

/** What the worker needs of the account: only the X25519 key pair and the Session ID. */
export interface DecryptKeys {
  sessionId: string;
  x25519: { publicKey: Uint8Array; secretKey: Uint8Array };
}

export function toWire(r: Result<Incoming1o1>): WireResult {
  if (!r.ok) return { ok: false, kind: r.error.kind, message: r.error.message, ...(r.error.detail !== undefined ? { detail: r.error.detail } : {}) };
  const v = r.value;
  return {
    ok: true,
    senderSessionId: v.senderSessionId,
    senderEd25519: v.senderEd25519,
    timestampMs: v.timestampMs,
    contentBytes: v.contentBytes,
    conversationId: v.conversationId,
    ...(v.syncTarget !== undefined ? { syncTarget: v.syncTarget } : {}),
  };
}

export function fromWire(w: WireResult): Result<Incoming1o1> {
  if (!w.ok) return { ok: false, error: new ProtocolError(w.kind, w.message, w.detail) };
  // The worker already checked these bytes decode; parsing again here keeps real protobuf objects.
  const content = decodeContent(w.contentBytes);
  if (!content.ok) return content;
  const value: Incoming1o1 = {
    senderSessionId: w.senderSessionId,
    senderEd25519: w.senderEd25519,
    timestampMs: w.timestampMs,
    content: content.value,
    contentBytes: w.contentBytes,
    conversationId: w.conversationId,
  };
  if (w.syncTarget !== undefined) value.syncTarget = w.syncTarget;
  return { ok: true, value };
}

/** decode1o1Message needs only the X25519 keys and the Session ID of the recipient. */
export function identityForDecrypt(keys: DecryptKeys): Identity {
  const none = new Uint8Array(0);
  return { sessionId: keys.sessionId, x25519: keys.x25519, ed25519: { publicKey: none, secretKey: none }, ed25519Seed: none };
}

export interface DecryptPool {
  /** Decodes every item; result i belongs to datas[i]. */
  decode(datas: readonly Uint8Array[]): Promise<Result<Incoming1o1>[]>;
  /** Stops the workers; pending and later calls reject. */
  close(): Promise<void>;
}

export interface DecryptPoolOptions {
  identity: Identity;
  /** The bundled worker script; absent (or not on disk) means every batch decodes in-thread. */
  workerFile?: string | undefined;
  /** Workers to start (lazily, on the first large batch). Default: cores, at most 4. */
  size?: number;
  /** Batches smaller than this decode in-thread: posting them costs more than it saves. */
  threshold?: number;
}

export const DEFAULT_DECRYPT_THRESHOLD = 16;

/** Where the build puts the worker next to the host bundles (build/<host>/x.js -> build/workers/decrypt.js). */
export function bundledDecryptWorkerFile(dir: string = __dirname): string | undefined {
  const file = path.join(dir, '..', 'workers', 'decrypt.js');
  return fs.existsSync(file) ? file : undefined;
}

interface Pending {
  resolve: (r: WireResult[]) => void;
  reject: (e: Error) => void;
}

export function createDecryptPool(o: DecryptPoolOptions): DecryptPool {
  const size = Math.max(1, o.size ?? Math.min(4, os.availableParallelism()));
  const threshold = o.threshold ?? DEFAULT_DECRYPT_THRESHOLD;
  const workerFile = o.workerFile !== undefined && fs.existsSync(o.workerFile) ? o.workerFile : undefined;
  const keys: DecryptKeys = { sessionId: o.identity.sessionId, x25519: { publicKey: o.identity.x25519.publicKey, secretKey: o.identity.x25519.secretKey } };
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const failAll = (e: Error): void => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  const start = (file: string): void => {
    for (let i = 0; i < size; i++) {
      const w = new Worker(file, { workerData: keys });
      // Idle workers must never keep a host alive; close() is the normal way out.
      w.unref();
      w.on('message', (m: DecryptResponse) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.results) p.resolve(m.results);
        else p.reject(new Error(`decrypt worker failed: ${m.failure ?? 'no results'}`));
      });
      w.on('error', (e) => failAll(new Error(`decrypt worker crashed: ${e.message}`)));
      w.on('exit', (code) => {
        if (!closed) failAll(new Error(`decrypt worker exited (${code})`));
      });
      workers.push(w);
    }
  };

  // A worker with work in flight holds the process open (an unref'd one would let it exit mid-batch).
  const busy = new Map<Worker, number>();
  const hold = (w: Worker, delta: number): void => {
    const n = (busy.get(w) ?? 0) + delta;
    busy.set(w, n);
    if (n === 1 && delta > 0) w.ref();
    if (n === 0) w.unref();
  };

  const post = (w: Worker, datas: Uint8Array[]): Promise<WireResult[]> =>
    new Promise<WireResult[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      hold(w, 1);
      const req: DecryptRequest = { id, datas };
      w.postMessage(req);
    }).finally(() => hold(w, -1));

  return {
    async decode(datas) {
      if (closed) throw new Error('The decrypt pool is closed.');
      if (!workerFile || datas.length < threshold) return datas.map((d) => decode1o1Message(o.identity, d));
      if (workers.length === 0) start(workerFile);
      // One contiguous slice per worker keeps the order trivial to restore.
      const per = Math.ceil(datas.length / workers.length);
      const slices: Promise<WireResult[]>[] = [];
      for (let i = 0; i < workers.length && i * per < datas.length; i++) slices.push(post(workers[i] as Worker, datas.slice(i * per, (i + 1) * per)));
      const parts = await Promise.all(slices);
      return parts.flat().map(fromWire);
    },
    async close() {
      if (closed) return;
      closed = true;
      failAll(new Error('The decrypt pool was closed.'));
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
}
