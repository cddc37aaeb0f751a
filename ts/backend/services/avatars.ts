// Profile pictures (spec messaging §6.7), ours and our contacts'.
//   - Ours: a picture staged with purpose 'avatar' (already squared and re-encoded) is encrypted with
//     AES-256-GCM under a new random 32-byte profile key, uploaded to the file server, and its pointer
//     (URL + key) set in the UserProfile config, which pushes it to our other devices; the processed
//     image stays here, sealed at rest, so it can be shown and re-uploaded with the same key before the
//     file server forgets it (checked at start and periodically). A pointer set on another device is
//     downloaded like a contact's.
//   - Groups': the pointer is the group's Info p/q (cached by the groups service), fetched like a contact's.
//     A group we administer has its picture uploaded again on our own picture's schedule (same key; Info p
//     changes with the new URL).
//   - Contacts': pointers come from their profiles in messages (newer-only, applied by config sync) and
//     from the Contacts config. A few downloads run at once; each picture is decrypted (the deterministic
//     format when the URL has `d`, else AES-GCM), checked to be an image by its bytes, and stored keyed
//     by its URL, so an unchanged pointer is never fetched twice. Failures back off and end; an expired
//     file is not retried for the same URL.
import type { AccountView, ConversationSummary } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { NetworkError } from '../../network';
import { decryptAvatar, decryptDeterministicAttachment, encryptAvatar, parseFileUrl, type ProfilePic } from '../../protocol';
import { avatarVersionOf, type AvatarStore, type LocalAvatar } from '../db/avatarStore';
import type { Db } from '../db/database';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { sniffContentType } from '../media/image';
import type { FileStore } from '../media/fileStore';
import type { EngineNetwork } from './engineNetwork';
import type { GroupPictureRenewal } from './groups';
import type { StagingService } from './staging';

/** The file server keeps a file 14 days by default; ours is uploaded again after 12. */
export const DEFAULT_AVATAR_REUPLOAD_AFTER_MS = 12 * 24 * 3600 * 1000;
/** How often the re-upload and missing-picture checks run besides start. */
export const DEFAULT_AVATAR_CHECK_INTERVAL_MS = 3600 * 1000;
/** Largest picture blob we download (the file server's upload limit). */
export const MAX_AVATAR_DOWNLOAD_BYTES = 10_000_000;
const DEFAULT_CONCURRENCY = 3;
const DEFAULT_RETRY_BASE_MS = 30_000;
const MAX_RETRY_DELAY_MS = 3600 * 1000;
const DEFAULT_MAX_ATTEMPTS = 6;

export interface AvatarData {
  dataBase64: string;
  contentType: string;
  version: string;
}

export interface AvatarServiceOptions {
  reuploadAfterMs?: number;
  checkIntervalMs?: number;
  concurrency?: number;
  retryBaseMs?: number;
  maxAttempts?: number;
}

export interface AvatarServiceDeps {
  db: Db;
  store: AvatarStore;
  files: Pick<FileStore, 'write' | 'read' | 'delete' | 'sweep'>;
  /** Staging drops the staged picture once it is ours (the bytes are read before, so a failed upload keeps it staged). */
  staging: Pick<StagingService, 'takeAvatar'>;
  network: () => EngineNetwork | undefined;
  config: { started(): boolean; setProfilePicture(pic: ProfilePic | null): void };
  ownId: () => string | undefined;
  account: { get(): AccountView | null };
  conversations: { summaries(ids: Iterable<string>): ConversationSummary[] };
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  options?: AvatarServiceOptions;
  /** The pictures of groups we administer, uploaded again on our own picture's schedule. */
  groups?: () => GroupPictureRenewal | undefined;
  /** Community rooms' images, served by the room's conversation id (`{base}/{room}`). */
  rooms?: { get(conversationId: string): AvatarData | null; preview(conversationId: string): Promise<AvatarData | null> };
}

export interface AvatarService {
  /** Starts the periodic checks (re-upload, missing pictures) and runs them once now. */
  start(): void;
  stop(): void;
  /** Sets our picture from a staged file, or removes it (null). */
  setOwn(stageId: string | null): Promise<AccountView>;
  /**
   * A group admin's new group picture (Info p/q, spec advanced C.4): a file staged with purpose 'avatar' is
   * encrypted under a new key and uploaded like ours; the staged file is dropped once uploaded. The group's
   * local copy is fetched from the pointer like any group's.
   */
  uploadPicture(stageId: string): Promise<ProfilePic>;
  /** A picture here (ours for our own Session ID), or null. */
  get(id: string): AvatarData | null;
  /** As `get`, and a community room listed but not joined has its image fetched now (Join Community). */
  load(id: string): Promise<AvatarData | null>;
  /** Our picture's version when it is here. */
  ownVersion(): string | undefined;
  /** Pointers may have changed: look for pictures to fetch or drop (deferred, coalesced). */
  kick(): void;
  /** Re-uploads our picture when its last upload is older than the limit; true when it did. */
  checkReupload(): Promise<boolean>;
  /** The same for the pictures of groups we administer (Info p/q); how many were uploaded again. */
  checkGroupReuploads(): Promise<number>;
  /** Resolves when no download is running or queued for now (tests, CLI). */
  idle(): Promise<void>;
}

interface Failure {
  attempts: number;
  nextAt: number;
  permanent: boolean;
}

const describe = (err: unknown): string =>
  err instanceof NetworkError ? `${err.kind}${err.detail ? `: ${err.detail}` : ''}` : err instanceof Error ? err.message : String(err);

/**
 * Decrypts a downloaded picture blob with its profile key: the deterministic ("S") format when the URL's
 * fragment has `d`, else AES-256-GCM (spec messaging §6.7). Throws a clear error.
 */
export function decryptProfilePicture(url: string, blob: Uint8Array, key: Uint8Array): Uint8Array {
  const parsed = parseFileUrl(url);
  if (!parsed.ok) throw new Error(`the picture URL is not a file URL (${parsed.error.message})`);
  const r = parsed.value.deterministic ? decryptDeterministicAttachment(blob, key) : decryptAvatar(blob, key);
  if (!r.ok) throw new Error(`the picture could not be decrypted (${r.error.detail ?? r.error.message})`);
  return r.value;
}

export function createAvatarService(d: AvatarServiceDeps): AvatarService {
  const reuploadAfterMs = d.options?.reuploadAfterMs ?? DEFAULT_AVATAR_REUPLOAD_AFTER_MS;
  const checkIntervalMs = d.options?.checkIntervalMs ?? DEFAULT_AVATAR_CHECK_INTERVAL_MS;
  const concurrency = d.options?.concurrency ?? DEFAULT_CONCURRENCY;
  const retryBaseMs = d.options?.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const maxAttempts = d.options?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;

  let running = false;
  let interval: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let scanQueued = false;
  /** Downloads by `${id}|${url}`. */
  const inFlight = new Map<string, Promise<void>>();
  /** Back-off per URL: a URL that failed for one contact fails for all. */
  const failures = new Map<string, Failure>();
  let reuploading: Promise<boolean> | undefined;
  let reuploadingGroups: Promise<number> | undefined;
  const idleWaiters = new Set<() => void>();

  const own = (): LocalAvatar | null => d.store.own()?.file ?? null;

  const readData = (file: LocalAvatar): AvatarData | null => {
    try {
      const bytes = d.files.read(file.fileId, file.fileKey);
      return { dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), contentType: file.contentType, version: avatarVersionOf(file.url) };
    } catch (err) {
      d.log.warn(`avatars: a stored picture could not be read (${describe(err)})`);
      return null;
    }
  };

  const emitAccount = (): void => d.events.emit('account.changed', { account: d.account.get() });
  const emitContact = (id: string): void => {
    const list = d.conversations.summaries([id]);
    if (list.length > 0) d.events.emit('conversations.updated', { conversations: list });
  };

  const notifyIdle = (): void => {
    if (inFlight.size > 0 || scanQueued) return;
    for (const w of [...idleWaiters]) w();
  };

  const scheduleRetry = (): void => {
    if (!running) return;
    // Only retries still to come: one already due is taken by the scan that runs now (or is of a picture no
    // longer wanted), and timing it would only wake the scan at once, again and again.
    const now = d.now();
    const next = Math.min(...[...failures.values()].filter((f) => !f.permanent && f.nextAt > now).map((f) => f.nextAt));
    if (!Number.isFinite(next)) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        self.kick();
      },
      next - now,
    );
    retryTimer.unref?.();
  };

  type Owner = 'mine' | 'contact' | 'group';
  const download = async (id: string, url: string, key: Uint8Array, owner: Owner): Promise<void> => {
    const net = d.network();
    if (!net?.downloadFile) return;
    try {
      const blob = await net.downloadFile(url, { maxBytes: MAX_AVATAR_DOWNLOAD_BYTES });
      const bytes = decryptProfilePicture(url, blob, key);
      const contentType = sniffContentType(bytes);
      if (!contentType.startsWith('image/')) throw new Error(`the picture is not an image (${contentType})`);
      if (!running) return;
      const stored = d.files.write(bytes);
      const file = { ...stored, contentType };
      // Recorded only while the pointer is still this URL; a later one meanwhile wins.
      const kept = owner === 'mine' ? d.store.setOwnFile(url, file, d.now()) : owner === 'group' ? d.store.setGroupFile(id, url, file) : d.store.setContactFile(id, url, file);
      if (!kept) {
        d.files.delete(stored.fileId);
        return;
      }
      failures.delete(url);
      sweep();
      d.log.info(`avatars: ${owner === 'mine' ? 'our' : owner === 'group' ? 'a group’s' : 'a contact’s'} picture arrived`);
      if (owner === 'mine') emitAccount();
      else emitContact(id);
    } catch (err) {
      const f = failures.get(url) ?? { attempts: 0, nextAt: 0, permanent: false };
      f.attempts++;
      // An expired file, an undecryptable blob or a non-image will not get better for the same URL.
      const gone = err instanceof NetworkError ? err.kind === 'not-found' : true;
      const transient = err instanceof NetworkError && !gone;
      f.permanent = !transient || f.attempts >= maxAttempts;
      f.nextAt = d.now() + Math.min(MAX_RETRY_DELAY_MS, retryBaseMs * 2 ** (f.attempts - 1));
      failures.set(url, f);
      d.log.warn(`avatars: downloading a picture failed (attempt ${f.attempts}${f.permanent ? ', not retried' : ''}: ${describe(err)})`);
      scheduleRetry();
    }
  };

  const sweep = (): void => {
    try {
      d.files.sweep();
    } catch (err) {
      d.log.warn(`avatars: sweeping replaced pictures failed (${describe(err)})`);
    }
  };

  const scan = (): void => {
    scanQueued = false;
    if (!running) return notifyIdle();
    const me = d.ownId();
    const jobs: { id: string; url: string; key: Uint8Array; owner: Owner }[] = [];
    const o = d.store.own();
    if (me && o?.url && o.key && !o.file) jobs.push({ id: me, url: o.url, key: o.key, owner: 'mine' });
    let dropped = false;
    // Contacts' pictures, and groups' (Info p/q, the same format).
    for (const [owner, work, clear] of [
      ['contact', d.store.contactWork(), (id: string) => d.store.clearContactFile(id)],
      ['group', d.store.groupWork(), (id: string) => d.store.clearGroupFile(id)],
    ] as const) {
      for (const w of work) {
        if (w.url === null) {
          // Their picture was removed: the copy goes too.
          if (clear(w.id)) {
            dropped = true;
            emitContact(w.id);
          }
        } else if (w.key) jobs.push({ id: w.id, url: w.url, key: w.key, owner });
      }
    }
    if (dropped) sweep();
    const now = d.now();
    let waiting = false;
    for (const j of jobs) {
      if (inFlight.size >= concurrency) break;
      const k = `${j.id}|${j.url}`;
      if (inFlight.has(k)) continue;
      const f = failures.get(j.url);
      if (f && (f.permanent || f.nextAt > now)) {
        waiting ||= !f.permanent;
        continue;
      }
      const p = download(j.id, j.url, j.key, j.owner).finally(() => {
        inFlight.delete(k);
        // Another may be waiting for a free slot.
        self.kick();
      });
      inFlight.set(k, p);
    }
    // A retry timer may fire a little before its time by this clock (timers keep their own): the retry is
    // then not due yet, and must be timed again rather than wait for the next message or poll to kick.
    if (waiting) scheduleRetry();
    notifyIdle();
  };

  /**
   * A staged picture (purpose `avatar`) read back, checked to be an image, encrypted with a new key (spec
   * messaging §6.7: only re-uploads of the same picture reuse one) and uploaded; `texts` word the errors.
   */
  const uploadStaged = async (
    stageId: string,
    texts: { what: string; offline: string; failed: string },
  ): Promise<{ bytes: Uint8Array; contentType: string; key: Uint8Array; url: string }> => {
    const staged = d.store.staged(stageId);
    if (!staged || staged.purpose !== 'avatar') throw new IpcError('not_found', `No such ${texts.what} was staged. Choose the picture again.`);
    if (!staged.complete || staged.fileId === null || staged.fileKey === null) throw new IpcError('invalid_params', 'The picture has not been received completely.');
    let bytes: Uint8Array;
    try {
      bytes = d.files.read(staged.fileId, staged.fileKey);
    } catch (err) {
      throw new IpcError('not_found', 'The staged picture is no longer available. Choose the picture again.', describe(err));
    }
    const contentType = sniffContentType(bytes);
    if (!contentType.startsWith('image/')) throw new IpcError('invalid_params', 'The chosen file is not an image.');
    const net = d.network();
    if (!net?.uploadFile) throw new IpcError('unavailable', texts.offline);
    const key = d.randomBytes(32);
    try {
      return { bytes, contentType, key, url: (await net.uploadFile(encryptAvatar(bytes, key, d.randomBytes))).url };
    } catch (err) {
      if (err instanceof NetworkError) throw new IpcError('network', texts.failed, describe(err));
      throw err;
    }
  };

  const self: AvatarService = {
    start() {
      if (running) return;
      running = true;
      self.kick();
      void self.checkReupload();
      void self.checkGroupReuploads();
      interval = setInterval(() => {
        self.kick();
        void self.checkReupload();
        void self.checkGroupReuploads();
      }, checkIntervalMs);
      interval.unref?.();
    },
    stop() {
      running = false;
      if (interval) clearInterval(interval);
      if (retryTimer) clearTimeout(retryTimer);
      interval = undefined;
      retryTimer = undefined;
      notifyIdle();
    },
    kick() {
      if (scanQueued) return;
      scanQueued = true;
      // After the current transaction and task: pointers written inside one are committed by then.
      setImmediate(() => {
        try {
          scan();
        } catch (err) {
          scanQueued = false;
          d.log.warn(`avatars: looking for pictures to fetch failed (${describe(err)})`);
          notifyIdle();
        }
      });
    },
    idle() {
      if (inFlight.size === 0 && !scanQueued) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const w = (): void => {
          if (inFlight.size > 0 || scanQueued) return;
          idleWaiters.delete(w);
          resolve();
        };
        idleWaiters.add(w);
      });
    },

    async setOwn(stageId) {
      if (!d.config.started() || !d.ownId()) throw new IpcError('unavailable', 'Create or restore an account first.');
      if (stageId === null) {
        d.config.setProfilePicture(null);
        sweep();
        emitAccount();
        return d.account.get() as AccountView;
      }
      const { bytes, contentType, key, url } = await uploadStaged(stageId, {
        what: 'profile picture',
        offline: 'Profile pictures cannot be uploaded while the network is not running.',
        failed: 'Failed to update profile.',
      });
      const file = d.files.write(bytes);
      try {
        d.db.transaction(() => {
          d.config.setProfilePicture({ url, key });
          d.store.setOwnFile(url, { ...file, contentType }, d.now());
          d.staging.takeAvatar(stageId);
        })();
      } catch (err) {
        d.files.delete(file.fileId);
        throw err;
      }
      sweep();
      d.log.info('avatars: our profile picture was set');
      emitAccount();
      return d.account.get() as AccountView;
    },

    async uploadPicture(stageId) {
      const { key, url } = await uploadStaged(stageId, {
        what: 'picture',
        offline: 'Pictures cannot be uploaded while the network is not running.',
        failed: 'Could not upload the picture. Check your connection and try again.',
      });
      d.staging.takeAvatar(stageId);
      return { url, key };
    },

    get(id) {
      if (id.includes('/')) return d.rooms?.get(id) ?? null;
      const me = d.ownId();
      if (me !== undefined && id === me) {
        const f = own();
        return f ? readData(f) : null;
      }
      const f = id.startsWith('03') ? d.store.groupFile(id) : d.store.contactFile(id);
      return f ? readData(f) : null;
    },
    async load(id) {
      if (id.includes('/')) return (await d.rooms?.preview(id)) ?? null;
      return self.get(id);
    },
    ownVersion() {
      const f = own();
      return f ? avatarVersionOf(f.url) : undefined;
    },

    checkReupload() {
      if (reuploading) return reuploading;
      const run = async (): Promise<boolean> => {
        const o = d.store.own();
        if (!running || !o?.url || !o.key || !o.file || o.uploadedAt === null) return false;
        if (d.now() - o.uploadedAt < reuploadAfterMs) return false;
        const net = d.network();
        if (!net?.uploadFile) return false;
        const { url: oldUrl, key, file } = { url: o.url, key: o.key, file: o.file };
        try {
          const bytes = d.files.read(file.fileId, file.fileKey);
          const up = await net.uploadFile(encryptAvatar(bytes, key, d.randomBytes));
          const done = d.db.transaction((): boolean => {
            // Changed meanwhile (set again, removed, or a new one from another device): nothing to renew.
            if (d.store.own()?.url !== oldUrl) return false;
            d.config.setProfilePicture({ url: up.url, key });
            d.store.setOwnFile(up.url, { fileId: file.fileId, fileKey: file.fileKey, contentType: file.contentType }, d.now());
            return true;
          })();
          if (done) {
            d.log.info('avatars: our profile picture was uploaded again before the file server forgets it');
            emitAccount();
          }
          return done;
        } catch (err) {
          d.log.warn(`avatars: uploading our profile picture again failed (${describe(err)}); trying at the next check`);
          return false;
        }
      };
      reuploading = run().finally(() => {
        reuploading = undefined;
      });
      return reuploading;
    },

    checkGroupReuploads() {
      if (reuploadingGroups) return reuploadingGroups;
      const run = async (): Promise<number> => {
        const groups = d.groups?.();
        if (!running || !groups) return 0;
        let done = 0;
        for (const p of groups.adminPictures()) {
          const now = d.now();
          // A picture another admin set (or ours from before this version): its clock starts when first seen.
          if (p.uploadedAt === null) {
            groups.uploaded(p.id, p.url, now);
            continue;
          }
          if (now - p.uploadedAt < reuploadAfterMs) continue;
          const net = d.network();
          if (!net?.uploadFile) return done;
          const file = d.store.groupFile(p.id);
          if (!file?.current || file.url !== p.url) continue; // no copy here yet: the download comes first
          try {
            const bytes = d.files.read(file.fileId, file.fileKey);
            const up = await net.uploadFile(encryptAvatar(bytes, p.key, d.randomBytes));
            if (!(await groups.renew(p.id, p.url, { url: up.url, key: p.key }, d.now()))) continue;
            // Our copy is the new URL's too: what we just uploaded is not downloaded again.
            d.store.setGroupFile(p.id, up.url, { fileId: file.fileId, fileKey: file.fileKey, contentType: file.contentType });
            done++;
            d.log.info(`avatars: the picture of group ${p.id.slice(0, 10)}… was uploaded again before the file server forgets it`);
          } catch (err) {
            d.log.warn(`avatars: uploading the picture of group ${p.id.slice(0, 10)}… again failed (${describe(err)}); trying at the next check`);
          }
        }
        return done;
      };
      reuploadingGroups = run().finally(() => {
        reuploadingGroups = undefined;
      });
      return reuploadingGroups;
    },
  };
  return self;
}
