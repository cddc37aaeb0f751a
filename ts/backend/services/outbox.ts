// The outbox worker: drains the persisted send queue. Each row is encrypted once (the bytes are saved so
// a retry stores the same message and the swarm deduplicates it), stored through the network, then marked
// sent in one transaction that also queues the sync copy for our own swarm. Failures back off and end
// as `failed`; a restart picks up whatever is still queued.
import type { MessageView } from '../../ipc/contract';
import {
  ProtocolError,
  SignalService,
  TTL_MIN_MS,
  expirationFields,
  expirationTimerUpdateContent,
  quoteField,
  type ExpirationSetting,
  buildSyncContent,
  encode1o1Message,
  encodeNoteToSelf,
  needsSyncCopy,
  type AttachmentPointerProps,
  type ContentProps,
  type Identity,
} from '../../protocol';
import { NetworkError } from '../../network';
import { SogsError } from '../../network/sogs';
import type { Db } from '../db/database';
import type { MessageStore, OutboxRow } from '../db/messageStore';
import type { FollowUpSource } from './followUps';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { EngineNetwork } from './engineNetwork';
import { AttachmentUploadError, pointerOf, uploadMissingAttachments, type AttachmentUploadDeps } from './attachmentUpload';
import { outgoingTimerStart } from './disappearing';
import { crashPoint } from '../crashPoint';
// --- link previews (begin) ---
import { LINK_PREVIEW_ATTACHMENT_INDEX, withLinkPreview } from './linkPreviewContent';
// --- link previews (end) ---

/** Desktop's TTL for content messages (spec messaging §4.9). */
export const CONTENT_TTL_MS = 14 * 24 * 3600 * 1000;

export interface RetryPolicy {
  /** Attempts before a message is marked failed. */
  attempts: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, minDelayMs: 2_000, maxDelayMs: 60_000 };

export interface Outbox {
  start(): void;
  stop(): void;
  /** Looks for due work now. */
  kick(): void;
  /**
   * Tries every queued row now, also those waiting out a back-off (the network is back after an
   * outage: waiting up to a minute more only delays them). Attempt counts stay as they are.
   */
  retryWaiting(): void;
}

export interface OutboxDeps {
  db: Db;
  messages: MessageStore;
  network: EngineNetwork;
  identity: Identity;
  /** Our profile as it goes out with every visible message and request response (read at encode time). */
  profile: () => OutgoingProfile;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  retry: RetryPolicy;
  /** Rows sent in parallel. */
  concurrency?: number;
  /** Told after each attempt settled (stored, rescheduled or failed), so delivery waiters look again. */
  onAttempt?: () => void;
  /** Attachments of sent messages (uploaded before the message is encoded); absent: no message has any. */
  media?: Pick<AttachmentUploadDeps, 'attachments' | 'files' | 'progress'>;
  // --- disappearing messages (begin) ---
  /** Starts a sent message's disappearing timer (absent: timers of sent messages never start). */
  startTimer?: (messageId: string, startAt: number) => void;
  // --- disappearing messages (end) ---
  // --- communities (begin) ---
  /** Rows whose destination is a community room: posted to its server instead of stored in a swarm. */
  community?: {
    handles(destination: string): boolean;
    post(message: MessageView): Promise<{ serverId: number; postedAt: number }>;
    /** Records the server's id and time of a posted message (inside the outbox's transaction). */
    posted(messageId: string, serverId: number, postedAt: number): void;
  };
  // --- communities (end) ---
  // --- groups (begin) ---
  /**
   * Rows whose destination is a group (`03…`, spec advanced C.6): messages are encrypted with the group's keys
   * and stored to its namespace 11 with our subaccount signature; control rows carry bytes already encrypted so.
   */
  group?: {
    handles(destination: string): boolean;
    /** The namespace-11 bytes of a Content sent at `timestampMs` (throws IpcError/ProtocolError without keys). */
    encode(groupId: string, content: ContentProps, timestampMs: number): Uint8Array;
    store(groupId: string, data: Uint8Array, ttlMs: number): Promise<{ hash: string; t?: number }>;
  };
  // --- groups (end) ---
}

/** Encrypts Content for a group we are in (ts/backend/services/groups.ts); reactions and unsend use it too. */
export type GroupEncoder = Pick<NonNullable<OutboxDeps['group']>, 'handles' | 'encode'>;

/**
 * The outbox as a follow-up source: its sync and request-response rows (and, above a mark, every row a
 * change queued; below it, every row still pending, such as a message whose send was killed) until stored;
 * failed follow-up rows are reported with their last error and requeued on start.
 */
export function outboxFollowUpSource(messages: MessageStore): FollowUpSource {
  return {
    name: 'outbox',
    mark: () => messages.outboxMark(),
    status(since) {
      const rows = messages.outboxFollowUps(since);
      return {
        pending: rows.filter((r) => r.state === 'pending').length,
        pendingEarlier: since === undefined ? 0 : rows.filter((r) => r.state === 'pending' && r.id <= since).length,
        failed: rows
          .filter((r) => r.state === 'failed')
          .map((r) => ({
            source: 'outbox',
            kind: r.kind,
            id: String(r.id),
            destination: r.destination,
            ...(r.messageId !== null ? { messageId: r.messageId } : {}),
            attempts: r.attempts,
            error: r.lastError ?? 'Sending failed.',
            earlier: since !== undefined && r.id <= since,
          })),
      };
    },
    retryFailed: (now) => messages.requeueFailedFollowUps(now),
  };
}

/** Our profile as sent with messages (spec messaging §6.7). */
export interface OutgoingProfile {
  displayName: string;
  /** UNIX seconds of our last profile change (name or picture); 0 when unknown. */
  updatedSeconds: number;
  /** Our picture's file URL and 32-byte profile key, only when we have both. */
  picture?: { url: string; key: Uint8Array };
}

/** No name, no picture: what a profile-less sender (and a sync copy) carries. */
export const NO_PROFILE: OutgoingProfile = { displayName: '', updatedSeconds: 0 };

/**
 * The `profile` and `profileKey` fields of a DataMessage or MessageRequestResponse (spec messaging §6.7):
 * the picture URL and the key only together; nothing at all without a name and a picture.
 */
export function profileFields(p: OutgoingProfile): { profile?: SignalService.LokiProfile.$Properties; profileKey?: Uint8Array } {
  const pic = p.picture && p.picture.url !== '' && p.picture.key.length === 32 ? p.picture : undefined;
  if (p.displayName === '' && !pic) return {};
  return {
    profile: {
      ...(p.displayName !== '' ? { displayName: p.displayName } : {}),
      ...(p.updatedSeconds > 0 ? { lastProfileUpdateSeconds: p.updatedSeconds } : {}),
      ...(pic ? { profilePicture: pic.url } : {}),
    },
    ...(pic ? { profileKey: pic.key } : {}),
  };
}

/** The message-request response sent once when we accept someone's request (spec messaging §6.11). */
export function requestResponseContent(profile: OutgoingProfile): ContentProps {
  return { messageRequestResponse: { isApproved: true, ...profileFields(profile) } };
}

/** The Content of a text message as we send it (profile included, disappearing off). */
export function textContent(body: string, profile: OutgoingProfile): ContentProps {
  return {
    dataMessage: { body, ...profileFields(profile) },
    expirationType: SignalService.Content.ExpirationType.UNKNOWN,
    expirationTimer: 0,
  };
}

/** The profile part of what we send (profileFields: name, picture URL, profile key), empty when we have none. */
export type ProfilePart = ReturnType<typeof profileFields>;

/**
 * The Content of a message with attachments (spec messaging §6.6): the pointers in order, the text as
 * the body only when there is one (an attachment-only message has no body field), the profile part as
 * given, disappearing off. Text-only messages keep using textContent.
 */
export function attachmentMessageContent(body: string, pointers: readonly AttachmentPointerProps[], profile: ProfilePart): ContentProps {
  return {
    dataMessage: {
      ...(body !== '' ? { body } : {}),
      attachments: [...pointers],
      ...profile,
    },
    expirationType: SignalService.Content.ExpirationType.UNKNOWN,
    expirationTimer: 0,
  };
}

/** A message's own disappearing mode as the protocol builders take it. */
export function expirationSettingOf(message: Pick<MessageView, 'expiration' | 'control'>): ExpirationSetting | undefined {
  if (message.control?.type === 'expiration-timer') {
    const c = message.control;
    return c.mode === 'off' || c.seconds <= 0 ? undefined : { type: c.mode, timer: c.seconds };
  }
  return message.expiration ? { type: message.expiration.type, timer: message.expiration.seconds } : undefined;
}

/** The parts of a visible message beyond text and attachments: the quote and the expiration fields (spec messaging §6.2, §6.12). */
export function withMessageExtras(content: ContentProps, message: MessageView): ContentProps {
  const dataMessage = {
    ...content.dataMessage,
    ...(message.quote ? quoteField(message.quote) : {}),
    // A community invitation (spec messaging §6.5): its share URL and name.
    ...(message.communityInvitation ? { communityInvitation: { url: message.communityInvitation.url, name: message.communityInvitation.name } } : {}),
  };
  return { ...content, dataMessage, ...expirationFields(expirationSettingOf(message)) };
}

/**
 * The store TTL of an outbox row (spec messaging §6.12): a control row's own; after-send messages live as long
 * as their timer, as does our own sync copy of an after-read message; everything else 14 days.
 */
export function ttlOf(row: OutboxRow, message: MessageView | undefined): number {
  if (row.kind === 'control') return row.ttlMs;
  const e = message ? expirationSettingOf(message) : undefined;
  if (!e) return CONTENT_TTL_MS;
  if (e.type === 'after-send' || row.kind === 'sync' || row.destination === message?.sender) return Math.max(TTL_MIN_MS, e.timer * 1000);
  return CONTENT_TTL_MS;
}

function describe(err: unknown): string {
  if (err instanceof NetworkError) return err.message;
  if (err instanceof SogsError) return err.kind === 'forbidden' ? 'The community refused the message (you may be banned or not allowed to post).' : err.message;
  if (err instanceof AttachmentUploadError) return err.message;
  if (err instanceof ProtocolError) return err.message;
  return 'Sending failed. Please try again.';
}

export function createOutbox(d: OutboxDeps): Outbox {
  const me = d.identity.sessionId;
  const concurrency = d.concurrency ?? 4;
  let running = false;
  let again = false;
  /** While set (retryWaiting), passes take every pending row, due or not, once each. */
  let flushing: Set<number> | undefined;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<number>();

  const hasAttachments = (message: MessageView): boolean => d.media !== undefined && (message.attachments?.length ?? 0) > 0;
  // --- link previews (begin) ---
  /** Files to upload before encoding: the attachments and the link-preview image. */
  const hasUploads = (message: MessageView): boolean => hasAttachments(message) || (d.media !== undefined && message.preview?.image !== undefined);
  /** The DataMessage's `preview` (spec messaging §6.3), with the image's pointer once it is uploaded. */
  const previewed = (content: ContentProps, message: MessageView): ContentProps => {
    if (!message.preview) return content;
    const image = message.preview.image && d.media ? d.media.attachments.get(message.id, LINK_PREVIEW_ATTACHMENT_INDEX) : undefined;
    return withLinkPreview(content, message.preview, image ? pointerOf(image) : undefined);
  };
  // --- link previews (end) ---
  /** The one Content of a message: the 1:1 copy, the sync copy and note-to-self all carry the same. */
  const contentOf = (message: MessageView, profile: OutgoingProfile): ContentProps => {
    // A control message (the disappearing setting changed) has no body and no profile.
    if (message.control?.type === 'expiration-timer') return expirationTimerUpdateContent(expirationSettingOf(message));
    const base =
      !d.media || !hasAttachments(message)
        ? textContent(message.text, profile)
        : attachmentMessageContent(
            message.text,
            d.media.attachments
              .forMessage(message.id)
              .filter((r) => r.index !== LINK_PREVIEW_ATTACHMENT_INDEX)
              .map(pointerOf),
            profileFields(profile),
          );
    return withMessageExtras(previewed(base, message), message);
  };
  /** Aborts uploads when the outbox stops (the row stays queued and resumes with what is missing). */
  let uploads = new AbortController();

  const encode = (row: OutboxRow, message: MessageView | undefined): Uint8Array => {
    const random = d.randomBytes;
    if (row.kind === 'control') throw new ProtocolError('invalid_argument', 'A control row carries its bytes from the start.');
    if (row.kind === 'request-response' || !message) {
      const sentAt = row.kind === 'request-response' ? row.sentAt : 0;
      return encode1o1Message({ sender: d.identity, recipient: row.destination, content: requestResponseContent(d.profile()), timestampMs: sentAt, random }).wrapper;
    }
    const content = contentOf(message, d.profile());
    if (row.destination === me && row.kind === 'message') {
      return encodeNoteToSelf({ sender: d.identity, content, timestampMs: message.timestamp, random }).wrapper;
    }
    if (row.kind === 'sync') {
      return encode1o1Message({
        sender: d.identity,
        recipient: me,
        content: buildSyncContent(content, message.conversationId),
        timestampMs: message.timestamp,
        random,
      }).wrapper;
    }
    return encode1o1Message({ sender: d.identity, recipient: row.destination, content, timestampMs: message.timestamp, random }).wrapper;
  };

  const succeed = d.db.transaction((row: OutboxRow, message: MessageView | undefined, hash: string, storedAt?: number): MessageView | undefined => {
    d.messages.removeOutbox(row.id);
    d.messages.markSeen(hash, d.now() + CONTENT_TTL_MS);
    // Our own swarm's copy of the message: what "delete for everyone" deletes there.
    if (row.kind === 'sync' && message) d.messages.setSyncHash(message.id, hash);
    if (row.kind !== 'message' || !message) return undefined;
    d.messages.setStatus(message.id, 'sent', null, hash);
    // --- disappearing messages (begin) ---
    // Its timer starts now that it is stored (a failed send never starts it): spec messaging §6.12.
    const start = outgoingTimerStart(message, storedAt, d.now());
    if (start !== undefined && message.expiresAt === undefined) d.startTimer?.(message.id, start);
    // --- disappearing messages (end) ---
    const needsSync = hasAttachments(message) || needsSyncCopy(contentOf(message, NO_PROFILE));
    // A group's messages need no sync copy: our other devices read the group's swarm.
    if (row.destination !== me && !d.group?.handles(row.destination) && needsSync && !d.messages.hasOutbox(message.id, 'sync')) {
      d.messages.enqueue({ messageId: message.id, kind: 'sync', destination: me, nextAttemptAt: d.now() });
    }
    return d.messages.get(message.id);
  });

  const fail = d.db.transaction((row: OutboxRow, attempts: number, error: string, permanent: boolean): MessageView | undefined => {
    if (!permanent && attempts < d.retry.attempts) {
      const delay = Math.min(d.retry.maxDelayMs, d.retry.minDelayMs * 2 ** (attempts - 1));
      d.messages.reschedule(row.id, attempts, d.now() + delay, error);
      return undefined;
    }
    d.messages.failOutbox(row.id, attempts, error);
    if (row.kind !== 'message') return undefined;
    d.messages.setStatus(row.messageId, 'failed', error);
    d.media?.attachments.failUploads(row.messageId, error);
    return d.messages.get(row.messageId);
  });

  // --- communities (begin) ---
  const succeedPosted = d.db.transaction((row: OutboxRow, messageId: string, serverId: number, postedAt: number): MessageView | undefined => {
    d.messages.removeOutbox(row.id);
    d.messages.setStatus(messageId, 'sent', null);
    d.community?.posted(messageId, serverId, postedAt);
    return d.messages.get(messageId);
  });
  // --- communities (end) ---

  const sendOne = async (row: OutboxRow): Promise<void> => {
    const message = row.kind === 'request-response' || row.kind === 'control' ? undefined : d.messages.get(row.messageId);
    if ((row.kind === 'message' || row.kind === 'sync') && !message) {
      d.messages.removeOutbox(row.id);
      return;
    }
    let data = row.data;
    try {
      // --- communities (begin) ---
      if (row.kind === 'message' && message && d.community?.handles(row.destination)) {
        const posted = await d.community.post(message);
        if (stopped) return;
        const updated = succeedPosted(row, message.id, posted.serverId, posted.postedAt);
        if (updated) d.events.emit('messages.updated', { messages: [updated] });
        return;
      }
      // --- communities (end) ---
      if (!data && row.kind === 'message' && message && d.media && hasUploads(message)) {
        const media = d.media;
        await uploadMissingAttachments(
          { ...media, network: d.network, events: d.events, log: d.log, now: d.now, randomBytes: d.randomBytes, message: () => d.messages.get(message.id) },
          message.id,
          uploads.signal,
        );
        if (stopped) return;
      }
      const group = d.group?.handles(row.destination) ? d.group : undefined;
      if (!data) {
        data = group && message ? group.encode(row.destination, contentOf(message, d.profile()), message.timestamp) : encode(row, message);
        d.messages.setOutboxData(row.id, data);
      }
      crashPoint('send.encoded');
      const result = group ? await group.store(row.destination, data, ttlOf(row, message)) : await d.network.storeMessage(row.destination, 0, data, ttlOf(row, message));
      if (stopped) return; // closing: the row stays queued; the swarm dedupes the same bytes next time
      crashPoint('send.stored');
      const updated = succeed(row, message, result.hash, result.t);
      crashPoint('send.marked');
      if (updated) d.events.emit('messages.updated', { messages: [updated] });
    } catch (err) {
      if (stopped || (err instanceof NetworkError && (err.kind === 'stopped' || err.kind === 'aborted'))) return;
      const permanent =
        err instanceof ProtocolError ||
        (err instanceof AttachmentUploadError && err.permanent) ||
        // A community server's refusal (banned, no write permission, gone) does not change with a retry.
        (err instanceof SogsError && ['forbidden', 'unauthorized', 'bad-request', 'not-found', 'too-large', 'rejected'].includes(err.kind));
      const detail = err instanceof NetworkError ? `${err.kind}${err.detail ? `: ${err.detail}` : ''}` : err instanceof Error ? err.message : String(err);
      const what = row.kind === 'request-response' ? row.destination : row.kind === 'control' ? `${row.label} to ${row.destination}` : row.messageId;
      d.log.warn(`outbox: ${row.kind} ${what} attempt ${row.attempts + 1} failed (${detail})`);
      const updated = fail(row, row.attempts + 1, describe(err), permanent);
      if (updated) d.events.emit('messages.updated', { messages: [updated] });
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    const next = d.messages.nextDueAt();
    if (next === undefined) return;
    timer = setTimeout(() => run(), Math.max(0, next - d.now()));
    timer.unref?.();
  };

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          // A pool of `concurrency` slots, each taking the next due row as soon as its own send settles:
          // a slow store (a path timing out, a swarm waiting on a dead peer) holds up only its own slot,
          // where batches made every row behind it wait for it (the soak's send-to-sent p50 was 14 s).
          let queue: OutboxRow[] = [];
          let exhausted = false;
          let tookAny = false;
          const next = (): OutboxRow | undefined => {
            if (queue.length === 0 && !exhausted) {
              const tried = flushing;
              queue = (
                tried
                  ? d.messages.due(Number.MAX_SAFE_INTEGER, concurrency * 4 + tried.size).filter((r) => !tried.has(r.id))
                  : d.messages.due(d.now(), concurrency * 4)
              ).filter((r) => !inFlight.has(r.id));
              if (tried) {
                for (const r of queue) tried.add(r.id);
                if (queue.length === 0) flushing = undefined;
              }
              if (queue.length === 0) exhausted = true;
            }
            return queue.shift();
          };
          const slot = async (): Promise<void> => {
            for (let r = next(); r && !stopped; r = next()) {
              inFlight.add(r.id);
              tookAny = true;
              try {
                await sendOne(r);
              } finally {
                inFlight.delete(r.id);
                d.onAttempt?.();
              }
            }
          };
          await Promise.all(Array.from({ length: concurrency }, slot));
          // Sends queue follow-ups (sync copies): look again until a round finds nothing due.
          if (tookAny || flushing) again = true;
        } while (again && !stopped);
      } catch (err) {
        d.log.error('outbox: worker failed', err);
      } finally {
        running = false;
        schedule();
      }
    })();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      uploads = new AbortController();
      run();
    },
    stop() {
      stopped = true;
      uploads.abort();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    kick: run,
    retryWaiting() {
      if (stopped) return;
      flushing ??= new Set();
      run();
    },
  };
}
