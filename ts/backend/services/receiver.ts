// The receive pipeline: decrypts and verifies retrieved items, drops invalid input (counted and logged by
// kind, never by content), dedupes by hash and by (sender, timestamp), and commits messages, conversation
// updates, seen hashes and last hashes in ONE transaction per poll, then emits one event batch.
// Nothing valid is lost: every timeline message keeps the raw Content it came in and lists the parts this
// version cannot show; content that is not a timeline message (reactions, receipts, ...) is stored raw for
// later features. Disappearing-message timers and unsend requests from a message's author are applied here.
import type { ControlView, ConversationKind, ExpirationView, GroupControlMember, MessageView, UnsupportedPart } from '../../ipc/contract';
import {
  SignalService,
  decode1o1Message,
  decodeContent,
  deleteContentSignatureMessage,
  infoChangeSignatureMessage,
  memberChangeSignatureMessage,
  verifyGroupUpdateSignature,
  type Content,
  type Identity,
  type Incoming1o1,
} from '../../protocol';
import { receivedAttachmentView, type AttachmentQueue } from '../db/attachmentQueue';
import type { ConversationStore, ProfileUpdate } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { ExpirationType, LastHash, MessageStore } from '../db/messageStore';
import type { ReceivedContentKind, ReceivedContentStore } from '../db/receivedContentStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { crashPoint } from '../crashPoint';
import { attachmentRowsFromPointers, type PointerLike } from '../media/receivedAttachments';
import { createSenderKeyCache } from '../workers/senderKeyCache';
import type { ConversationsService } from './conversations';
// --- unsend, read receipts and typing indicators (begin) ---
import { createReceiptStore } from '../db/receiptStore';
import { createUnsendStore } from '../db/unsendStore';
import type { ReceivedSignals } from './receipts';
import { unsendLocally } from './unsend';
// --- unsend, read receipts and typing indicators (end) ---
// --- reactions (begin) ---
import { createReactionStore, type ReactionAction, type ReactionStore } from '../db/reactionStore';
import { applyIncomingReaction, parseReaction, quoteOf } from './reactions';
import { attachMessageExtras } from '../db/messageExtras';
// --- reactions (end) ---
// --- link previews (begin) ---
import { LINK_PREVIEW_ATTACHMENT_INDEX, receivedPreviewOf, type ReceivedPreview } from './linkPreviewContent';
import { createMessageIdSource } from './messageIds';
// --- link previews (end) ---

/** Receivers truncate bodies to this many code points (spec messaging §5.4 step 10). */
export const MAX_BODY_CODE_POINTS = 10_000;
const MAX_ATTACHMENTS = 32;

export interface IncomingItem {
  hash: string;
  data: Uint8Array;
  /** Swarm expiry (ms); the seen-hash entry lives as long. */
  expiration: number;
}

export interface ReceiveOutcome {
  /** Visible messages stored by this batch. */
  added: MessageView[];
  /** Messages deleted by this batch (unsend requests from their authors). */
  removed: { id: string; conversationId: string }[];
  // --- unsend and read receipts (begin) ---
  /** Messages changed by this batch: "deleted" placeholders (unsend in a 1:1 chat), ours marked read by a receipt. */
  updated?: { id: string; conversationId: string }[];
  // --- unsend and read receipts (end) ---
  /** Items that failed decoding or the message rules. */
  dropped: number;
  /** Items already processed (by hash or by sender and timestamp). */
  duplicates: number;
  /**
   * Valid items that are not new timeline messages: content stored for later features (reactions,
   * receipts, ...), request responses, unsend requests, typing indicators, messages already unsent or
   * already expired on arrival.
   */
  ignored: number;
}

export interface ReceiverStats {
  processed: number;
  added: number;
  dropped: number;
  duplicates: number;
  ignored: number;
  /** Drops per reason (protocol error kind or rule name). */
  dropReasons: Record<string, number>;
}

export interface Receiver {
  /**
   * Processes one poll's items and last-hash updates atomically. Decoding runs on the pool's workers when
   * there is a pool; calls commit in call order, so a caller may hand over the next batch before the
   * previous one has committed (its decryption then overlaps that commit). When a batch fails, the batches
   * handed over before its failure fail too, uncommitted (their last hashes would skip its items); later
   * calls run normally.
   */
  process(items: readonly IncomingItem[], lastHashes: readonly LastHash[], options?: ProcessOptions): Promise<ReceiveOutcome>;
  readonly stats: ReceiverStats;
}

/** How a batch's items are opened: default, 1:1 messages of our own swarm (namespace 0). */
export interface ProcessOptions {
  /** Opens one item in this thread instead (a group's namespace-11 messages: ts/backend/services/groups.ts). */
  decode?: (data: Uint8Array) => Decoded;
}

// --- groups (begin) ---
/** What the pipeline asks the groups service (spec advanced.md C.6, C.8, C.10); all run inside the batch's transaction. */
export interface ReceiverGroupHooks {
  /** The group's Ed25519 public key when we know the group (joined or invited), else undefined. */
  publicKey(groupId: string): Uint8Array | undefined;
  /** Whether `sessionId` may write in the group (listed in Members; true while Members is not known yet). */
  isMember(groupId: string, sessionId: string): boolean;
  /** Whether `sessionId` is an admin of the group (Members `A`). */
  isAdmin(groupId: string, sessionId: string): boolean;
  /** A member's display name as we know it (Members `n` or our contact's name). */
  nameOf(groupId: string, sessionId: string): string | undefined;
  /** A 1:1 GroupUpdateInviteMessage from `m.senderSessionId`: verify it and record the invitation (or refuse it, logged). */
  invitation(m: Incoming1o1, hash: string): void;
  /** A 1:1 GroupUpdatePromoteMessage (the group seed): we become an admin of a group we are in (or it is refused, logged). */
  promotion?(m: Incoming1o1, hash: string): void;
}
// --- groups (end) ---

/**
 * Most items one transaction commits. A catch-up's retrieve brings thousands of messages at once (a node
 * answers up to ~3.9 MB of namespace 0 per request); committed in one transaction they hold the host's
 * thread for seconds. Cut into chunks, committed in order with a turn of the event loop between them and
 * the batch's last hashes saved only with its last chunk, the thread stays responsive and the UI sees
 * the messages arrive. A failure after some chunks leaves the last hashes where they were: the next poll
 * fetches the batch again and the committed chunks count as duplicates.
 */
export const RECEIVE_COMMIT_CHUNK = 100;

function chunksOf<T>(items: readonly T[], size: number): (readonly T[])[] {
  if (items.length <= size) return [items];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** How a chunk of a batch takes its turn: after the chunk before it has decoded, and after a turn of the event loop. */
interface ChunkTurn {
  yieldFirst: boolean;
  /** Decoding starts once this settles (the previous chunk's decoding); absent: at once. */
  decodeAfter?: Promise<unknown>;
  /** Set by the run: this chunk's decoding, for the next chunk to wait on. */
  decoding?: Promise<unknown>;
}

function mergeOutcomes(parts: ReceiveOutcome[]): ReceiveOutcome {
  if (parts.length === 1) return parts[0] as ReceiveOutcome;
  const out: ReceiveOutcome = { added: [], removed: [], updated: [], dropped: 0, duplicates: 0, ignored: 0 };
  for (const p of parts) {
    out.added.push(...p.added);
    out.removed.push(...p.removed);
    if (p.updated) out.updated?.push(...p.updated);
    out.dropped += p.dropped;
    out.duplicates += p.duplicates;
    out.ignored += p.ignored;
  }
  return out;
}

/** Cuts a string to at most `max` Unicode code points without splitting a surrogate pair. */
export function truncateCodePoints(s: string, max: number): string {
  if (s.length <= max) return s;
  let count = 0;
  let i = 0;
  while (i < s.length && count < max) {
    const c = s.codePointAt(i) as number;
    i += c > 0xffff ? 2 : 1;
    count++;
  }
  return s.slice(0, i);
}

export type Decoded = ReturnType<typeof decode1o1Message>;

/** A Content's disappearing-message setting. */
export interface Expiration {
  type: ExpirationType;
  /** Seconds. */
  timer: number;
}

/**
 * Reads Content.expirationType/expirationTimer (spec messaging §6.12): UNKNOWN with a timer, or any type
 * with timer 0, is off. The legacy DataMessage.expireTimer (field 5) is ignored on receive, as the spec says.
 */
export function expirationOf(c: Content): Expiration | undefined {
  const timer = typeof c.expirationTimer === 'number' ? c.expirationTimer : 0;
  if (timer <= 0) return undefined;
  if (c.expirationType === SignalService.Content.ExpirationType.DELETE_AFTER_SEND) return { type: 'after-send', timer };
  if (c.expirationType === SignalService.Content.ExpirationType.DELETE_AFTER_READ) return { type: 'after-read', timer };
  return undefined;
}

/** Field numbers of the unknown fields a decoded message kept aside (each entry starts with its tag varint). */
export function unknownFieldNumbers(m: { $unknowns?: Uint8Array[] }): number[] {
  const out: number[] = [];
  for (const raw of m.$unknowns ?? []) {
    let tag = 0;
    let scale = 1;
    for (let i = 0; i < raw.length && i < 5; i++) {
      const b = raw[i] as number;
      tag += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) break;
    }
    out.push(Math.floor(tag / 8));
  }
  return out;
}

/** Legacy fields receivers skip on purpose: Content 14 (lastDisappearingMessageChangeTimestamp). */
const IGNORED_CONTENT_FIELDS: ReadonlySet<number> = new Set([14]);
/** DataMessage 5: the legacy expireTimer, ignored on receive (spec messaging §6.12). */
const IGNORED_DATA_FIELDS: ReadonlySet<number> = new Set([5]);

const hasUnknown = (m: { $unknowns?: Uint8Array[] }, ignored: ReadonlySet<number>): boolean =>
  m.$unknowns !== undefined && unknownFieldNumbers(m).some((f) => !ignored.has(f));

interface Target {
  sender: string;
  sentAt: number;
}

type Decision =
  | {
      kind: 'message';
      conversationId: string;
      conversationKind: ConversationKind;
      direction: 'incoming' | 'outgoing';
      body: string;
      unsupported: UnsupportedPart[];
      /** The DataMessage's attachment pointers (none for a timer update). */
      attachments: PointerLike[];
      /** The link preview that passed the receive rule (spec messaging §6.3). */
      preview?: ReceivedPreview;
      profileName?: string;
      profile?: ProfileUpdate;
      expiration?: Expiration;
      // --- disappearing messages (begin) ---
      /** A timer update (EXPIRATION_TIMER_UPDATE): shown as a control message; the conversation's setting follows. */
      control?: ControlView;
      // --- disappearing messages (end) ---
      /** A groups-v2 promotion: stored (as content) even from a blocked sender (spec messaging §5.3). */
      evenIfBlocked?: true;
      /** The message it replies to (DataMessage.quote: author and sent timestamp). */
      quote?: { author: string; sentAt: number };
    }
  | {
      kind: 'content';
      contentKind: ReceivedContentKind;
      conversationId: string;
      target?: Target;
      profileName?: string;
      profile?: ProfileUpdate;
      expiration?: Expiration;
      /** A reaction to apply to its target (absent: stored only, e.g. one without emoji). */
      reaction?: { emoji: string; action: ReactionAction };
      /** A 1:1 group invitation (handed to the groups service). */
      groupInvite?: true;
      /** A 1:1 group promotion (handed to the groups service, even from a blocked sender: spec messaging §5.3). */
      groupPromote?: true;
      // --- read receipts (begin) ---
      /** A read receipt's sent timestamps of our messages. */
      receipt?: number[];
      // --- read receipts (end) ---
    }
  | { kind: 'approval'; sender: string; profileName?: string; profile?: ProfileUpdate }
  | { kind: 'unsend'; target: Target }
  // --- groups: content deletion (begin) ---
  /** A group's DeleteMemberContent (spec advanced C.8): every message of `senders`, the listed hashes (only `hashAuthor`'s unless admin-signed). */
  | { kind: 'delete-content'; senders: string[]; hashes: string[]; hashAuthor?: string }
  // --- groups: content deletion (end) ---
  // --- typing indicators (begin) ---
  | { kind: 'ephemeral'; reason: string; typing?: { started: boolean; timestampMs: number } }
  // --- typing indicators (end) ---
  | { kind: 'drop'; reason: string };

/**
 * A database error one message can cause (a constraint, a type or size the schema refuses, a trigger), as opposed
 * to one of the database itself (busy, locked, full, I/O, corrupt), after which every message would fail alike
 * and the batch is better retried whole.
 */
function isStorageError(err: unknown): boolean {
  // Not `instanceof Error`: the native module builds its errors with the class it was first loaded with, which
  // may come from another realm (a test runner's earlier context).
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return ['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE', 'SQLITE_ERROR'].some((c) => code === c || code.startsWith(`${c}_`));
}

/** A storage error's code and message for the log (SQLite's messages name constraints and columns, not values). */
function storageReason(err: unknown): string {
  const { code, message } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return String(err);
  return `${typeof code === 'string' ? `${code}: ` : ''}${message.slice(0, 200)}`;
}

// --- groups: content deletion (begin) ---
/** How long a DeleteMemberContent waits for targets that arrive after it (a group message's lifetime). */
const PENDING_DELETE_MS = 14 * 24 * 3600 * 1000;
/** How many of a group's latest DeleteMemberContent messages are checked against each batch's new messages. */
const PENDING_DELETE_MAX = 50;
// --- groups: content deletion (end) ---

/** A member-left and its left notification from one member within this long of each other are one event. */
const MEMBER_LEFT_PAIR_MS = 10_000;

/** Longest picture URL a profile may carry (libsession ProfilePic::MAX_URL_LENGTH). */
const MAX_PROFILE_PIC_URL_BYTES = 223;

/**
 * The picture part of a received profile (spec messaging §6.7): URL and 32-byte key together, or null (no
 * picture: theirs is removed). A malformed pointer (bad key, over-long or non-http URL) counts as none.
 */
export function profileUpdateOf(
  profile: { lastProfileUpdateSeconds?: number | null | { toNumber(): number }; profilePicture?: string | null } | null | undefined,
  profileKey: Uint8Array | null | undefined,
): ProfileUpdate | undefined {
  if (!profile) return undefined;
  const raw = profile.lastProfileUpdateSeconds;
  const updatedSeconds = typeof raw === 'number' ? raw : raw ? raw.toNumber() : 0;
  const url = profile.profilePicture ?? '';
  const valid =
    url !== '' && /^https?:\/\//i.test(url) && Buffer.byteLength(url, 'utf8') <= MAX_PROFILE_PIC_URL_BYTES && profileKey instanceof Uint8Array && profileKey.length === 32;
  return { updatedSeconds: Number.isSafeInteger(updatedSeconds) && updatedSeconds > 0 ? updatedSeconds : 0, picture: valid ? { url, key: profileKey.slice() } : null };
}

/**
 * `attachmentRows`: attachments become rows of their own; without that (a receiver built without the
 * attachment store) they are listed as unsupported, kept in the raw Content for the backfill.
 */
function classify(me: string, m: Incoming1o1, attachmentRows: boolean, groups?: ReceiverGroupHooks): Decision {
  const c = m.content;
  const fromMe = m.senderSessionId === me;
  const expiration = expirationOf(c);
  const exp = expiration ? { expiration } : {};
  const contentUnknown = hasUnknown(c, IGNORED_CONTENT_FIELDS);
  const inGroup = m.conversationId.startsWith('03');
  const conversationKind: ConversationKind = inGroup ? 'group' : m.conversationId === me ? 'note-to-self' : 'private';
  // --- groups (begin) ---
  // Only members write in a group (spec advanced C.6): the author is the signed inner `a`, checked against Members.
  if (inGroup && !fromMe && groups && !groups.isMember(m.conversationId, m.senderSessionId)) return { kind: 'drop', reason: 'group_not_a_member' };
  const groupUpdate = c.dataMessage?.groupUpdateMessage;
  if (groupUpdate) {
    const g = classifyGroupUpdate(me, m, groupUpdate, inGroup, groups);
    if (g) return g;
  }
  // --- groups (end) ---
  if (c.dataMessage) {
    const dm = c.dataMessage;
    const flags = dm.flags ?? 0;
    const timerUpdate = flags === SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE;
    if (flags !== 0 && !timerUpdate) return { kind: 'drop', reason: 'unknown_flags' };
    if ((dm.attachments?.length ?? 0) > MAX_ATTACHMENTS) return { kind: 'drop', reason: 'too_many_attachments' };
    // Our own group messages come back from the group's swarm (our other devices' too): no sync target there.
    if (fromMe && m.syncTarget === undefined && !inGroup) return { kind: 'drop', reason: 'self_without_sync_target' };
    const profileName = !fromMe && dm.profile?.displayName ? dm.profile.displayName : undefined;
    const profile = fromMe ? undefined : profileUpdateOf(dm.profile, dm.profileKey);
    const named = { ...(profileName !== undefined ? { profileName } : {}), ...(profile ? { profile } : {}) };
    // Reactions are applied to their target, never shown as messages (spec messaging §5.4 step 7).
    if (dm.reaction) {
      // --- reactions (begin) ---
      const reaction = parseReaction(dm.reaction);
      return {
        kind: 'content',
        contentKind: 'reaction',
        conversationId: m.conversationId,
        target: { sender: dm.reaction.author, sentAt: dm.reaction.id },
        ...named,
        ...exp,
        ...(reaction ? { reaction } : {}),
      };
      // --- reactions (end) ---
    }
    const unsupported: UnsupportedPart[] = [];
    // A timer update clears body and attachments (spec messaging §5.4 step 1).
    const attachments = !timerUpdate ? (dm.attachments ?? []) : [];
    // --- disappearing messages (begin) ---
    // A timer update is a control message with the new setting (Note to Self knows only after-send).
    const control: ControlView | undefined = timerUpdate
      ? { type: 'expiration-timer', mode: expiration ? (conversationKind === 'note-to-self' ? 'after-send' : expiration.type) : 'off', seconds: expiration?.timer ?? 0 }
      : undefined;
    if (timerUpdate) {
      // shown as the control message
    } else if (attachments.length > 0 && !attachmentRows) unsupported.push('attachments');
    // --- quotes (begin) ---
    // Only the quoted message's identity counts (spec messaging §6.2); a malformed reference is left out.
    const quote = quoteOf(dm.quote);
    // --- quotes (end) ---
    if (dm.communityInvitation) unsupported.push('community-invitation');
    if (dm.groupUpdateMessage) unsupported.push('group-update');
    if (contentUnknown || hasUnknown(dm, IGNORED_DATA_FIELDS)) unsupported.push('unknown');
    const body = !timerUpdate && typeof dm.body === 'string' ? dm.body : '';
    // --- link previews (begin) ---
    // Kept only under the rule of spec §6.3 (checked against the body as the bubble shows it); others are discarded.
    let preview = timerUpdate ? undefined : receivedPreviewOf(dm.preview, truncateCodePoints(body, MAX_BODY_CODE_POINTS));
    if (preview?.image && !attachmentRows) {
      unsupported.push('link-preview');
      preview = preview.title !== undefined ? { url: preview.url, title: preview.title } : undefined;
    }
    // --- link previews (end) ---
    if (body === '' && unsupported.length === 0 && attachments.length === 0 && !control && !quote && !preview) {
    // --- disappearing messages (end) ---
      // Nothing to show (a profile update, a community flag): kept, not a bubble.
      return { kind: 'content', contentKind: dm.profile || (dm.profileKey?.length ?? 0) > 0 ? 'profile' : 'other', conversationId: m.conversationId, ...named, ...exp };
    }
    return {
      kind: 'message',
      conversationId: m.conversationId,
      conversationKind,
      direction: fromMe ? 'outgoing' : 'incoming',
      body: truncateCodePoints(body, MAX_BODY_CODE_POINTS),
      unsupported,
      attachments: attachmentRows ? attachments : [],
      ...(preview ? { preview } : {}),
      ...named,
      ...exp,
      ...(control ? { control } : {}),
      ...(dm.groupUpdateMessage?.promoteMessage ? { evenIfBlocked: true as const } : {}),
      ...(quote ? { quote } : {}),
    };
  }
  const placeholder = (part: UnsupportedPart): Decision => ({
    kind: 'message',
    conversationId: m.conversationId,
    conversationKind,
    direction: 'incoming',
    body: '',
    unsupported: contentUnknown && part !== 'unknown' ? [part, 'unknown'] : [part],
    attachments: [],
    ...exp,
  });
  // Typing indicators live 20 s and mean something only while they are fresh (spec messaging §6.9): there
  // is nothing to apply later, so they are not stored.
  // --- typing indicators and read receipts (begin) ---
  if (c.typingMessage) {
    const t = c.typingMessage;
    return { kind: 'ephemeral', reason: 'typing', typing: { started: t.action === SignalService.TypingMessage.Action.STARTED, timestampMs: t.timestamp } };
  }
  if (c.receiptMessage) {
    // Kept like other content; a peer's READ receipt also marks our messages read (spec messaging §6.8).
    const read = !fromMe && c.receiptMessage.type === SignalService.ReceiptMessage.Type.READ;
    const receipt = read ? (c.receiptMessage.timestamp ?? []).filter((x) => Number.isSafeInteger(x) && x > 0) : [];
    return { kind: 'content', contentKind: 'read-receipt', conversationId: m.conversationId, ...(receipt.length > 0 ? { receipt } : {}) };
  }
  // --- typing indicators and read receipts (end) ---
  if (c.dataExtractionNotification) {
    // A notice in the conversation ("X saved media"); never synced, so one from us has no conversation.
    if (fromMe) return { kind: 'content', contentKind: 'data-extraction', conversationId: m.conversationId, ...exp };
    // --- media saved (begin) ---
    // Shown at the envelope's time as a control message (spec messaging §6.15: the inner timestamp is ignored);
    // a screenshot notice (which desktop never sends) stays a placeholder.
    if (c.dataExtractionNotification.type === SignalService.DataExtractionNotification.Type.MEDIA_SAVED) {
      return {
        kind: 'message',
        conversationId: m.conversationId,
        conversationKind,
        direction: 'incoming',
        body: '',
        unsupported: contentUnknown ? ['unknown'] : [],
        attachments: [],
        control: { type: 'media-saved' },
        ...exp,
      };
    }
    // --- media saved (end) ---
    return placeholder('data-extraction');
  }
  if (c.unsendRequest) {
    const u = c.unsendRequest;
    // Only a message's author may unsend it (spec messaging §6.10).
    // In a group an admin may unsend anyone's message too (spec advanced C.11).
    const byAdmin = inGroup && groups !== undefined && groups.isAdmin(m.conversationId, m.senderSessionId);
    if (u.author !== m.senderSessionId && !byAdmin) return { kind: 'drop', reason: 'unsend_not_author' };
    return { kind: 'unsend', target: { sender: u.author, sentAt: u.timestamp } };
  }
  if (c.callMessage) {
    // One placeholder per call, at its first message (PRE_OFFER); the rest of the signalling (offer, answer,
    // ICE candidates, end) and our other devices' messages are kept as content for the calls feature.
    if (!fromMe && c.callMessage.type === SignalService.CallMessage.Type.PRE_OFFER) return placeholder('call');
    return { kind: 'content', contentKind: 'call', conversationId: m.conversationId, ...exp };
  }
  if (c.messageRequestResponse) {
    if (!c.messageRequestResponse.isApproved || fromMe) return { kind: 'drop', reason: 'request_response_not_approved' };
    const name = c.messageRequestResponse.profile?.displayName;
    const profile = profileUpdateOf(c.messageRequestResponse.profile, c.messageRequestResponse.profileKey);
    return { kind: 'approval', sender: m.senderSessionId, ...(name ? { profileName: name } : {}), ...(profile ? { profile } : {}) };
  }
  if (c.sharedConfigMessage) return { kind: 'content', contentKind: 'shared-config', conversationId: m.conversationId };
  // A payload this version does not know: shown as a placeholder (ours from another device: kept only).
  if (contentUnknown) return fromMe ? { kind: 'content', contentKind: 'other', conversationId: m.conversationId, ...exp } : placeholder('unknown');
  return { kind: 'drop', reason: 'unsupported_content' };
}

// --- groups (begin) ---
/**
 * GroupUpdate messages (spec advanced C.8). In a 1:1 conversation only an invitation counts (kept as content and
 * handed to the groups service); in a group the admin-signed changes become control messages (a bad signature
 * drops them), a member leaving or accepting too. Undefined: not handled here (the generic path keeps it).
 */
function classifyGroupUpdate(
  me: string,
  m: Incoming1o1,
  u: NonNullable<NonNullable<Content['dataMessage']>['groupUpdateMessage']>,
  inGroup: boolean,
  groups?: ReceiverGroupHooks,
): Decision | undefined {
  const base = { kind: 'message' as const, conversationId: m.conversationId, conversationKind: 'group' as const, body: '', unsupported: [] as UnsupportedPart[], attachments: [] };
  if (!inGroup) {
    if (u.inviteMessage) return { kind: 'content', contentKind: 'group-update', conversationId: m.conversationId, groupInvite: true };
    if (u.promoteMessage) return { kind: 'content', contentKind: 'group-update', conversationId: m.conversationId, groupPromote: true };
    return undefined;
  }
  if (!groups) return undefined;
  const gid = m.conversationId;
  const pk = groups.publicKey(gid);
  const dir = (): 'incoming' | 'outgoing' => (m.senderSessionId === me ? 'outgoing' : 'incoming');
  const membersOf = (ids: readonly string[] | null | undefined): GroupControlMember[] =>
    (ids ?? [])
      .filter((id) => typeof id === 'string' && /^05[0-9a-f]{64}$/i.test(id))
      .map((id) => {
        const name = groups.nameOf(gid, id.toLowerCase());
        return { sessionId: id.toLowerCase(), ...(name !== undefined ? { name } : {}) };
      });
  if (u.infoChangeMessage) {
    const i = u.infoChangeMessage;
    const type = typeof i.type === 'number' ? i.type : 0;
    if (!pk || !verifyGroupUpdateSignature(pk, infoChangeSignatureMessage(type, m.timestampMs), i.adminSignature)) return { kind: 'drop', reason: 'group_update_bad_signature' };
    const control: ControlView =
      type === 1
        ? { type: 'name-changed', name: typeof i.updatedName === 'string' ? i.updatedName : '' }
        : type === 2
          ? { type: 'avatar-changed' }
          : { type: 'expiration-changed', seconds: typeof i.updatedExpiration === 'number' ? i.updatedExpiration : 0 };
    return { ...base, direction: dir(), control };
  }
  if (u.memberChangeMessage) {
    const c = u.memberChangeMessage;
    const type = typeof c.type === 'number' ? c.type : 0;
    if (!pk || !verifyGroupUpdateSignature(pk, memberChangeSignatureMessage(type, m.timestampMs), c.adminSignature)) return { kind: 'drop', reason: 'group_update_bad_signature' };
    const members = membersOf(c.memberSessionIds);
    const control: ControlView =
      type === 1
        ? { type: 'member-added', members, ...(c.historyShared ? { historyShared: true } : {}) }
        : type === 2
          ? { type: 'member-removed', members }
          : { type: 'member-promoted', members };
    return { ...base, direction: dir(), control };
  }
  // The left notification is the same news as member-left (the receiver shows one of a pair).
  if (u.memberLeftMessage || u.memberLeftNotificationMessage) return { ...base, direction: dir(), control: { type: 'member-left' } };
  if (u.deleteMemberContent) {
    const x = u.deleteMemberContent;
    const hashes = (x.messageHashes ?? []).filter((h): h is string => typeof h === 'string' && h !== '');
    if (x.adminSignature == null || x.adminSignature.length === 0) return { kind: 'delete-content', senders: [], hashes, hashAuthor: m.senderSessionId };
    const ids = x.memberSessionIds ?? [];
    if (!pk || !verifyGroupUpdateSignature(pk, deleteContentSignatureMessage(m.timestampMs, ids, x.messageHashes ?? []), x.adminSignature)) {
      return { kind: 'drop', reason: 'group_update_bad_signature' };
    }
    return { kind: 'delete-content', senders: ids.filter((id) => /^05[0-9a-f]{64}$/.test(id)), hashes };
  }
  if (u.inviteResponse) {
    if (!u.inviteResponse.isApproved) return { kind: 'content', contentKind: 'group-update', conversationId: gid };
    return { ...base, direction: dir(), control: { type: 'invite-accepted' } };
  }
  // Promotions are kept as content (an admin feature).
  return { kind: 'content', contentKind: 'group-update', conversationId: gid };
}
// --- groups (end) ---

/** The storage and events a received message goes through; the receiver and the engine that builds it take the same. */
// --- disappearing messages (begin) ---
/** Applies a received timer update sent at `sentAt` to its conversation's setting (undefined: off). */
export type ReceiverTimerHook = (conversationId: string, setting: ExpirationView | undefined, sentAt: number) => void;
// --- disappearing messages (end) ---

export interface ReceiveStores {
  db: Db;
  messages: MessageStore;
  received: ReceivedContentStore;
  conversations: ConversationStore;
  conversationsService: ConversationsService;
  events: EventBus;
  // --- read receipts and typing indicators (begin) ---
  /** Our settings and the typing service, for incoming receipts and typing indicators; absent: both ignored. */
  signals?: ReceivedSignals;
  // --- read receipts and typing indicators (end) ---
}

export function createReceiver(d: ReceiveStores & {
  identity: Identity;
  log: Logger;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** Decodes large batches on worker threads (same results, same order); absent: in-thread. */
  decryptPool?: { decodeAsync(datas: readonly Uint8Array[]): Promise<Decoded[]> };
  /** Most items committed in one transaction (default RECEIVE_COMMIT_CHUNK); a larger batch is cut into chunks. */
  commitChunk?: number;
  /**
   * The config-more-recent rule (spec messaging §5.3 step 3, §6.13): true when the newest merged config is
   * newer than the message by more than its margin and hides (or lacks) its conversation.
   */
  isStale?: (conversationId: string, sentAt: number) => boolean;
  /**
   * Attachment rows, made in the message's transaction (spec messaging §6.6). `onQueued` runs after a
   * commit that queued downloads. Absent: attachments stay listed as unsupported.
   */
  attachments?: { queue: AttachmentQueue; autoDownloadMaxBytes: number; onQueued?: () => void };
  // --- disappearing messages (begin) ---
  /** A timer update (from the peer or our other device) changes the conversation's setting, inside the batch's transaction. */
  expirationChanged?: ReceiverTimerHook;
  // --- disappearing messages (end) ---
  /** Groups v2: invitations, membership and admin checks (absent: group updates are kept as content only). */
  groups?: ReceiverGroupHooks;
}): Receiver {
  const me = d.identity.sessionId;
  const stats: ReceiverStats = { processed: 0, added: 0, dropped: 0, duplicates: 0, ignored: 0, dropReasons: {} };
  const drop = (reason: string, outcome: ReceiveOutcome): void => {
    outcome.dropped++;
    stats.dropReasons[reason] = (stats.dropReasons[reason] ?? 0) + 1;
  };

  // Message ids from one source per receiver: consecutive ids share index pages (messageIds.ts).
  const nextId = createMessageIdSource(d.randomBytes);

  /**
   * When a stored item disappears (spec messaging §6.12): after-send at sentAt + timer; after-read once
   * read, except that our own messages (sync copies) count as read and note-to-self knows only after-send.
   */
  // --- disappearing messages (begin) ---
  // A running timer ends at the swarm's expiry for the item (`retrieve`'s `expiration`, spec §6.12) when that
  // is sooner (shortened by a reading device, or stored with a shorter TTL), and never later than sentAt +
  // timer: a sender's longer TTL (14 days) or a store retried for a while does not keep it longer here.
  const timerOf = (e: Expiration | undefined, sentAt: number, kind: ConversationKind, direction: 'incoming' | 'outgoing', swarmExpiry = 0) => {
    if (!e) return undefined;
    const type: ExpirationType = kind === 'note-to-self' ? 'after-send' : e.type;
    const runs = type === 'after-send' || direction === 'outgoing';
    const byTimer = sentAt + e.timer * 1000;
    const end = swarmExpiry > 0 ? Math.min(swarmExpiry, byTimer) : byTimer;
    return { expirationType: type, expirationTimer: e.timer, ...(runs ? { expiresAt: end } : {}) };
  };
  // --- disappearing messages (end) ---

  const attachmentRows = d.attachments !== undefined;
  // --- unsend, read receipts and typing indicators (begin) ---
  const unsendStore = createUnsendStore(d.db);
  const receiptStore = createReceiptStore(d.db);
  /** Typing indicators of the batch being committed, told to the typing service after its commit. */
  let typingSeen: { sender: string; started: boolean; valid: boolean }[] = [];
  // --- unsend, read receipts and typing indicators (end) ---
  // --- reactions (begin) ---
  // Prepared on first use (a receiver may be built before the schema is complete in tests).
  let reactionStore: ReactionStore | undefined;
  let extras: ((views: MessageView[]) => MessageView[]) | undefined;
  // --- reactions (end) ---
  // The batch's new messages go into the search index with one statement before the commit (db/searchIndexBatch):
  // indexed row by row, FTS5 writes an index segment per message and then merges them. Edits, unsends and
  // deletions inside the batch keep their triggers, so the index matches what the commit leaves.
  const commit = d.db.transaction(
    (
      decoded: { item: IncomingItem; result: Decoded }[],
      lastHashes: readonly LastHash[],
      outcome: ReceiveOutcome,
      changed: Set<string>,
      reacted: Set<string>,
    ): { queued: number } => d.messages.searchBatch.run(() => {
      const receivedAt = d.now();
      let queued = 0;
      // Per-batch caches: a busy poll holds many messages from the same few senders, so contact and
      // conversation rows are read and written once per batch instead of once per message.
      const contacts = new Map<
        string,
        { isBlocked: boolean; didApproveMe: boolean; isApproved: boolean; name?: string; avatarUrl?: string; profileUpdatedS: number } | undefined
      >();
      const contactOf = (id: string) => {
        if (!contacts.has(id)) {
          // The stored profile name and picture too: a message repeating them needs no contact write.
          const c = d.conversations.contact(id);
          contacts.set(
            id,
            c && {
              isBlocked: c.isBlocked,
              didApproveMe: c.didApproveMe,
              isApproved: c.isApproved,
              profileUpdatedS: c.profileUpdatedS,
              ...(c.profileName !== undefined ? { name: c.profileName } : {}),
              ...(c.avatarUrl !== undefined ? { avatarUrl: c.avatarUrl } : {}),
            },
          );
        }
        return contacts.get(id);
      };
      /** Whether a received profile may change what we hold (a newer time, or a different picture at time 0). */
      const profileNews = (c: { avatarUrl?: string; profileUpdatedS: number } | undefined, p: ProfileUpdate | undefined): p is ProfileUpdate => {
        if (!p) return false;
        if (!c) return true;
        if (p.updatedSeconds > c.profileUpdatedS) return true;
        return p.updatedSeconds === 0 && c.profileUpdatedS === 0 && (p.picture?.url ?? undefined) !== c.avatarUrl;
      };
      const profileApplied = (c: { avatarUrl?: string; profileUpdatedS: number } | undefined, p: ProfileUpdate): void => {
        if (!c) return;
        if (p.updatedSeconds > c.profileUpdatedS || (p.updatedSeconds === 0 && c.profileUpdatedS === 0)) {
          c.profileUpdatedS = Math.max(c.profileUpdatedS, p.updatedSeconds);
          if (p.picture) c.avatarUrl = p.picture.url;
          else delete c.avatarUrl;
        }
      };
      const blocked = (sender: string): boolean => sender !== me && contactOf(sender)?.isBlocked === true;
      const touched = new Map<string, { kind: ConversationKind; first: number; latest: number }>();
      // Re-check inside the transaction (one query for the batch, whose hashes are distinct): an earlier
      // commit may have taken some meanwhile.
      const seen = d.messages.seenAmong(decoded.map((x) => x.item.hash));
      const unseen = decoded.filter((x) => !seen.has(x.item.hash));
      outcome.duplicates += decoded.length - unseen.length;
      // Every new hash is remembered, whatever its content turns out to be (dropped items are not retried).
      d.messages.markSeenMany(unseen.map((x) => ({ hash: x.item.hash, expiresAt: x.item.expiration })));

      const work: { item: IncomingItem; m: Incoming1o1; decision: Decision }[] = [];
      for (const { item, result } of unseen) {
        if (!result.ok) drop(result.error.kind, outcome);
        else work.push({ item, m: result.value, decision: classify(me, result.value, attachmentRows, d.groups) });
      }
      const key = (t: Target): string => `${t.sender}|${t.sentAt}`;
      // One query each per batch: messages already stored under their (sender, timestamp), messages an
      // unsend request already removed (tombstones) and, only when the batch has unsend requests, their targets.
      const identities = work.flatMap((w) => (w.decision.kind === 'message' ? [{ sender: w.m.senderSessionId, sentAt: w.m.timestampMs }] : []));
      const stored = d.messages.existingAmong(identities);
      const unsent = d.received.unsentAmong(identities);
      const unsends = work.flatMap((w) => (w.decision.kind === 'unsend' && !blocked(w.m.senderSessionId) ? [w.decision.target] : []));
      for (const t of unsends) unsent.add(key(t));
      const targets = unsends.length > 0 ? d.messages.idsByIdentity(unsends) : new Map<string, { id: string; conversationId: string }>();
      const toDelete = new Map<string, { id: string; conversationId: string }>();
      // The automatic-download rule: one query for the batch's senders with attachments (accepted or trusted).
      const attachmentSenders = [
        ...new Set(
          work.flatMap((w) =>
            w.decision.kind === 'message' && (w.decision.attachments.length > 0 || w.decision.preview?.image !== undefined) ? [w.m.senderSessionId] : [],
          ),
        ),
      ];
      const autoSenders = d.attachments && attachmentSenders.length > 0 ? d.attachments.queue.autoDownloadSenders(attachmentSenders) : new Set<string>();
      // Sync copies of messages sent from this device come back as duplicates: their Content is kept too.
      const ownCopies: { sender: string; sentAt: number; content: Uint8Array }[] = [];

      for (const { item, m, decision } of work) {
        if (decision.kind === 'drop') {
          if (decision.reason === 'group_update_bad_signature') d.log.warn(`receive: group update ${item.hash.slice(0, 8)} refused (${decision.reason})`);
          drop(decision.reason, outcome);
          continue;
        }
        if (decision.kind === 'ephemeral') {
          outcome.ignored++;
          // --- typing indicators (begin) ---
          // Nothing from a blocked sender (spec messaging §5.3); a timestamp other than the envelope's is invalid (§6.9).
          if (decision.typing && m.senderSessionId !== me && !blocked(m.senderSessionId)) {
            typingSeen.push({ sender: m.senderSessionId, started: decision.typing.started, valid: decision.typing.timestampMs === m.timestampMs });
          }
          // --- typing indicators (end) ---
          continue;
        }
        if (blocked(m.senderSessionId)) {
          // Everything from a blocked sender is dropped, except a group promotion (spec messaging §5.3),
          // which is kept for the groups feature.
          if ((decision.kind === 'message' && decision.evenIfBlocked) || (decision.kind === 'content' && decision.groupPromote)) {
            const fresh = d.received.insert({ sender: m.senderSessionId, sentAt: m.timestampMs, conversationId: decision.conversationId, kind: 'group-update', content: m.contentBytes, hash: item.hash, receivedAt });
            outcome.ignored++;
            if (fresh && decision.kind === 'content' && decision.groupPromote) d.groups?.promotion?.(m, item.hash);
          } else drop('blocked_sender', outcome);
          continue;
        }
        if (d.isStale?.(m.conversationId, m.timestampMs)) {
          drop('config_more_recent', outcome);
          continue;
        }
        if (decision.kind === 'approval') {
          d.received.insert({ sender: m.senderSessionId, sentAt: m.timestampMs, conversationId: m.conversationId, kind: 'request-response', content: m.contentBytes, hash: item.hash, receivedAt });
          d.conversations.updateContact(
            decision.sender,
            { didApproveMe: true, ...(decision.profileName ? { profileName: decision.profileName } : {}), ...(decision.profile ? { profile: decision.profile } : {}) },
            receivedAt,
          );
          contacts.delete(decision.sender);
          if (d.conversations.get(decision.sender)) changed.add(decision.sender);
          outcome.ignored++;
          continue;
        }
        if (decision.kind === 'unsend') {
          const target = targets.get(key(decision.target));
          // The request stays as a tombstone: a copy of the message arriving later is not shown.
          const fresh = d.received.insert({
            sender: m.senderSessionId,
            sentAt: m.timestampMs,
            conversationId: target?.conversationId ?? m.conversationId,
            kind: 'unsend',
            content: m.contentBytes,
            hash: item.hash,
            receivedAt,
            target: decision.target,
          });
          if (!fresh) outcome.duplicates++;
          else outcome.ignored++;
          if (target) toDelete.set(target.id, target);
          continue;
        }
        // --- groups: content deletion (begin) ---
        if (decision.kind === 'delete-content') {
          // Kept as received content; its targets (sent up to its timestamp) become "deleted" placeholders.
          d.received.insert({ sender: m.senderSessionId, sentAt: m.timestampMs, conversationId: m.conversationId, kind: 'group-update', content: m.contentBytes, hash: item.hash, receivedAt });
          outcome.ignored++;
          const found = d.messages.idsForContentDelete({
            conversationId: m.conversationId,
            senders: decision.senders,
            hashes: decision.hashes,
            ...(decision.hashAuthor !== undefined ? { hashAuthor: decision.hashAuthor } : {}),
            sentAtMost: m.timestampMs,
          });
          for (const t of found) toDelete.set(t.id, t);
          continue;
        }
        // --- groups: content deletion (end) ---
        if (decision.kind === 'content') {
          const timer = timerOf(decision.expiration, m.timestampMs, 'private', m.senderSessionId === me ? 'outgoing' : 'incoming', item.expiration);
          if (timer?.expiresAt !== undefined && timer.expiresAt <= receivedAt) {
            outcome.ignored++; // already disappeared
            continue;
          }
          const fresh = d.received.insert({
            sender: m.senderSessionId,
            sentAt: m.timestampMs,
            conversationId: decision.conversationId,
            kind: decision.contentKind,
            content: m.contentBytes,
            hash: item.hash,
            receivedAt,
            ...(decision.target ? { target: decision.target } : {}),
            ...(timer?.expiresAt !== undefined ? { expiresAt: timer.expiresAt } : {}),
          });
          if (!fresh) {
            outcome.duplicates++;
            continue;
          }
          outcome.ignored++;
          if (decision.groupInvite && m.senderSessionId !== me) d.groups?.invitation(m, item.hash);
          if (decision.groupPromote && m.senderSessionId !== me) d.groups?.promotion?.(m, item.hash);
          // --- read receipts (begin) ---
          // Applied only when our own setting is on (reciprocal); unknown timestamps change nothing (spec messaging §6.8).
          if (decision.receipt && d.signals?.readReceipts()) {
            for (const r of receiptStore.markOutgoingRead(decision.conversationId, me, decision.receipt)) {
              (outcome.updated ??= []).push(r);
              changed.add(r.conversationId);
            }
          }
          // --- read receipts (end) ---
          // --- reactions (begin) ---
          if (decision.reaction && decision.target) {
            const r = applyIncomingReaction(
              { me, reactions: (reactionStore ??= createReactionStore(d.db)), messages: d.messages },
              { reactor: m.senderSessionId, conversationId: decision.conversationId, target: decision.target, ...decision.reaction, sentAt: m.timestampMs },
            );
            if (r.messageId !== undefined) reacted.add(r.messageId);
          }
          // --- reactions (end) ---
          // A new name from a known contact is kept even when it came with a reaction or a bare profile update.
          const c = decision.profileName !== undefined || decision.profile ? contactOf(m.senderSessionId) : undefined;
          const renamed = c !== undefined && decision.profileName !== undefined && c.name !== decision.profileName;
          const pictured = c !== undefined && profileNews(c, decision.profile);
          if (c && (renamed || pictured)) {
            d.conversations.updateContact(
              m.senderSessionId,
              { ...(renamed ? { profileName: decision.profileName } : {}), ...(pictured && decision.profile ? { profile: decision.profile } : {}) },
              receivedAt,
            );
            if (renamed) c.name = decision.profileName;
            if (pictured && decision.profile) profileApplied(c, decision.profile);
            if (d.conversations.get(m.senderSessionId)) changed.add(m.senderSessionId);
          }
          continue;
        }
        const identity = `${m.senderSessionId}|${m.timestampMs}`;
        if (stored.has(identity)) {
          outcome.duplicates++;
          if (decision.direction === 'outgoing') ownCopies.push({ sender: m.senderSessionId, sentAt: m.timestampMs, content: m.contentBytes });
          continue;
        }
        stored.add(identity);
        // --- groups: a member's left message and left notification are one "X left" (sent a moment apart) ---
        if (decision.control?.type === 'member-left' && d.messages.hasControlNear(decision.conversationId, m.senderSessionId, 'member-left', m.timestampMs, MEMBER_LEFT_PAIR_MS)) {
          outcome.duplicates++;
          continue;
        }
        if (unsent.has(identity)) {
          // Its author unsent it before it arrived (or in the same batch).
          outcome.ignored++;
          continue;
        }
        const timer = timerOf(decision.expiration, m.timestampMs, decision.conversationKind, decision.direction, item.expiration);
        // --- disappearing messages (begin) ---
        // An after-read message our other device already read (the synced read position covers it): read here
        // too, its end taken from the swarm's expiry that device shortened (spec §6.12), at most a timer from now.
        const readElsewhere =
          timer !== undefined && timer.expiresAt === undefined && decision.direction === 'incoming' && (d.conversations.get(decision.conversationId)?.lastReadAt ?? 0) >= m.timestampMs;
        if (readElsewhere) timer.expiresAt = Math.min(item.expiration > 0 ? item.expiration : Infinity, receivedAt + timer.expirationTimer * 1000);
        // --- disappearing messages (end) ---
        if (timer?.expiresAt !== undefined && timer.expiresAt <= receivedAt) {
          outcome.ignored++; // already disappeared
          continue;
        }
        const t = touched.get(decision.conversationId);
        if (t) t.latest = Math.max(t.latest, m.timestampMs);
        else {
          // The row must exist before its messages (foreign key); later ones only move updated_at.
          d.conversations.touch(decision.conversationId, decision.conversationKind, m.timestampMs);
          touched.set(decision.conversationId, { kind: decision.conversationKind, first: m.timestampMs, latest: m.timestampMs });
        }
        if (decision.conversationKind === 'private') {
          const c = contactOf(decision.conversationId);
          if (decision.direction === 'outgoing') {
            if (!c?.isApproved) d.conversations.updateContact(decision.conversationId, { isApproved: true }, receivedAt);
          } else if (!c?.didApproveMe || (decision.profileName !== undefined && decision.profileName !== c.name) || profileNews(c, decision.profile)) {
            d.conversations.updateContact(
              decision.conversationId,
              { didApproveMe: true, ...(decision.profileName ? { profileName: decision.profileName } : {}), ...(decision.profile ? { profile: decision.profile } : {}) },
              receivedAt,
            );
          }
          if (c) {
            if (decision.direction === 'outgoing') c.isApproved = true;
            else {
              c.didApproveMe = true;
              if (decision.profileName !== undefined) c.name = decision.profileName;
              if (decision.profile) profileApplied(c, decision.profile);
            }
          } else contacts.delete(decision.conversationId);
        }
        const view: MessageView = {
          id: nextId(),
          conversationId: decision.conversationId,
          sender: m.senderSessionId,
          direction: decision.direction,
          text: decision.body,
          timestamp: m.timestampMs,
          receivedAt,
          status: decision.direction === 'outgoing' ? 'sent' : readElsewhere ? 'read' : 'received',
        };
        if (decision.unsupported.length > 0) view.unsupported = decision.unsupported;
        if (timer?.expiresAt !== undefined) view.expiresAt = timer.expiresAt;
        // --- disappearing messages (begin) ---
        if (timer) view.expiration = { type: timer.expirationType, seconds: timer.expirationTimer };
        if (decision.control?.type === 'expiration-timer') {
          view.control = decision.control;
          const c = decision.control;
          d.expirationChanged?.(decision.conversationId, c.mode === 'off' || c.seconds <= 0 ? undefined : { type: c.mode, seconds: c.seconds }, m.timestampMs);
        } else if (decision.control) view.control = decision.control; // --- media saved ---
        // --- disappearing messages (end) ---
        if (decision.quote) view.quote = { author: decision.quote.author, timestamp: decision.quote.sentAt };
        // --- groups: mentions (the Mentions Only mode and the UI's highlight) ---
        const mentionsMe =
          decision.conversationKind === 'group' && decision.direction === 'incoming' && ((decision.body !== '' && decision.body.includes(`@${me}`)) || decision.quote?.author === me);
        if (mentionsMe) view.mentionsMe = true;
        d.messages.insert({
          id: view.id,
          conversationId: view.conversationId,
          sender: view.sender,
          direction: view.direction,
          body: view.text,
          sentAt: view.timestamp,
          receivedAt,
          status: view.status,
          hash: item.hash,
          content: m.contentBytes,
          unsupported: decision.unsupported,
          ...timer,
          ...(decision.control ? { control: decision.control } : {}),
          ...(decision.quote ? { quote: decision.quote } : {}),
          ...(mentionsMe ? { mentionsMe } : {}),
          ...(decision.preview ? { preview: { url: decision.preview.url, ...(decision.preview.title !== undefined ? { title: decision.preview.title } : {}) } } : {}),
        });
        // --- unsend (begin) ---
        // Our message from another device arrived as its sync copy in our own swarm: what unsend deletes there.
        if (decision.direction === 'outgoing' && decision.conversationId !== me && decision.conversationKind !== 'group') d.messages.setSyncHash(view.id, item.hash);
        // --- unsend (end) ---
        if (d.attachments && decision.attachments.length > 0) {
          // Our own messages (sync copies from our other devices) and accepted or trusted senders download
          // by themselves; message requests wait for a click.
          const rows = attachmentRowsFromPointers(decision.attachments, {
            autoDownload: decision.direction === 'outgoing' || autoSenders.has(m.senderSessionId),
            autoDownloadMaxBytes: d.attachments.autoDownloadMaxBytes,
          });
          d.attachments.queue.insertReceived(view.id, rows);
          queued += rows.filter((r) => r.state === 'queued').length;
          view.attachments = rows.map(receivedAttachmentView);
        }
        // --- link previews (begin) ---
        if (decision.preview) {
          const { url, title, image } = decision.preview;
          view.preview = { url, ...(title !== undefined ? { title } : {}) };
          if (d.attachments && image) {
            // The image is attachment row 32, downloaded under the same rules as attachments; never fetched from the link.
            const [row] = attachmentRowsFromPointers([image], {
              autoDownload: decision.direction === 'outgoing' || autoSenders.has(m.senderSessionId),
              autoDownloadMaxBytes: d.attachments.autoDownloadMaxBytes,
            }).map((r) => ({ ...r, idx: LINK_PREVIEW_ATTACHMENT_INDEX }));
            if (row) {
              d.attachments.queue.insertReceived(view.id, [row]);
              if (row.state === 'queued') queued++;
              view.preview.image = receivedAttachmentView(row);
            }
          }
        }
        // --- link previews (end) ---
        outcome.added.push(view);
        changed.add(decision.conversationId);
      }
      for (const [id, t] of touched) if (t.latest > t.first) d.conversations.touch(id, t.kind, t.latest);
      // --- groups: content deletion (begin) ---
      // A DeleteMemberContent that came before its targets (kept as received content) applies to them on arrival.
      const addedInGroups = outcome.added.filter((v) => v.conversationId.startsWith('03'));
      if (addedInGroups.length > 0) {
        const addedIds = new Set(addedInGroups.map((v) => v.id));
        for (const gid of new Set(addedInGroups.map((v) => v.conversationId))) {
          for (const r of d.received.recentOfKind(gid, 'group-update', receivedAt - PENDING_DELETE_MS, PENDING_DELETE_MAX)) {
            const content = decodeContent(r.content);
            if (!content.ok || !content.value.dataMessage?.groupUpdateMessage?.deleteMemberContent) continue;
            const m: Incoming1o1 = { senderSessionId: r.sender, senderEd25519: new Uint8Array(0), timestampMs: r.sentAt, content: content.value, contentBytes: r.content, conversationId: gid };
            const decision = classify(me, m, attachmentRows, d.groups);
            if (decision.kind !== 'delete-content' || blocked(r.sender)) continue;
            const found = d.messages.idsForContentDelete({
              conversationId: gid,
              senders: decision.senders,
              hashes: decision.hashes,
              ...(decision.hashAuthor !== undefined ? { hashAuthor: decision.hashAuthor } : {}),
              sentAtMost: r.sentAt,
            });
            for (const t of found) if (addedIds.has(t.id)) toDelete.set(t.id, t);
          }
        }
      }
      // --- groups: content deletion (end) ---
      if (toDelete.size > 0) {
        // --- unsend (begin) ---
        // A 1:1 message becomes a "deleted" placeholder, a note-to-self message goes entirely (spec messaging §6.10).
        const gone = unsendLocally({ messages: d.messages, unsend: unsendStore }, me, [...toDelete.values()]);
        for (const r of gone.removed) {
          outcome.removed.push(r);
          changed.add(r.conversationId);
        }
        for (const r of gone.erased) {
          (outcome.updated ??= []).push(r);
          changed.add(r.conversationId);
        }
        // --- unsend (end) ---
      }
      d.messages.attachContent(ownCopies);
      crashPoint('receive.inCommit');
      for (const h of lastHashes) d.messages.saveLastHash(h);
      return { queued };
    }),
  );

  /** Records a message that could not be stored as raw received content (kind `other`) with its hash seen. */
  const recordUnstored = d.db.transaction((item: IncomingItem, m: Incoming1o1, receivedAt: number): void => {
    d.received.insert({ sender: m.senderSessionId, sentAt: m.timestampMs, conversationId: m.conversationId, kind: 'other', content: m.contentBytes, hash: item.hash, receivedAt });
    d.messages.markSeenMany([{ hash: item.hash, expiresAt: item.expiration }]);
  });
  const saveLastHashes = d.db.transaction((lastHashes: readonly LastHash[]): void => {
    for (const h of lastHashes) d.messages.saveLastHash(h);
  });

  /**
   * A batch whose commit failed with a storage error, committed again one message per transaction: what can be
   * stored is; a message that still fails is logged (hash, sender, reason: never its content) and kept raw as
   * received content with its hash seen, so it is neither retried forever nor lost. Only when even that fails
   * are its hash left unseen and the batch's last hashes left unsaved (the batch then fails as before): the next
   * poll brings it back, the others being duplicates by then.
   */
  const commitEach = (
    decoded: { item: IncomingItem; result: Decoded }[],
    lastHashes: readonly LastHash[],
    outcome: ReceiveOutcome,
    changed: Set<string>,
    reacted: Set<string>,
    first: unknown,
  ): number => {
    d.log.warn(`receiver: a batch of ${decoded.length} could not be stored at once (${storageReason(first)}); storing its messages one by one`);
    let queued = 0;
    const failed: { one: { item: IncomingItem; result: Decoded }; err: unknown }[] = [];
    for (const one of decoded) {
      const mark = { added: outcome.added.length, removed: outcome.removed.length, updated: outcome.updated?.length ?? 0, dropped: outcome.dropped, duplicates: outcome.duplicates, ignored: outcome.ignored };
      try {
        queued += commit([one], [], outcome, changed, reacted).queued;
      } catch (err) {
        if (!isStorageError(err) || !d.db.open) throw err;
        outcome.added.length = mark.added;
        outcome.removed.length = mark.removed;
        if (outcome.updated) outcome.updated.length = mark.updated;
        Object.assign(outcome, { dropped: mark.dropped, duplicates: mark.duplicates, ignored: mark.ignored });
        failed.push({ one, err });
      }
    }
    // Every message of the batch failing (nothing was stored) is no one message's doing: retried whole, as before.
    if (failed.length === decoded.length && decoded.length > 1) throw first;
    let lost = 0;
    for (const { one, err } of failed) {
      const who = one.result.ok ? ` from ${one.result.value.senderSessionId.slice(0, 10)}…` : '';
      d.log.warn(`receiver: message ${one.item.hash.slice(0, 8)}${who} could not be stored (${storageReason(err)}); it is kept as raw content`);
      try {
        if (!one.result.ok) throw new Error('undecodable');
        recordUnstored(one.item, one.result.value, d.now());
        outcome.ignored++;
      } catch (err2) {
        lost++;
        d.log.warn(`receiver: message ${one.item.hash.slice(0, 8)} could not be kept either (${storageReason(err2)}); it is fetched again with the next poll`);
      }
    }
    // Later chunks of the batch (and their last hashes) are refused too: this failure ends the poll.
    if (lost > 0) throw new Error(`receiver: ${lost} message(s) of the batch could be neither stored nor kept`);
    saveLastHashes(lastHashes);
    return queued;
  };

  /** Settles once the latest call has committed (or failed): commits keep call order. */
  let tail: Promise<unknown> = Promise.resolve();
  /**
   * Bumped when a batch fails at its turn. A batch handed over before that failure is then refused too:
   * its items were retrieved after the failed batch's, so committing its last hashes would skip those.
   */
  let generation = 0;
  // Without a pool (tests) batches decode in this thread, with the same sender-key cache a worker keeps.
  const senderKeys = createSenderKeyCache();

  const decodeFresh = async (items: readonly IncomingItem[], outcome: ReceiveOutcome, decodeOne?: ProcessOptions['decode']): Promise<{ item: IncomingItem; result: Decoded }[]> => {
    const seen = d.messages.seenAmong(items.map((item) => item.hash));
    const batchSeen = new Set<string>();
    const fresh: IncomingItem[] = [];
    for (const item of items) {
      if (batchSeen.has(item.hash) || seen.has(item.hash)) {
        outcome.duplicates++;
        continue;
      }
      batchSeen.add(item.hash);
      fresh.push(item);
    }
    // Crypto happens outside the transaction (on the pool's workers if any); only the writes hold the database.
    const datas = fresh.map((item) => item.data);
    const results = decodeOne
      ? datas.map((data) => decodeOne(data))
      : d.decryptPool
        ? await d.decryptPool.decodeAsync(datas)
        : datas.map((data) => decode1o1Message(d.identity, data, senderKeys.convert));
    return fresh.map((item, i) => ({ item, result: results[i] as Decoded }));
  };

  const run = async (
    items: readonly IncomingItem[],
    lastHashes: readonly LastHash[],
    previous: Promise<unknown>,
    batchGeneration: number,
    chunk: ChunkTurn = { yieldFirst: false },
    decodeOne?: ProcessOptions['decode'],
  ): Promise<ReceiveOutcome> => {
    const outcome: ReceiveOutcome = { added: [], removed: [], updated: [], dropped: 0, duplicates: 0, ignored: 0 };
    // Decoding overlaps the previous batch's commit; its failure counts only at this batch's turn. A later
    // chunk of a batch decodes after the chunk before it, so the pool holds one chunk at a time (a stalled
    // answer would make it fall back to this thread) and the first chunks commit while the next decode.
    const decode = () => decodeFresh(items, outcome, decodeOne);
    const decoding = (chunk.decodeAfter ? chunk.decodeAfter.then(decode) : decode()).then(
      (decoded) => ({ decoded }),
      (error: unknown) => ({ error }),
    );
    chunk.decoding = decoding;
    const [result] = await Promise.all([decoding, previous]);
    // A later chunk of a batch: let timers and I/O run between two commits.
    if (chunk.yieldFirst) await new Promise<void>((resolve) => setImmediate(resolve));
    if (batchGeneration !== generation) throw new Error('receiver: an earlier batch failed; this one was not committed');
    const changed = new Set<string>();
    const reacted = new Set<string>();
    let queued = 0;
    try {
      if ('error' in result) throw result.error;
      if (!d.db.open) throw new Error('receiver: the database closed before the batch was committed');
      const decoded = result.decoded;
      decoded.sort((a, b) => (a.result.ok ? a.result.value.timestampMs : 0) - (b.result.ok ? b.result.value.timestampMs : 0));
      typingSeen = [];
      try {
        queued = commit(decoded, lastHashes, outcome, changed, reacted).queued;
      } catch (err) {
        // A storage error in one message must not hold back the others (nor every poll after): see commitEach.
        if (!isStorageError(err) || !d.db.open || decoded.length === 0) throw err;
        queued = commitEach(decoded, lastHashes, outcome, changed, reacted, err);
      }
      crashPoint('receive.committed');
    } catch (err) {
      generation++;
      typingSeen = [];
      throw err;
    }
    stats.processed += items.length;
    stats.added += outcome.added.length;
    stats.dropped += outcome.dropped;
    stats.duplicates += outcome.duplicates;
    stats.ignored += outcome.ignored;
    if (outcome.dropped > 0) d.log.warn(`receiver: dropped ${outcome.dropped} invalid item(s) (${JSON.stringify(stats.dropReasons)} so far)`);
    // --- typing indicators (begin) ---
    // Before the messages: a message from a typing sender then clears the indicator (spec messaging §6.9).
    for (const t of typingSeen.splice(0)) d.signals?.typing?.(t.sender, t.started, t.valid);
    // --- typing indicators (end) ---
    // --- reactions, quotes (begin) ---
    // New messages show reactions that arrived before them and what they quote (one query each per batch).
    if (outcome.added.length > 0) (extras ??= attachMessageExtras(d.db))(outcome.added);
    // --- reactions, quotes (end) ---
    if (outcome.added.length > 0) d.events.emit('messages.added', { messages: outcome.added });
    const removed = new Map<string, string[]>();
    for (const r of outcome.removed) removed.set(r.conversationId, [...(removed.get(r.conversationId) ?? []), r.id]);
    for (const [conversationId, ids] of removed) d.events.emit('messages.removed', { conversationId, ids });
    // --- unsend, read receipts and typing indicators (begin) ---
    if (outcome.updated && outcome.updated.length > 0) {
      const views = outcome.updated.flatMap((u) => d.messages.get(u.id) ?? []);
      if (views.length > 0) d.events.emit('messages.updated', { messages: views });
    }
    // --- unsend, read receipts and typing indicators (end) ---
    // --- reactions (begin) ---
    if (reacted.size > 0) {
      const views = [...reacted].flatMap((id) => d.messages.get(id) ?? []);
      if (views.length > 0) d.events.emit('messages.updated', { messages: views });
    }
    // --- reactions (end) ---
    if (changed.size > 0) d.events.emit('conversations.updated', { conversations: d.conversationsService.summaries(changed) });
    if (queued > 0) d.attachments?.onQueued?.();
    return outcome;
  };

  return {
    stats,
    process(items, lastHashes, options = {}) {
      const chunks = chunksOf(items, Math.max(1, d.commitChunk ?? RECEIVE_COMMIT_CHUNK));
      let decodeAfter: Promise<unknown> | undefined;
      const parts = chunks.map((items, k) => {
        const chunk: ChunkTurn = { yieldFirst: k > 0, ...(decodeAfter ? { decodeAfter } : {}) };
        // The batch's last hashes go with its last chunk: they are saved only once every item is.
        const p = run(items, k === chunks.length - 1 ? lastHashes : [], tail, generation, chunk, options.decode);
        tail = p.catch(() => undefined);
        decodeAfter = chunk.decoding;
        return p;
      });
      return Promise.all(parts).then(mergeOutcomes);
    },
  };
}
