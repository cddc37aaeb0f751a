// Room images (spec advanced.md A.6): a room object's `image_id` names a file of the room, fetched with
// GET /room/{token}/file/{id} through the community server's client. When a room's image id changes (at join,
// or when a poll brings new room details) the image is downloaded, checked to be an image by its bytes, and kept
// sealed at rest by the file store like profile pictures; the room's summary then carries an avatarVersion and
// `avatars.get` serves the picture by the room's conversation id. A download that fails for the network is
// retried with back-off; bytes that are not an image are kept out (logged, not retried for the same image id)
// and the room keeps its initials.
import { NetworkError } from '../../network';
import { avatarVersionOf } from '../db/avatarStore';
import type { CommunityImageStore } from '../db/communityImageStore';
import type { Logger } from '../log';
import { sniffContentType } from '../media/image';
import type { FileStore } from '../media/fileStore';
import type { AvatarData } from './avatars';

/** Largest room image we download (the servers' file limit). */
export const MAX_ROOM_IMAGE_BYTES = 10_000_000;
const RETRY_BASE_MS = 30_000;
/** Offered rooms' images kept in memory (the default rooms of the network's server). */
const MAX_PREVIEWS = 32;
const MAX_RETRY_MS = 3600 * 1000;
const MAX_ATTEMPTS = 6;

export interface CommunityImagesDeps {
  store: CommunityImageStore;
  files: Pick<FileStore, 'write' | 'read' | 'delete' | 'sweep'>;
  /** Fetches a room file (undefined when the network is not running or the server is unknown). */
  download: (baseUrl: string, token: string, fileId: number, pubkey?: string) => Promise<Uint8Array> | undefined;
  /** The rooms' pictures changed: their summaries are news. */
  changed: (conversationIds: string[]) => void;
  log: Logger;
  now: () => number;
  retryBaseMs?: number;
}

export interface CommunityImagesService {
  start(): void;
  stop(): void;
  /** Rooms' image ids may have changed: fetch or drop copies (deferred, coalesced). */
  kick(): void;
  /** The room's picture, or null. */
  get(conversationId: string): AvatarData | null;
  /** The avatarVersion of a room whose picture is here. */
  version(conversationId: string): string | undefined;
  /**
   * A room listed by its server but not joined (Join Community's default rooms): its image may be asked for
   * with `preview`. Returns the image's version.
   */
  offer(conversationId: string, server: { baseUrl: string; pubkey: string }, token: string, imageId: string): string;
  /** The room's picture: the kept copy of a joined room, else an offered room's image fetched now (memory only). */
  preview(conversationId: string): Promise<AvatarData | null>;
  /** Resolves when no download is running or queued (tests, CLI). */
  idle(): Promise<void>;
}

const describe = (err: unknown): string =>
  err instanceof NetworkError ? `${err.kind}${err.detail ? `: ${err.detail}` : ''}` : err instanceof Error ? err.message : String(err);

/** A version token of a room's image: changes whenever the room's image id does. */
export const roomImageVersion = (conversationId: string, imageId: string): string => avatarVersionOf(`${conversationId}#image=${imageId}`);

export function createCommunityImagesService(d: CommunityImagesDeps): CommunityImagesService {
  const retryBaseMs = d.retryBaseMs ?? RETRY_BASE_MS;
  let running = false;
  let scanQueued = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const inFlight = new Map<string, Promise<void>>();
  const failures = new Map<string, { attempts: number; nextAt: number; permanent: boolean }>();
  const idleWaiters = new Set<() => void>();
  const busy = (): boolean => inFlight.size > 0 || scanQueued;
  const notifyIdle = (): void => {
    if (busy()) return;
    for (const w of [...idleWaiters]) w();
  };
  const short = (id: string): string => id.slice(0, 60);
  const offered = new Map<string, { baseUrl: string; pubkey: string; token: string; imageId: string }>();
  const previews = new Map<string, Promise<AvatarData | null>>();

  const sweep = (): void => {
    try {
      d.files.sweep();
    } catch (err) {
      d.log.warn(`communities: sweeping replaced room images failed (${describe(err)})`);
    }
  };

  const scheduleRetry = (): void => {
    if (!running) return;
    // Only retries still to come: one already due is taken by the scan that runs now (or is of a picture no
    // longer wanted), and timing it would only wake the scan at once, again and again.
    const now = d.now();
    const next = Math.min(...[...failures.values()].filter((f) => !f.permanent && f.nextAt > now).map((f) => f.nextAt));
    if (!Number.isFinite(next)) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      self.kick();
    }, next - now);
    retryTimer.unref?.();
  };

  const download = async (id: string, baseUrl: string, token: string, imageId: string, key: string): Promise<void> => {
    try {
      const fileId = Number(imageId);
      if (!Number.isSafeInteger(fileId) || fileId <= 0) throw new Error(`the room's image id is not a file id (${imageId.slice(0, 20)})`);
      const p = d.download(baseUrl, token, fileId);
      if (!p) return;
      const bytes = await p;
      if (bytes.byteLength > MAX_ROOM_IMAGE_BYTES) throw new Error(`the room image is too large (${bytes.byteLength} bytes)`);
      const contentType = sniffContentType(bytes);
      if (!contentType.startsWith('image/')) throw new Error(`the room image is not an image (${contentType}, ${bytes.byteLength} bytes)`);
      if (!running) return;
      const stored = d.files.write(bytes);
      if (!d.store.setFile(id, imageId, { ...stored, contentType })) {
        // The room's image changed (or the room was left) meanwhile.
        d.files.delete(stored.fileId);
        return;
      }
      failures.delete(key);
      sweep();
      d.log.info(`communities: the image of ${short(id)} arrived`);
      d.changed([id]);
    } catch (err) {
      const f = failures.get(key) ?? { attempts: 0, nextAt: 0, permanent: false };
      f.attempts++;
      const transient = err instanceof NetworkError && err.kind !== 'not-found';
      f.permanent = !transient || f.attempts >= MAX_ATTEMPTS;
      f.nextAt = d.now() + Math.min(MAX_RETRY_MS, retryBaseMs * 2 ** (f.attempts - 1));
      failures.set(key, f);
      // A copy of an earlier image is no longer the room's: it goes now rather than when a later image arrives.
      if (f.permanent && running) {
        try {
          if (d.store.clearFile(id)) sweep();
        } catch {
          // kept until the next change
        }
      }
      d.log.warn(
        `communities: the image of ${short(id)} was not kept (attempt ${f.attempts}${f.permanent ? ', not retried' : ''}: ${describe(err)}); its initials are shown`,
      );
      scheduleRetry();
    }
  };

  const scan = (): void => {
    scanQueued = false;
    if (!running) return notifyIdle();
    const dropped: string[] = [];
    const now = d.now();
    let waiting = false;
    for (const w of d.store.work()) {
      if (w.imageId === null) {
        if (d.store.clearFile(w.conversationId)) dropped.push(w.conversationId);
        continue;
      }
      const key = `${w.conversationId}|${w.imageId}`;
      if (inFlight.has(key)) continue;
      const f = failures.get(key);
      if (f && (f.permanent || f.nextAt > now)) {
        waiting ||= !f.permanent;
        continue;
      }
      const p = download(w.conversationId, w.baseUrl, w.token, w.imageId, key).finally(() => {
        inFlight.delete(key);
        notifyIdle();
      });
      inFlight.set(key, p);
    }
    if (dropped.length > 0) {
      sweep();
      d.changed(dropped);
    }
    // A retry timer may fire a little before its time by this clock (timers keep their own): the retry is
    // then not due yet, and must be timed again rather than wait for the next poll's kick.
    if (waiting) scheduleRetry();
    notifyIdle();
  };

  const self: CommunityImagesService = {
    start() {
      if (running) return;
      running = true;
      self.kick();
    },
    stop() {
      running = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      notifyIdle();
    },
    kick() {
      if (scanQueued || !running) return;
      scanQueued = true;
      // After the current transaction: image ids written inside one are committed by then.
      setImmediate(() => {
        try {
          scan();
        } catch (err) {
          scanQueued = false;
          d.log.warn(`communities: looking for room images to fetch failed (${describe(err)})`);
          notifyIdle();
        }
      });
    },
    get(id) {
      const f = d.store.file(id);
      if (!f) return null;
      try {
        const bytes = d.files.read(f.fileId, f.fileKey);
        return { dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), contentType: f.contentType, version: roomImageVersion(id, f.imageId) };
      } catch (err) {
        d.log.warn(`communities: a stored room image could not be read (${describe(err)})`);
        return null;
      }
    },
    version(id) {
      const f = d.store.file(id);
      return f ? roomImageVersion(id, f.imageId) : undefined;
    },
    offer(id, server, token, imageId) {
      const cur = offered.get(id);
      if (cur?.imageId !== imageId) {
        offered.delete(id);
        offered.set(id, { baseUrl: server.baseUrl, pubkey: server.pubkey, token, imageId });
        while (offered.size > MAX_PREVIEWS) offered.delete(offered.keys().next().value as string);
      }
      return roomImageVersion(id, imageId);
    },
    async preview(id) {
      const kept = self.get(id);
      if (kept) return kept;
      const o = offered.get(id);
      if (!o) return null;
      const key = `${id}|${o.imageId}`;
      let p = previews.get(key);
      if (!p) {
        p = (async (): Promise<AvatarData | null> => {
          try {
            const fileId = Number(o.imageId);
            if (!Number.isSafeInteger(fileId) || fileId <= 0) throw new Error('the image id is not a file id');
            const bytes = await d.download(o.baseUrl, o.token, fileId, o.pubkey);
            if (!bytes) return null;
            if (bytes.byteLength > MAX_ROOM_IMAGE_BYTES) throw new Error(`too large (${bytes.byteLength} bytes)`);
            const contentType = sniffContentType(bytes);
            if (!contentType.startsWith('image/')) throw new Error(`not an image (${contentType}, ${bytes.byteLength} bytes)`);
            return { dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), contentType, version: roomImageVersion(id, o.imageId) };
          } catch (err) {
            d.log.warn(`communities: the image of listed room ${short(id)} was not shown (${describe(err)}); its initials are shown`);
            // A network failure may be tried again the next time the list is shown.
            if (err instanceof NetworkError && err.kind !== 'not-found') previews.delete(key);
            return null;
          }
        })();
        previews.set(key, p);
        while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value as string);
      }
      return p;
    },
    idle() {
      if (!busy()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const w = (): void => {
          if (busy()) return;
          idleWaiters.delete(w);
          resolve();
        };
        idleWaiters.add(w);
      });
    },
  };
  return self;
}
