// Decrypts retrieved 1:1 items on worker threads so the receive pipeline's crypto uses every core,
// answering in input order. `decode` is synchronous: the calling thread decodes its own share, then waits
// on a shared counter the workers bump as they answer. `decodeAsync` (the receive pipeline's) leaves every
// share to the workers and waits on the same counter without blocking, so the caller's thread can commit
// the previous batch meanwhile. Small batches, and hosts without the bundled worker (tests run TS sources),
// decode in-thread with the same function, so results never depend on where they were computed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import {
  ProtocolError,
  decode1o1Message,
  decodeContent,
  openRoomMessage,
  type Identity,
  type Incoming1o1,
  type OpenedRoomMessage,
  type ProtocolErrorKind,
  type Result,
} from '../../protocol';
import { createSenderKeyCache } from '../workers/senderKeyCache';

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

/** A received community room post to verify and decode (spec advanced A.9; openRoomMessage's input). */
export interface RoomOpenItem {
  senderId: string;
  data: Uint8Array;
  signature: Uint8Array;
  postedMs: number;
}

/** An opened room post as it crosses the thread boundary (the Content is re-parsed). */
export type RoomWireResult = { ok: true; contentBytes: Uint8Array; sigTimestampMs: number } | { ok: false; kind: ProtocolErrorKind; message: string; detail?: string };

export interface DecryptRequest {
  id: number;
  /** 1:1 items to decrypt... */
  datas?: Uint8Array[];
  /** ...or room posts to verify and decode. */
  rooms?: RoomOpenItem[];
}

export interface DecryptResponse {
  id: number;
  results?: WireResult[];
  rooms?: RoomWireResult[];
  /** A failure of the worker itself (not of an item). */
  failure?: string;
}

/** What the worker needs of the account: only the X25519 key pair and the Session ID. */
export interface DecryptKeys {
  sessionId: string;
  x25519: { publicKey: Uint8Array; secretKey: Uint8Array };
}

/** A worker's start data: the keys, its answer port, and the counter it bumps after each answer. */
export interface DecryptWorkerData {
  keys: DecryptKeys;
  port: MessagePort;
  signal: SharedArrayBuffer;
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

export function roomToWire(r: Result<OpenedRoomMessage>): RoomWireResult {
  if (!r.ok) return { ok: false, kind: r.error.kind, message: r.error.message, ...(r.error.detail !== undefined ? { detail: r.error.detail } : {}) };
  return { ok: true, contentBytes: r.value.contentBytes, sigTimestampMs: r.value.sigTimestampMs };
}

export function roomFromWire(w: RoomWireResult): Result<OpenedRoomMessage> {
  if (!w.ok) return { ok: false, error: new ProtocolError(w.kind, w.message, w.detail) };
  // The worker verified the signature and checked these bytes decode; parsing again keeps real protobuf objects.
  const content = decodeContent(w.contentBytes);
  if (!content.ok) return content;
  return { ok: true, value: { content: content.value, contentBytes: w.contentBytes, sigTimestampMs: w.sigTimestampMs } };
}

/** decode1o1Message needs only the X25519 keys and the Session ID of the recipient. */
export function identityForDecrypt(keys: DecryptKeys): Identity {
  const none = new Uint8Array(0);
  return { sessionId: keys.sessionId, x25519: keys.x25519, ed25519: { publicKey: none, secretKey: none }, ed25519Seed: none };
}

export interface DecryptPool {
  /** Decodes every item; result i belongs to datas[i]. */
  decode(datas: readonly Uint8Array[]): Result<Incoming1o1>[];
  /**
   * Same results as decode, but the calling thread only posts and collects: every share goes to a worker
   * and the caller's event loop stays free meanwhile (e.g. to commit the previous batch).
   */
  decodeAsync(datas: readonly Uint8Array[]): Promise<Result<Incoming1o1>[]>;
  /**
   * openRoomMessage of every item (signature, Content, 6-hour rule), result i for items[i], computed by the
   * workers while the caller's event loop stays free (e.g. to store the previous page).
   */
  openRoomsAsync(items: readonly RoomOpenItem[]): Promise<Result<OpenedRoomMessage>[]>;
  /** Stops the workers; later calls throw. */
  close(): Promise<void>;
  /** Worker threads the pool uses (started on the first large batch). */
  readonly size: number;
  /** Whether the worker threads were started. */
  readonly started: boolean;
}

export interface DecryptPoolOptions {
  identity: Identity;
  /** The bundled worker script; absent (or not on disk) means every batch decodes in-thread. */
  workerFile?: string | undefined;
  /** Worker threads to start (lazily, on the first large batch). Default: defaultDecryptWorkers(). */
  size?: number;
  /** Batches smaller than this decode in-thread: posting them costs more than it saves. */
  threshold?: number;
  /** How long to wait for a silent worker before decoding its share in-thread (ms). */
  stallMs?: number;
}

export const DEFAULT_DECRYPT_THRESHOLD = 16;

/**
 * One worker per core but the caller's, at least one and at most 4: decodeAsync leaves all the crypto to them
 * while the caller commits, so the caller's thread keeps a core. On 2 cores a second worker only competed with
 * it (and cost its own start-up inside a catch-up): the room catch-up bench took about a fifth longer with two.
 */
export function defaultDecryptWorkers(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

/** Atomics.waitAsync (Node >= 16; the project's TypeScript lib predates its declaration). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(a: Int32Array, index: number, value: number, timeoutMs: number): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync.bind(Atomics);

/**
 * Where the build puts the worker next to the host bundles (build/<host>/x.js -> build/workers/decrypt.js). In the
 * packaged app the bundles live in app.asar and the worker, which must be a real file, in app.asar.unpacked
 * (electron-builder.yml `asarUnpack`).
 */
export function bundledDecryptWorkerFile(dir: string = __dirname, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  const file = path.join(dir, '..', 'workers', 'decrypt.js');
  const unpacked = file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  if (unpacked !== file && exists(unpacked)) return unpacked;
  return exists(file) ? file : undefined;
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
}

export function createDecryptPool(o: DecryptPoolOptions): DecryptPool {
  const size = Math.max(1, o.size ?? defaultDecryptWorkers());
  const threshold = o.threshold ?? DEFAULT_DECRYPT_THRESHOLD;
  const stallMs = o.stallMs ?? 10_000;
  const workerFile = o.workerFile !== undefined && fs.existsSync(o.workerFile) ? o.workerFile : undefined;
  const keys: DecryptKeys = { sessionId: o.identity.sessionId, x25519: { publicKey: o.identity.x25519.publicKey, secretKey: o.identity.x25519.secretKey } };
  const signal = new SharedArrayBuffer(4);
  const answered = new Int32Array(signal);
  const workers: PoolWorker[] = [];
  let broken = false;
  let nextId = 1;
  let closed = false;

  // Each worker keeps its own sender-key cache; this one serves the batches decoded in this thread.
  const senderKeys = createSenderKeyCache();
  const inThread = (datas: readonly Uint8Array[]): Result<Incoming1o1>[] => datas.map((d) => decode1o1Message(o.identity, d, senderKeys.convert));

  const start = (file: string): void => {
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const data: DecryptWorkerData = { keys, port: port2, signal };
      const worker = new Worker(file, { workerData: data, transferList: [port2] });
      // Idle workers must never keep a host alive (requests are waited for synchronously anyway).
      worker.unref();
      port1.unref();
      worker.on('error', () => {
        // Its share is then decoded in-thread after the stall timeout; stop using the pool.
        broken = true;
      });
      workers.push({ worker, port: port1 });
    }
  };

  /** Request ids some caller still waits for. */
  const pending = new Set<number>();
  /** Answers read off a port while looking for another one (synchronous and asynchronous callers share ports). */
  const early = new Map<number, DecryptResponse>();
  /** Drains `port` until the answer `id` shows up; undefined if it has not arrived yet. */
  const take = (port: MessagePort, id: number): DecryptResponse | undefined => {
    let m = early.get(id);
    if (m) early.delete(id);
    while (!m) {
      const got = receiveMessageOnPort(port);
      if (!got) return undefined;
      const r = got.message as DecryptResponse;
      if (r.id === id) m = r;
      else if (pending.has(r.id)) early.set(r.id, r);
      // else: an answer to an abandoned request
    }
    if (m.results || m.rooms) return m;
    throw new Error(`decrypt worker failed: ${m.failure ?? 'no results'}`);
  };

  /** Waits for the answer `id` on `port`; undefined if the worker stays silent for stallMs. */
  const waitForAnswer = (port: MessagePort, id: number): DecryptResponse | undefined => {
    const deadline = Date.now() + stallMs;
    for (;;) {
      const seen = Atomics.load(answered, 0);
      const got = take(port, id);
      if (got) return got;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(answered, 0, seen, Math.min(left, 100));
    }
  };

  /** As waitForAnswer, without blocking the thread; fails once the pool closes. */
  const waitForAnswerAsync = async (port: MessagePort, id: number): Promise<DecryptResponse | undefined> => {
    const deadline = Date.now() + stallMs;
    for (;;) {
      if (closed) throw new Error('The decrypt pool is closed.');
      const seen = Atomics.load(answered, 0);
      const got = take(port, id);
      if (got) return got;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      const w = waitAsync(answered, 0, seen, Math.min(left, 100));
      if (w.async) await w.value;
    }
  };

  const post = (w: PoolWorker, slice: Uint8Array[]): { port: MessagePort; id: number; slice: Uint8Array[] } => {
    const req: DecryptRequest = { id: nextId++, datas: slice };
    pending.add(req.id);
    w.worker.postMessage(req);
    return { port: w.port, id: req.id, slice };
  };
  const postRooms = (w: PoolWorker, slice: RoomOpenItem[]): { port: MessagePort; id: number; slice: RoomOpenItem[] } => {
    const req: DecryptRequest = { id: nextId++, rooms: slice };
    pending.add(req.id);
    w.worker.postMessage(req);
    return { port: w.port, id: req.id, slice };
  };
  const roomsInThread = (items: readonly RoomOpenItem[]): Result<OpenedRoomMessage>[] => items.map((i) => openRoomMessage(i));
  /** Large batches of room posts opened in this thread before the workers started. */
  let roomBatchesInThread = 0;

  return {
    size,
    get started() {
      return workers.length > 0;
    },
    decode(datas) {
      if (closed) throw new Error('The decrypt pool is closed.');
      if (!workerFile || broken || datas.length < threshold) return inThread(datas);
      if (workers.length === 0) start(workerFile);
      // Contiguous slices: workers take the first ones, this thread the last; order is then trivial.
      const shares = workers.length + 1;
      const per = Math.ceil(datas.length / shares);
      const sent: { port: MessagePort; id: number; slice: Uint8Array[] }[] = [];
      for (let i = 0; i < workers.length && i * per < datas.length; i++) sent.push(post(workers[i] as PoolWorker, datas.slice(i * per, (i + 1) * per)));
      const own = inThread(datas.slice(sent.length * per));
      const out: Result<Incoming1o1>[] = [];
      for (const s of sent) {
        const answer = waitForAnswer(s.port, s.id);
        pending.delete(s.id);
        if (answer === undefined) broken = true;
        out.push(...(answer?.results === undefined ? inThread(s.slice) : answer.results.map(fromWire)));
      }
      out.push(...own);
      return out;
    },
    async decodeAsync(datas) {
      if (closed) throw new Error('The decrypt pool is closed.');
      if (!workerFile || broken || datas.length < threshold) return inThread(datas);
      if (workers.length === 0) start(workerFile);
      // Every share goes to a worker: this thread is free to commit meanwhile.
      const per = Math.ceil(datas.length / workers.length);
      const sent: { port: MessagePort; id: number; slice: Uint8Array[] }[] = [];
      for (let i = 0; i < workers.length && i * per < datas.length; i++) sent.push(post(workers[i] as PoolWorker, datas.slice(i * per, (i + 1) * per)));
      // A pending Atomics.waitAsync does not keep the process alive: the working workers do, meanwhile.
      for (const w of workers) w.worker.ref();
      const out: Result<Incoming1o1>[] = [];
      try {
        for (const s of sent) {
          const answer = await waitForAnswerAsync(s.port, s.id);
          if (answer === undefined) broken = true;
          out.push(...(answer?.results === undefined ? inThread(s.slice) : answer.results.map(fromWire)));
        }
      } finally {
        for (const s of sent) pending.delete(s.id);
        if (pending.size === 0) for (const w of workers) w.worker.unref();
      }
      return out;
    },
    async openRoomsAsync(items) {
      if (closed) throw new Error('The decrypt pool is closed.');
      if (!workerFile || broken || items.length < threshold) return roomsInThread(items);
      if (workers.length === 0) {
        // The workers take a while to start (and load libsodium), and starting them takes the other core: a
        // room's first page after joining (which the user waits for, while the page draws the room) is opened
        // here without them. A second large batch is a catch-up: the workers start, and take the ones after it.
        if (roomBatchesInThread++ > 0) start(workerFile);
        return roomsInThread(items);
      }
      const per = Math.ceil(items.length / workers.length);
      const sent: { port: MessagePort; id: number; slice: RoomOpenItem[] }[] = [];
      for (let i = 0; i < workers.length && i * per < items.length; i++) sent.push(postRooms(workers[i] as PoolWorker, items.slice(i * per, (i + 1) * per)));
      for (const w of workers) w.worker.ref();
      const out: Result<OpenedRoomMessage>[] = [];
      try {
        for (const s of sent) {
          const answer = await waitForAnswerAsync(s.port, s.id);
          if (answer === undefined) broken = true;
          out.push(...(answer?.rooms === undefined ? roomsInThread(s.slice) : answer.rooms.map(roomFromWire)));
        }
      } finally {
        for (const s of sent) pending.delete(s.id);
        if (pending.size === 0) for (const w of workers) w.worker.unref();
      }
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Wake asynchronous waiters so they fail now instead of after the stall timeout.
      Atomics.add(answered, 0, 1);
      Atomics.notify(answered, 0);
      await Promise.all(
        workers.splice(0).map(async (w) => {
          w.port.close();
          await w.worker.terminate();
        }),
      );
    },
  };
}
