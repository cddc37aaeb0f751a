// Disappearing messages (spec messaging §6.12, §6.13; spec/ui.md §5.3): a conversation's setting lives in
// the configs (Contacts `e`/`E` for a private chat, UserProfile `e` for Note to Self), so changing it edits
// the config (pushed to our other devices) and queues a control message (EXPIRATION_TIMER_UPDATE) to the
// peer in the same transaction. Every expirable message we send is stored with the setting current at send
// time; the outbox starts its timer once the message is stored on the swarm. Incoming timer updates change
// the setting through the same config. After-read messages we read are shortened on our own swarm.
import type { ConversationSummary, ExpirationMode, ExpirationView, MessageView } from '../../ipc/contract';
import { EXPIRATION_TIMER_VALUES } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { bytesToHex, parseRecipientSessionId, type Identity } from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { ExpirationStore } from '../db/expirationStore';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { ConversationsService } from './conversations';
import type { EngineNetwork } from './engineNetwork';
import type { MessagingRuntime } from './messages';

/** The config edit the service needs (config sync implements it). */
export interface ExpirationConfig {
  setExpiration(id: string, setting: ExpirationView | undefined): boolean;
  noteToSelfExpiry(): number | undefined;
}

export const GROUPS_NOT_SUPPORTED_MESSAGE = 'Disappearing messages can be set only in one-to-one conversations and Note to Self.';
/** A group's timer is its Info `E`, which only its admins may change (spec advanced C.4). */
export const GROUP_ADMINS_ONLY_MESSAGE = 'Only the group’s admins can change its disappearing messages setting.';

/**
 * A setting as a conversation keeps it (spec messaging §6.12-6.13): off for a zero timer; Note to Self
 * knows only after-send, so after-read is coerced there. Undefined: off.
 */
export function normalizeSetting(kind: 'private' | 'note-to-self', mode: ExpirationMode, seconds: number): ExpirationView | undefined {
  if (mode === 'off' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return { type: kind === 'note-to-self' ? 'after-send' : mode, seconds: Math.trunc(seconds) };
}

/** Whether a timer is one the official apps offer (any is accepted on receive; we only set these). */
export const isOfferedTimer = (seconds: number): boolean => (EXPIRATION_TIMER_VALUES as readonly number[]).includes(seconds);

export const sameSetting = (a: ExpirationView | undefined, b: ExpirationView | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.type === b.type && a.seconds === b.seconds;

/** The NewMessage fields of a message sent under `setting`: its own mode and timer (started when sent). */
export function messageExpirationFields(setting: ExpirationView | undefined): { expirationType?: 'after-send' | 'after-read'; expirationTimer?: number } {
  return setting ? { expirationType: setting.type, expirationTimer: setting.seconds } : {};
}

/**
 * When a message we sent starts disappearing (spec messaging §6.12): after-send at the store reply's `t`
 * (our sent time when the node did not say); after-read at once, since we have read it.
 */
export function outgoingTimerStart(message: Pick<MessageView, 'expiration' | 'timestamp'>, storedAt: number | undefined, now: number): number | undefined {
  if (!message.expiration) return undefined;
  return message.expiration.type === 'after-send' ? (storedAt ?? message.timestamp) : now;
}

export interface DisappearingService {
  /** A conversation's current setting (what every expirable message sent now carries); undefined: off. */
  currentExpiration(conversationId: string): ExpirationView | undefined;
  /** conversations.setExpiration: edits the config, queues the control message, returns the summary. */
  setExpiration(id: string, mode: ExpirationMode, seconds: number): ConversationSummary;
  /**
   * An incoming (or synced) timer update: the conversation's setting follows through the config. Runs inside
   * the receiver's transaction; returns whether the setting changed.
   */
  remoteSetting(conversationId: string, setting: ExpirationView | undefined, sentAt: number): boolean;
  /**
   * Incoming after-read messages were read: shortens their expiry on our own swarm to the new local expiry
   * (batched by identical expiry, best effort with retries). Never throws; never delays marking read.
   */
  shortenOnSwarm(messageIds: readonly string[]): void;
  /**
   * Watches message updates for incoming after-read messages whose timer just started (read here) and
   * shortens them on our swarm; returns the unsubscribe.
   */
  watchReads(): () => void;
}

export function createDisappearingService(d: {
  db: Db;
  messages: MessageStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  store: ExpirationStore;
  /** Config sync once it runs (the setting is config state). */
  config: () => ExpirationConfig | undefined;
  identity: () => Identity | undefined;
  events: EventBus;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  runtime: () => MessagingRuntime | undefined;
  network: () => EngineNetwork | undefined;
  /** A group's delete-after-send timer (Info `E`, seconds; 0 or undefined: off). */
  groupExpiry?: (id: string) => number | undefined;
  /** Retries of a failed swarm shortening (tests shorten the delay). */
  shortenRetry?: { attempts: number; delayMs: number };
}): DisappearingService {
  const retry = d.shortenRetry ?? { attempts: 3, delayMs: 5_000 };
  const me = (): string => {
    const id = d.identity();
    if (!id) throw new IpcError('not_found', 'Create or restore an account first.');
    return id.sessionId;
  };

  const kindOf = (raw: string, ownId: string): { id: string; kind: 'private' | 'note-to-self' } => {
    const input = raw.trim();
    // A group's timer is set by its admins (Info `E`, read-only for members); communities have none.
    const known = d.conversations.get(input)?.kind;
    if (known === 'group') throw new IpcError('invalid_params', GROUP_ADMINS_ONLY_MESSAGE);
    if (/^03[0-9a-f]{64}$/i.test(input) || known === 'community') throw new IpcError('invalid_params', GROUPS_NOT_SUPPORTED_MESSAGE);
    const parsed = parseRecipientSessionId(input);
    if (!parsed.ok) throw new IpcError('invalid_params', 'This is not an Account ID.');
    const id = parsed.value.hex;
    if (id === ownId) return { id, kind: 'note-to-self' };
    if (!id.startsWith('05')) throw new IpcError('invalid_params', GROUPS_NOT_SUPPORTED_MESSAGE);
    return { id, kind: 'private' };
  };

  const current = (id: string, ownId: string | undefined): ExpirationView | undefined => {
    if (id === ownId) {
      const t = d.config()?.noteToSelfExpiry();
      return t !== undefined && t > 0 ? { type: 'after-send', seconds: t } : undefined;
    }
    // --- groups: Info `E`, delete after send (begin) ---
    if (id.startsWith('03')) {
      const t = d.groupExpiry?.(id);
      return t !== undefined && t > 0 ? { type: 'after-send', seconds: t } : undefined;
    }
    // --- groups (end) ---
    return d.store.contactSetting(id);
  };

  const insertChange = d.db.transaction((ownId: string, id: string, kind: 'private' | 'note-to-self', setting: ExpirationView | undefined, sentAt: number) => {
    const config = d.config();
    if (!config) throw new IpcError('unavailable', 'Create or restore an account first.');
    if (!config.setExpiration(id, setting)) return undefined;
    d.conversations.touch(id, kind, sentAt);
    const messageId = bytesToHex(d.randomBytes(16));
    d.messages.insert({
      id: messageId,
      conversationId: id,
      sender: ownId,
      direction: 'outgoing',
      body: '',
      sentAt,
      receivedAt: d.now(),
      status: 'sending',
      // The control message carries the new setting as its own (it disappears under it too).
      ...messageExpirationFields(setting),
      control: { type: 'expiration-timer', mode: setting?.type ?? 'off', seconds: setting?.seconds ?? 0 },
    });
    // Sent like a message: to the peer, then (the outbox adds it for a timer update) the sync copy.
    d.messages.enqueue({ messageId, kind: 'message', destination: id, nextAttemptAt: 0 });
    return d.messages.get(messageId);
  });

  /** Swarm shortenings waiting to go: expiry → hashes. */
  const pendingShorten = new Map<number, Set<string>>();
  /** Messages whose swarm copy was already shortened (updates repeat for progress, reactions, ...). */
  const shortened = new Set<string>();
  let shortenTimer: NodeJS.Timeout | undefined;

  const shortenBatch = async (expiry: number, hashes: string[], attempt: number): Promise<void> => {
    const net = d.network();
    const identity = d.identity();
    if (!net?.expireMessages || !identity) return;
    try {
      const results = await net.expireMessages({ pubkey: identity.sessionId, ed25519: identity.ed25519 }, hashes, expiry, 'shorten');
      if (!results.some((r) => r.ok)) throw new Error(results.map((r) => r.reason ?? 'refused').join('; ') || 'no swarm member answered');
    } catch (err) {
      if (attempt + 1 >= retry.attempts) {
        // The local copy still goes on time; only our swarm keeps its copy until its TTL.
        d.log.warn(`disappearing: shortening ${hashes.length} message(s) on our swarm failed (${err instanceof Error ? err.message : String(err)})`);
        return;
      }
      const t = setTimeout(() => void shortenBatch(expiry, hashes, attempt + 1), retry.delayMs);
      t.unref?.();
    }
  };

  const flushShorten = (): void => {
    shortenTimer = undefined;
    const batches = [...pendingShorten];
    pendingShorten.clear();
    // The request's signature covers one expiry, so one request per distinct expiry.
    for (const [expiry, hashes] of batches) void shortenBatch(expiry, [...hashes], 0);
  };

  const self: DisappearingService = {
    currentExpiration(conversationId) {
      return current(conversationId, d.identity()?.sessionId);
    },
    setExpiration(raw, mode, seconds) {
      const ownId = me();
      const { id, kind } = kindOf(raw, ownId);
      if (mode !== 'off' && !isOfferedTimer(seconds)) throw new IpcError('invalid_params', 'Choose one of the offered timer values.');
      const setting = normalizeSetting(kind, mode, seconds);
      const summaryNow = (): ConversationSummary => {
        const s = d.conversationsService.anySummary(id);
        if (s) return s;
        throw new IpcError('not_found', 'No such conversation.');
      };
      if (sameSetting(current(id, ownId), setting)) return summaryNow();
      const rt = d.runtime();
      // T must be unique per sender (spec §4.1), as for any message we send.
      const sentAt = Math.max(Math.trunc(rt ? rt.networkNow() : d.now()), d.messages.maxSentAt(ownId) + 1);
      const view = insertChange(ownId, id, kind, setting, sentAt);
      const summary = summaryNow();
      if (view) d.events.emit('messages.added', { messages: [view] });
      d.events.emit('conversations.updated', { conversations: [summary] });
      rt?.kickOutbox();
      return summary;
    },
    remoteSetting(conversationId, setting, sentAt) {
      const config = d.config();
      if (!config) return false;
      // An older change arriving late (history fetched again after a restore) does not undo a newer one.
      if (d.store.newestTimerChangeAt(conversationId) > sentAt) return false;
      const ownId = d.identity()?.sessionId;
      const kind = conversationId === ownId ? 'note-to-self' : 'private';
      const next = setting ? normalizeSetting(kind, setting.type, setting.seconds) : undefined;
      return config.setExpiration(conversationId, next);
    },
    shortenOnSwarm(messageIds) {
      try {
        for (const m of d.store.afterReadHashes(messageIds.filter((id) => !shortened.has(id)))) {
          shortened.add(m.id);
          const set = pendingShorten.get(m.expiresAt) ?? new Set<string>();
          set.add(m.hash);
          pendingShorten.set(m.expiresAt, set);
        }
        if (pendingShorten.size > 0 && !shortenTimer) {
          // Reads come in bursts (a conversation opened, then scrolled): one request per burst.
          shortenTimer = setTimeout(flushShorten, 200);
          shortenTimer.unref?.();
        }
        if (shortened.size > 10_000) shortened.clear();
      } catch (err) {
        d.log.warn(`disappearing: could not queue swarm shortening (${err instanceof Error ? err.message : String(err)})`);
      }
    },
    watchReads() {
      return d.events.on('messages.updated', (e) => {
        const ids = e.messages
          .filter((m) => m.direction === 'incoming' && m.expiration?.type === 'after-read' && m.expiresAt !== undefined && !shortened.has(m.id))
          .map((m) => m.id);
        if (ids.length > 0) self.shortenOnSwarm(ids);
      });
    },
  };
  return self;
}
