// Reactions and quotes (spec messaging §6.2, §6.4). Received reactions are applied to the reactions table (the
// newest action per reactor and emoji wins; one for a message we do not have yet waits for it); ours are applied
// at once and sent as their own Content with a fresh timestamp, queued as control rows to the peer and, as a
// sync copy, to our own swarm. Reactions never become timeline messages: no rows, nothing unread. Received
// quotes are read into the quoted message's identity.
import type { MessageView } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import {
  SignalService,
  TTL_MIN_MS,
  buildSyncContent,
  encode1o1Message,
  encodeNoteToSelf,
  reactionContent,
  type ExpirationSetting,
  type Identity,
} from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { ReactionAction, ReactionStore } from '../db/reactionStore';
import type { EventBus } from '../events';
import type { ConversationsService } from './conversations';
import type { MessagingRuntime } from './messages';
import { CONTENT_TTL_MS, profileFields, type OutgoingProfile } from './outbox';
import type { GroupEncoder } from './outbox';

/** Sender-side rate limit (spec messaging §6.4): this many reactions per window. */
export const REACTION_RATE_LIMIT = { max: 20, windowMs: 60_000 } as const;
/** Longest emoji (UTF-16 code units) taken from the network or sent; the longest official sequences are ~15. */
export const MAX_EMOJI_LENGTH = 64;

// ---------- receiving ----------

/** A received DataMessage.reaction as applied; undefined when it has no emoji (ignored, spec messaging §6.4). */
export function parseReaction(r: { emoji?: string | null; action?: number | null } | null | undefined): { emoji: string; action: ReactionAction } | undefined {
  if (!r || typeof r.emoji !== 'string' || r.emoji === '' || r.emoji.length > MAX_EMOJI_LENGTH) return undefined;
  return { emoji: r.emoji, action: r.action === SignalService.DataMessage.Reaction.Action.REMOVE ? 'remove' : 'react' };
}

/** A received DataMessage.quote as stored (spec messaging §6.2): a 05 author and a positive timestamp, or nothing. */
export function quoteOf(q: { id?: number | null; author?: string | null } | null | undefined): { author: string; sentAt: number } | undefined {
  if (!q || typeof q.author !== 'string' || !/^05[0-9a-f]{64}$/i.test(q.author)) return undefined;
  const id = typeof q.id === 'number' ? q.id : Number(q.id);
  return Number.isSafeInteger(id) && id > 0 ? { author: q.author.toLowerCase(), sentAt: id } : undefined;
}

export interface IncomingReaction {
  /** Who reacted (the envelope's sender; ours for a sync copy from our other devices). */
  reactor: string;
  /** The 1:1 conversation it belongs to (the sender, or a sync copy's syncTarget). */
  conversationId: string;
  target: { sender: string; sentAt: number };
  emoji: string;
  action: ReactionAction;
  /** The reaction's own sent timestamp. */
  sentAt: number;
}

/**
 * Applies one received reaction inside the caller's transaction. Only a message of the same 1:1 conversation
 * can be its target (authored by the peer or by us); one we do not have yet is kept for when it arrives.
 * Returns the target's id when the stored state changed and the target is here (its view must be re-sent).
 */
export function applyIncomingReaction(
  d: { me: string; reactions: ReactionStore; messages: Pick<MessageStore, 'idsByIdentity'> },
  r: IncomingReaction,
): { applied: boolean; messageId?: string } {
  if (r.target.sender !== d.me && r.target.sender !== r.conversationId) return { applied: false };
  const target = d.messages.idsByIdentity([r.target]).get(`${r.target.sender}|${r.target.sentAt}`);
  if (target && target.conversationId !== r.conversationId) return { applied: false };
  const applied = d.reactions.apply({
    targetSender: r.target.sender,
    targetSentAt: r.target.sentAt,
    emoji: r.emoji,
    reactor: r.reactor,
    action: r.action,
    sentAt: r.sentAt,
    conversationId: r.conversationId,
  });
  return applied && target ? { applied, messageId: target.id } : { applied };
}

// ---------- sending ----------

/** Made at the first use, not when the module loads (creating it loads ICU's break data, ~10 ms of a cold start). */
let segmenter: Intl.Segmenter | undefined;
/** Code points an emoji sequence may hold: emoji, modifiers, ZWJ, variation selectors, keycap, tags. */
const EMOJI_PART = /^(?:\p{Emoji}|\p{Emoji_Component}|\p{Emoji_Modifier}|\u200d|\ufe0f|\ufe0e|\u20e3|[\u{e0020}-\u{e007f}])+$/u;
/** What makes a sequence an emoji rather than a digit or a sign: a pictograph, a flag or a keycap. */
const EMOJI_CORE = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|\u20e3/u;

/** True when `s` is exactly one grapheme that is an emoji (a pictograph, a flag, a keycap, with modifiers and joiners). */
export function isSingleEmoji(s: string): boolean {
  if (s.length === 0 || s.length > MAX_EMOJI_LENGTH) return false;
  let graphemes = 0;
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  for (const _ of segmenter.segment(s)) if (++graphemes > 1) return false;
  return EMOJI_PART.test(s) && EMOJI_CORE.test(s);
}

/**
 * The store TTL of a reaction (spec messaging §6.12): it disappears with the conversation's setting. After-send
 * lives its timer; our own sync copy lives its timer for after-read too (we have read it); otherwise 14 days.
 */
export function reactionTtl(expiration: ExpirationSetting | undefined, ownSwarm: boolean): number {
  if (!expiration || expiration.timer <= 0) return CONTENT_TTL_MS;
  if (expiration.type === 'after-send' || ownSwarm) return Math.max(TTL_MIN_MS, expiration.timer * 1000);
  return CONTENT_TTL_MS;
}

export interface ReactionsService {
  /** Adds or removes our reaction and queues it for the peer and our other devices; returns the updated message. */
  react(messageId: string, emoji: string, action: 'add' | 'remove'): MessageView;
}

export function createReactionsService(d: {
  db: Db;
  messages: MessageStore;
  reactions: ReactionStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  identity: () => Identity | undefined;
  /** Our profile as it goes out with visible messages (a reaction is one). */
  profile: () => OutgoingProfile;
  events: EventBus;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  runtime: () => MessagingRuntime | undefined;
  rateLimit?: { max: number; windowMs: number };
  /** Groups v2: reactions in a group are encrypted for it (the outbox stores them to its namespace 11). */
  group?: GroupEncoder;
}): ReactionsService {
  const limit = d.rateLimit ?? REACTION_RATE_LIMIT;
  /**
   * Sent times of our reactions in this backend's life, for the rate limit. The table keeps only the newest
   * action per message and emoji, so toggling one emoji counts here; the table adds the reactions of earlier
   * runs (one CLI command each).
   */
  const recent: number[] = [];
  let lastSentAt = 0;

  const checkRate = (me: string, now: number): void => {
    const since = now - limit.windowMs;
    while (recent.length > 0 && (recent[0] as number) <= since) recent.shift();
    const times = [...new Set([...recent, ...d.reactions.sentSince(me, since)])].sort((x, y) => x - y);
    if (times.length >= limit.max) {
      const wait = Math.max(1, Math.ceil(((times[times.length - limit.max] as number) + limit.windowMs - now) / 1000));
      throw new IpcError('conflict', `Slow down! You've sent too many emoji reacts (at most ${limit.max} per minute). Try again in ${wait} s.`);
    }
  };

  /** Refuses what cannot be reacted to, with the reason a person can act on. */
  const checkTarget = (m: MessageView, me: string): void => {
    if (m.deleted) throw new IpcError('invalid_params', 'This message was deleted: it cannot be reacted to.');
    if (m.control) throw new IpcError('invalid_params', 'Control messages cannot be reacted to.');
    if (m.direction === 'outgoing' && m.status === 'failed') throw new IpcError('invalid_params', 'This message was not sent: it cannot be reacted to.');
    const peer = m.conversationId;
    if (peer === me) return;
    if (d.group?.handles(peer)) return; // --- groups: members react in the group ---
    if (!/^05[0-9a-f]{64}$/.test(peer)) throw new IpcError('invalid_params', 'Reactions are available in one-to-one conversations only.');
    const contact = d.conversations.contact(peer);
    if (contact?.isBlocked) throw new IpcError('invalid_params', 'Unblock this contact to react to their messages.');
    if (!contact?.isApproved) throw new IpcError('invalid_params', 'Accept this message request to react to its messages.');
  };

  const queue = d.db.transaction(
    (a: { me: string; peer: string; messageId: string; target: { sender: string; sentAt: number }; emoji: string; action: ReactionAction; sentAt: number; peerData?: Uint8Array; ownData?: Uint8Array; peerTtl: number; ownTtl: number }): void => {
      d.reactions.apply({ targetSender: a.target.sender, targetSentAt: a.target.sentAt, emoji: a.emoji, reactor: a.me, action: a.action, sentAt: a.sentAt, conversationId: a.peer });
      if (a.peerData) d.messages.enqueueEncoded({ label: 'reaction', destination: a.peer, sentAt: a.sentAt, data: a.peerData, ttlMs: a.peerTtl, nextAttemptAt: 0 });
      if (a.ownData) d.messages.enqueueEncoded({ label: 'reaction', destination: a.me, sentAt: a.sentAt, data: a.ownData, ttlMs: a.ownTtl, nextAttemptAt: 0 });
    },
  );

  return {
    react(messageId, emoji, action) {
      const identity = d.identity();
      if (!identity) throw new IpcError('not_found', 'Create or restore an account first.');
      const me = identity.sessionId;
      if (!isSingleEmoji(emoji)) throw new IpcError('invalid_params', 'Choose one emoji to react with.');
      const message = d.messages.get(messageId);
      if (!message) throw new IpcError('not_found', 'No such message.');
      checkTarget(message, me);
      const target = { sender: message.sender, sentAt: message.timestamp };
      const wanted: ReactionAction = action === 'add' ? 'react' : 'remove';
      // Reacting twice, or removing what is not there, changes nothing and sends nothing.
      const current = d.reactions.get(target.sender, target.sentAt, emoji, me);
      if ((current?.action ?? 'remove') === wanted) return message;
      const rt = d.runtime();
      const now = rt ? Math.trunc(rt.networkNow()) : d.now();
      checkRate(me, now);
      // A fresh timestamp above every one we used (spec messaging §4.1, §6.4), and above the stored action.
      const sentAt = Math.max(now, lastSentAt + 1, d.messages.maxSentAt(me) + 1, d.reactions.maxSentAt(me) + 1, (current?.sentAt ?? 0) + 1);
      const peer = message.conversationId;
      const e = d.conversationsService.summary(peer)?.expiration;
      const expiration: ExpirationSetting | undefined = e ? { type: e.type, timer: e.seconds } : undefined;
      const content = reactionContent({ target: { timestamp: target.sentAt, author: target.sender }, emoji, action: wanted, profile: profileFields(d.profile()), expiration });
      const random = d.randomBytes;
      // Note to self has only the sync path; a 1:1 reaction goes to the peer and, as a sync copy, to our swarm.
      // A group's reaction goes to the group only (our other devices read it there).
      const group = d.group?.handles(peer) ? d.group : undefined;
      const ownData = group
        ? undefined
        : peer === me
          ? encodeNoteToSelf({ sender: identity, content, timestampMs: sentAt, random }).wrapper
          : encode1o1Message({ sender: identity, recipient: me, content: buildSyncContent(content, peer), timestampMs: sentAt, random }).wrapper;
      const peerData = group ? group.encode(peer, content, sentAt) : peer === me ? undefined : encode1o1Message({ sender: identity, recipient: peer, content, timestampMs: sentAt, random }).wrapper;
      queue({
        me,
        peer,
        messageId,
        target,
        emoji,
        action: wanted,
        sentAt,
        ...(peerData ? { peerData } : {}),
        ...(ownData ? { ownData } : {}),
        peerTtl: reactionTtl(expiration, false),
        ownTtl: reactionTtl(expiration, true),
      });
      recent.push(sentAt);
      lastSentAt = sentAt;
      const view = d.messages.get(messageId) as MessageView;
      d.events.emit('messages.updated', { messages: [view] });
      rt?.kickOutbox();
      return view;
    },
  };
}
