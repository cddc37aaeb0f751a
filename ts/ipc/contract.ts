// The API between the backend and every UI host: method names, parameter schemas, result and
// event types. Isomorphic: no Electron, Node or DOM imports. Parameters are validated with zod at
// the receiving end of every transport (see validate.ts); results are produced by our own backend.
import * as z from 'zod';

// ---------- settings ----------

export const THEMES = ['classic-dark', 'classic-light', 'ocean-dark', 'ocean-light'] as const;
export const ACCENTS = ['green', 'blue', 'yellow', 'pink', 'purple', 'orange', 'red'] as const;

/** Every user setting with its schema. Defaults follow the official app (spec/ui.md §6.13). */
export const settingSchemas = {
  theme: z.enum(THEMES),
  accent: z.enum(ACCENTS),
  followSystemTheme: z.boolean(),
  zoomFactor: z.number().min(0.5).max(2),
  hideMenuBar: z.boolean(),
  readReceipts: z.boolean(),
  typingIndicators: z.boolean(),
  linkPreviews: z.boolean(),
  communityMessageRequests: z.boolean(),
  notifications: z.boolean(),
  notificationContent: z.enum(['name-and-content', 'name-only', 'none']),
  audioNotifications: z.boolean(),
  trimCommunities: z.boolean(),
  spellCheck: z.boolean(),
  autoplayAudio: z.boolean(),
  autoUpdate: z.boolean(),
  keepInTray: z.boolean(),
  enterKey: z.enum(['enter-sends', 'shift-enter-sends']),
  // --- hidden UI (requests banner, recovery password): begin ---
  /** The Message Requests banner was hidden from its menu; a new request shows it again (spec/ui.md §3.4). */
  hideMessageRequestBanner: z.boolean(),
  /** The recovery password is hidden on this device for good (spec/ui.md §6.8): the backend refuses to turn it back off. */
  hideRecoveryPassword: z.boolean(),
  // --- hidden UI: end ---
  // --- media: begin ---
  /** Microphone access for voice messages (spec/ui.md §6.2, default off); Electron's permission handler follows it. */
  microphone: z.boolean(),
  // --- media: end ---
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type Settings = { [K in SettingKey]: z.infer<(typeof settingSchemas)[K]> };

export const DEFAULT_SETTINGS: Settings = {
  theme: 'classic-dark',
  accent: 'green',
  followSystemTheme: false,
  zoomFactor: 1,
  hideMenuBar: true,
  readReceipts: false,
  typingIndicators: false,
  linkPreviews: false,
  communityMessageRequests: false,
  notifications: true,
  notificationContent: 'name-and-content',
  audioNotifications: false,
  trimCommunities: true,
  spellCheck: true,
  autoplayAudio: false,
  // Off (the official default is on): there is no update server, so nothing may act as if it checked.
  autoUpdate: false,
  keepInTray: false,
  enterKey: 'enter-sends',
  // --- hidden UI (requests banner, recovery password): begin ---
  hideMessageRequestBanner: false,
  hideRecoveryPassword: false,
  // --- hidden UI: end ---
  // --- media ---
  microphone: false,
};

/** Settings needed before the database is unlocked; kept in the plain JSON prefs file. */
export const PRE_UNLOCK_SETTINGS: readonly SettingKey[] = ['theme', 'accent', 'zoomFactor', 'hideMenuBar'];

export const settingKeySchema = z.enum(Object.keys(settingSchemas) as [SettingKey, ...SettingKey[]]);

// ---------- app ----------

export type NetworkName = 'mainnet' | 'testnet' | 'custom';

export interface AppInfo {
  name: string;
  version: string;
  network: NetworkName;
  /** Seed URL for a custom network; undefined for mainnet/testnet. */
  seedUrl?: string;
  /** The profile folder: ROOT/<network>/<profile>/ */
  dataDir: string;
  profile: string;
  platform: string;
  /** Which host runs the backend. */
  host: 'electron' | 'web' | 'cli';
  /**
   * Set by the Electron app where spell checking is off whatever the setting says: on Windows and Linux
   * Chromium would download its dictionaries from a remote server, which the app never lets it do.
   */
  spellCheckUnavailable?: 'no-offline-dictionaries';
}

// ---------- about and debug log (spec/ui.md §1.1 items 3-4) ----------

/** What the About window shows. */
export interface AboutInfo {
  name: string;
  version: string;
  /** One line: OS and release, architecture, runtime versions ("System Information: {information}"). */
  systemInformation: string;
  /** The git commit the build was made from; absent when the build did not record one. */
  commitHash?: string;
  network: NetworkName;
}

/**
 * An export of the debug log: the file's name and text for the renderer to save (web host), or what
 * the Electron host's native Save dialog did with it.
 */
export type DebugLogExport =
  | { outcome: 'text'; fileName: string; text: string }
  | { outcome: 'saved'; path: string }
  | { outcome: 'cancelled' };

// ---------- app password and keys at rest (spec/ui.md §6.3, §1.1 item 2) ----------

/**
 * How the database key is kept at rest: `plain` (a 0600 file: the web host and the CLI, which have no
 * keychain), `keychain` (wrapped by the OS keychain, Electron only), `password` (wrapped with the app password).
 */
export type KeyProtection = 'plain' | 'keychain' | 'password';

export interface PasswordStatus {
  /** An app password is set. */
  set: boolean;
  /**
   * The profile waits for the app password: until `password.unlock` succeeds only app.getInfo, app.getAbout,
   * app.exportDebugLog, settings.getAll (the pre-unlock settings), password.status, password.unlock and
   * data.clear (Clear Device) work; every other method fails with code `locked`.
   */
  locked: boolean;
  protection: KeyProtection;
  /** Wrong passwords in a row (kept across restarts). */
  failedAttempts: number;
  /** How long until the next password may be tried (the wait doubles from 1 s with each wrong one); 0: now. */
  retryAfterMs: number;
}

/** Password rules (spec/ui.md §6.3): 6-256 characters; letters, digits, symbols and space (printable ASCII). */
export const PASSWORD_MIN_LENGTH = 6;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_LENGTH_ERROR = 'Password must be between 6 and 256 characters long';
export const PASSWORD_CHARACTERS_ERROR = 'Password must only contain letters, numbers and symbols';
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, PASSWORD_LENGTH_ERROR)
  .max(PASSWORD_MAX_LENGTH, PASSWORD_LENGTH_ERROR)
  .regex(/^[\x20-\x7E]*$/, PASSWORD_CHARACTERS_ERROR);
/** A password being checked: no rules beyond a sane size (it was set under whatever rules applied then). */
const givenPasswordSchema = z.string().min(1, 'Enter your password.').max(1024);

// ---------- messaging ----------

export type ConversationKind = 'private' | 'note-to-self' | 'group' | 'community';
export type MessageDirection = 'incoming' | 'outgoing';
export type MessageStatus = 'sending' | 'sent' | 'failed' | 'received' | 'read';

export interface AccountView {
  /** Our 05 Session ID (66 lowercase hex). */
  sessionId: string;
  displayName: string;
  /**
   * Show the "save your recovery password" banner: the account was created here (not restored) and the
   * recovery password has not been viewed yet (account.getRecoveryPassword marks it viewed).
   */
  showRecoveryBanner?: boolean;
  /** Changes whenever our profile picture changes; absent: none. Fetch it with `avatars.get` and our Session ID. */
  avatarVersion?: string;
  /** The file-server URL our profile picture was uploaded to (as in the UserProfile config); absent: none. */
  avatarUrl?: string;
}

/** Per-conversation notification mode (spec/ui.md §3.7); `mentions` (Mentions Only) applies to communities and groups. */
export type NotificationMode = 'all' | 'mute' | 'mentions';
export const NOTIFICATION_MODES = ['all', 'mute', 'mentions'] as const;

/**
 * A part of a message this version stores but cannot show yet; the UI shows a placeholder for it and a
 * later version renders it from the stored Content.
 */
export type UnsupportedPart =
  | 'attachments'
  | 'quote'
  | 'link-preview'
  | 'reaction'
  | 'expiration-timer-update'
  | 'group-update'
  | 'community-invitation'
  | 'call'
  | 'data-extraction'
  | 'unknown';

// ---------- media (attachments, voice messages, profile pictures; spec messaging §6.6-6.7) ----------

/**
 * Where an attachment's bytes are:
 * - `not-downloaded`: only the pointer is here; downloaded on click (`attachments.download`), e.g. from a
 *   message request or above the automatic-download size;
 * - `queued` / `downloading`: a download is waiting or running (it resumes after a restart);
 * - `downloaded`: decrypted and stored here (encrypted at rest), readable with `attachments.read`;
 * - `uploading`: ours, stored here, being uploaded (the message is `sending`);
 * - `failed`: download or upload failed with `error` (a digest or MAC mismatch, a broken file, the network);
 *   the message itself stays;
 * - `expired`: the file server no longer has the file.
 */
export type AttachmentState = 'not-downloaded' | 'queued' | 'downloading' | 'downloaded' | 'uploading' | 'failed' | 'expired';

export interface AttachmentView {
  /** Position in the message (0-based); with the message id, the attachment's identity. */
  index: number;
  /** The file name, made safe (no path separators or control characters); absent when the sender gave none. */
  fileName?: string;
  /** The MIME type: sniffed from the bytes once they are here, else what the sender declared. Never trusted to open anything. */
  contentType: string;
  /** Plaintext size in bytes. */
  size: number;
  width?: number;
  height?: number;
  /** Sent as a voice message (AttachmentPointer flag VOICE_MESSAGE). */
  voice: boolean;
  /** Audio/video duration in ms when known. */
  durationMs?: number;
  caption?: string;
  state: AttachmentState;
  /** 0..1 while uploading or downloading. */
  progress?: number;
  /** Why the download or upload failed, fit to show. */
  error?: string;
  /** A locally made preview image exists (`attachments.read` with variant `thumbnail`). */
  hasThumbnail: boolean;
  /** The file's id on the file server (the pointer's id, or the last path segment of its URL), shown in Message Info; absent when unknown. */
  fileId?: string;
}

/** A file staged for sending (or for a profile picture), already processed by the backend. */
export interface StagedAttachmentView {
  stageId: string;
  fileName?: string;
  /** Sniffed from the bytes. */
  contentType: string;
  /** Size after processing (images are re-encoded and down-scaled). */
  size: number;
  width?: number;
  height?: number;
  voice: boolean;
  durationMs?: number;
  hasThumbnail: boolean;
}

/** One attachment in a conversation's media/files gallery. */
export interface GalleryItem {
  messageId: string;
  /** The message's sent timestamp (ms). */
  timestamp: number;
  sender: string;
  attachment: AttachmentView;
}

/** What `attachments.save` did: saved by the host (Electron: native dialog), cancelled, or left to the renderer (web host). */
export type AttachmentSaveResult =
  | { outcome: 'saved'; path: string }
  | { outcome: 'cancelled' }
  /** Read the bytes with `attachments.read` and offer them as a download named `fileName`. */
  | { outcome: 'renderer'; fileName: string; contentType: string };

/** Largest slice `attachments.read` returns and `attachments.stageChunk` takes (raw bytes; base64 on the wire, within the WebSocket frame limit of 1 MiB). */
export const MEDIA_CHUNK_BYTES = 512 * 1024;
/** Largest poster frame `attachments.setPoster` takes (base64 characters: one WebSocket frame, as a staged chunk). */
export const POSTER_MAX_BASE64 = 720_000; // --- media: video posters ---
/** Most attachments in one message (spec messaging §8 item 10). */
export const MAX_MESSAGE_ATTACHMENTS = 32;

// --- conversation features (issue 12: reactions, quotes, receipts, typing, unsend, disappearing, search, link previews): begin ---

/** Disappearing-message timer values the official apps know (seconds, spec messaging §6.12 `TimerOptions.VALUES` without 0). */
export const EXPIRATION_TIMER_VALUES = [5, 10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600] as const;
export type ExpirationMode = 'off' | 'after-send' | 'after-read';
/** A message's or a conversation's disappearing setting; absent where it is off. */
export interface ExpirationView {
  type: 'after-send' | 'after-read';
  /** Timer in seconds. */
  seconds: number;
}

/** A reply's reference to the message it quotes (spec messaging §6.2). */
export interface QuoteView {
  /** The quoted message's sent timestamp and author: its protocol identity. */
  timestamp: number;
  author: string;
  /** The quoted message's id here; absent when we do not have it ("Original message not found"). */
  messageId?: string;
  /** The quoted message's text, when we have it. */
  text?: string;
  /** The quoted message's first attachment (a thumbnail is read with attachments.read on messageId, index 0). */
  attachment?: Pick<AttachmentView, 'contentType' | 'fileName' | 'voice' | 'hasThumbnail'>;
}

/** One emoji's reactions on a message (spec messaging §6.4). */
export interface ReactionView {
  emoji: string;
  count: number;
  /** Who reacted, in the order their reactions arrived (ours included as our Session ID). */
  senders: string[];
  /** We reacted with this emoji. */
  mine: boolean;
}

/** A link preview on a message (spec messaging §6.3). The image, when there is one, is `image`. */
export interface LinkPreviewView {
  url: string;
  title?: string;
  /** The preview image as an attachment of this message (read it with attachments.read and `variant: 'preview'`). */
  image?: AttachmentView;
}

/** A link preview the backend fetched for the composer (nothing is sent until messages.send). */
export interface LinkPreviewDraft {
  url: string;
  title?: string;
  /** The image, staged like an attachment (attachments.readStaged shows it); absent when the page had none. */
  imageStageId?: string;
}

/**
 * A control message in the timeline (spec/ui.md §4.9): centred text, no bubble. `expiration-timer`: someone
 * (the message's sender) changed the conversation's disappearing setting; `media-saved`: the sender saved media
 * from this conversation (data-extraction notification, spec messaging §6.15).
 */
export type ControlView =
  | { type: 'expiration-timer'; mode: ExpirationMode; seconds: number }
  | { type: 'media-saved' }
  // groups: GroupUpdate messages (GroupControlView)
  | GroupControlView;

/** One full-text search hit (spec/ui.md §3.3). */
export interface SearchHit {
  message: MessageView;
  /** A short excerpt of the text around the match. */
  snippet: string;
  /** [start, end) UTF-16 offsets in `snippet` of the matched terms, for highlighting. */
  highlights: [number, number][];
}

export interface SearchResults {
  /** Conversations whose name (nickname, profile name) or Session ID matches. */
  conversations: ConversationSummary[];
  /** Contacts (approved, not blocked) without a listed conversation whose name matches. */
  contacts: ContactView[];
  /** Messages, newest first. */
  messages: SearchHit[];
}
// --- conversation features: end (types) ---

export interface MessageView {
  id: string;
  conversationId: string;
  /** Author's Session ID (ours for outgoing messages). */
  sender: string;
  direction: MessageDirection;
  text: string;
  /** The envelope/sent timestamp in ms (the message's identity together with the sender). */
  timestamp: number;
  /** Local time (ms) the message was stored here. */
  receivedAt: number;
  status: MessageStatus;
  /** Why a send failed, fit to show. */
  error?: string;
  /** Parts of the stored Content this version cannot show (absent or empty: none). */
  unsupported?: UnsupportedPart[];
  /** When the message disappears (ms), for disappearing messages. */
  expiresAt?: number;
  /** The message's attachments, in order (absent or empty: none). */
  attachments?: AttachmentView[];
  // --- conversation features (begin) ---
  /** The message it replies to. */
  quote?: QuoteView;
  /** Reactions, in the order each emoji was first used (absent or empty: none). */
  reactions?: ReactionView[];
  /** The message's own disappearing mode and timer (its timer runs once `expiresAt` is set). */
  expiration?: ExpirationView;
  /** Deleted for everyone by its author: kept as a "This message was deleted" placeholder; text and attachments are gone. */
  deleted?: boolean;
  /** A control message (timer change, media saved) instead of a bubble; `text` is then empty. */
  control?: ControlView;
  /** The message's link preview. */
  preview?: LinkPreviewView;
  // --- conversation features (end) ---
  // --- communities (begin) ---
  /** Community messages: the server's message id (rows of a room are ordered by it). */
  serverId?: number;
  /** Community messages: the server's time (ms) the message was posted. */
  postedAt?: number;
  /** Community messages: the sender's display name from the message's profile, when it carried one. */
  senderName?: string;
  /** Community messages: the sender's Session ID when we can know it (our own messages); `sender` is then the blinded id. */
  senderSessionId?: string;
  /** The message mentions us (`@<our id>` in a community, our Session ID elsewhere) or quotes one of ours. */
  mentionsMe?: boolean;
  /** Community messages: pinned by a room admin. */
  pinned?: boolean;
  /**
   * A community invitation (DataMessage.communityInvitation, spec messaging §6.5): the room's share URL (to pass to
   * `communities.join`) and its name. Set only when the URL is a valid share URL; otherwise `unsupported` says so.
   */
  communityInvitation?: { url: string; name: string };
  // --- communities (end) ---
}

/** One page of a conversation's messages, oldest first. */
export interface MessagePage {
  messages: MessageView[];
  /** There are older messages before the first one of this page. */
  hasOlder: boolean;
  /** There are newer messages after the last one of this page. */
  hasNewer: boolean;
  /** The conversation's oldest unread incoming message, wherever it is. */
  firstUnreadId?: string;
}

export interface BlockedContactView {
  id: string;
  name?: string;
}

/** A contact as the Contacts config and received messages know it. */
export interface ContactView {
  id: string;
  /** Their own profile name. */
  profileName?: string;
  nickname?: string;
  /** We approved them (we wrote to them or accepted their request). */
  approved: boolean;
  /** They approved us. */
  approvedMe: boolean;
  blocked: boolean;
  /** As in ConversationSummary: absent when the contact has no picture here. */
  avatarVersion?: string;
}

export interface ConversationSummary {
  /** The peer's Session ID for private conversations and note-to-self. */
  id: string;
  kind: ConversationKind;
  name?: string;
  isApproved: boolean;
  /** An incoming message request: they wrote, we have not accepted. */
  isRequest: boolean;
  isBlocked: boolean;
  unreadCount: number;
  lastMessage?: MessageView;
  updatedAt: number;
  /** Absent means 'all'. */
  notificationMode?: NotificationMode;
  /** The unsent text in this conversation's composer, kept across restarts. */
  draft?: string;
  // ---- config sync (Contacts / ConvoInfoVolatile / UserProfile configs) ----
  /** The nickname we gave this contact; `name` already follows nickname > profile name. */
  nickname?: string;
  /** The contact's own profile name, when known. */
  profileName?: string;
  /** Pin priority (config `+` > 0); absent when not pinned. Pinned conversations sort first, higher first. */
  pinnedPriority?: number;
  /** Explicitly marked unread (ConvoInfoVolatile `u`), until the conversation is read. */
  markedUnread?: boolean;
  /** The read position (ms): everything sent at or before it counts as read. */
  lastReadTimestamp?: number;
  /** Note to Self only: hidden from the list (UserProfile priority −1). */
  hidden?: boolean;
  /** Changes whenever the peer’s profile picture (a room: its image; a group: its picture, Info p/q) changes; absent: no picture (initials). Fetch it with `avatars.get` and the conversation id. */
  avatarVersion?: string;
  // --- media: composer (begin) ---
  /**
   * Private conversations: false while our own message request is not approved by them yet (an outgoing
   * request), when attachments and voice messages are refused (spec/ui.md §4.7); absent otherwise.
   */
  approvedMe?: boolean;
  // --- media: composer (end) ---
  // --- conversation features (begin) ---
  /** The conversation's disappearing setting (Contacts config for private chats, UserProfile for Note to Self); absent: off. */
  expiration?: ExpirationView;
  // --- conversation features (end) ---
  // --- communities (begin) ---
  /** Community rooms only (kind `community`; `id` is `{baseUrl}/{room}`): what the room's server says of it and of us. */
  community?: CommunityView;
  /**
   * Blinded direct messages (a private conversation whose id is a `15…` id, until the sender's Session ID is
   * known): the community the conversation came from.
   */
  blindedVia?: { conversationId: string; name?: string };
  // --- communities (end) ---
  // --- groups: begin ---
  /** Groups v2 only (kind `group`, `id` is the group's `03…` id). */
  group?: GroupView;
  // --- groups: end ---
}

/** A joined community room as its server describes it (spec advanced.md A.6 room object). */
export interface CommunityView {
  /** The canonical base URL (`http(s)://host[:port]`). */
  baseUrl: string;
  /** The room token as the server spells it. */
  room: string;
  /** The share URL `{baseUrl}/{room}?public_key={64 hex}`. */
  url: string;
  description?: string;
  /** Users active in the room lately (`active_users`). */
  activeUsers?: number;
  /** We may post / upload files (room `write` / `upload`). */
  canWrite: boolean;
  canUpload: boolean;
  /** We are a moderator (or admin) / an admin of the room (room or global). */
  moderator: boolean;
  admin: boolean;
  /** Our blinded id (`15…`) on this server; our messages there carry it as `sender`. */
  blindedId: string;
  /** Visible moderators and admins (blinded ids). */
  moderators: string[];
  admins: string[];
  /** Local ids of the pinned messages we have, newest pin first. */
  pinnedMessageIds?: string[];
  /** True until the first poll of the room has stored its newest messages (the UI shows a spinner). */
  loading?: boolean;
}

/** A room the network's community server lists (Join Community overlay). */
export interface DefaultRoomView {
  /** The share URL to pass to `communities.join`. */
  url: string;
  room: string;
  name: string;
  description?: string;
  activeUsers?: number;
  /** Already joined: the conversation id. */
  joinedId?: string;
  /** The room has an image: fetch it with `avatars.get` and the room's conversation id (`{base}/{room}`). */
  imageVersion?: string;
}

/** Someone who posted in a room (mention suggestions, moderation). */
export interface CommunityMemberView {
  /** Their blinded id (`15…`) as the server shows it. */
  id: string;
  name?: string;
  moderator: boolean;
  admin: boolean;
  /**
   * False when their newest post in the room says they turned message requests from Community conversations off
   * (DataMessage.blocksCommunityMessageRequests): they cannot be sent a blinded message. Absent: not known (allowed).
   */
  acceptsMessages?: boolean;
}

export type CommunityModeration = 'ban' | 'unban' | 'ban-delete-all' | 'delete-all' | 'mod' | 'unmod' | 'admin' | 'unadmin';
export const COMMUNITY_MODERATIONS = ['ban', 'unban', 'ban-delete-all', 'delete-all', 'mod', 'unmod', 'admin', 'unadmin'] as const;

// --- groups: begin ---
/** A group member's state as the group's Members config says it (spec advanced.md C.4; the CLI's status strings). */
export type GroupMemberStatus =
  | 'invite-sending'
  | 'invite-sent'
  | 'invite-failed'
  | 'joined'
  | 'promotion-sending'
  | 'promotion-sent'
  | 'promotion-failed'
  | 'removed';

/** A groups v2 conversation (kind `group`, id = the group's `03…` id) as its Info config and our UserGroups entry say. */
export interface GroupView {
  /** The Info config's name; before the first poll, the name the invitation gave. */
  name?: string;
  description?: string;
  /** Members listed in the Members config (0 until it arrived). */
  memberCount: number;
  /** We hold the group's seed (we created the group or were promoted): the admin methods (`groups.invite` …) work. */
  admin: boolean;
  /** An invitation not accepted yet: the conversation is listed as a request (not approved inviter) or a conversation. */
  invitationPending: boolean;
  /** Who invited us (their Session ID), while the invitation is pending. */
  invitedBy?: string;
  /** The inviter's display name when known. */
  invitedByName?: string;
  /** An admin removed us (kicked notice): read-only, no more polling. */
  kicked: boolean;
  /** An admin deleted the group for everyone (Info `!`): read-only, no more polling. */
  destroyed: boolean;
}

/** One member of a group (Members config entry). */
export interface GroupMemberView {
  sessionId: string;
  /** The name the Members config carries (or our contact name for them); absent when empty. */
  name?: string;
  role: 'admin' | 'member';
  status: GroupMemberStatus;
}

/** A member a group control message concerns, with the name we know for them. */
export interface GroupControlMember {
  sessionId: string;
  name?: string;
}

/**
 * Group control messages (GroupUpdate messages, spec advanced.md C.8); the message's `sender` is who did it
 * (the admin; the member who left or accepted).
 */
export type GroupControlView =
  | { type: 'member-added'; members: GroupControlMember[]; historyShared?: boolean }
  | { type: 'member-removed'; members: GroupControlMember[] }
  | { type: 'member-promoted'; members: GroupControlMember[] }
  | { type: 'member-left' }
  | { type: 'invite-accepted' }
  | { type: 'name-changed'; name: string }
  | { type: 'avatar-changed' }
  | { type: 'expiration-changed'; seconds: number };
// --- groups: end ---

export interface OnionPathNodeView {
  ip: string;
  port: number;
  ed25519: string;
  /** ISO country code when known. */
  country?: string;
}
export interface OnionPathView {
  nodes: OnionPathNodeView[];
}
export type NetworkState = 'offline' | 'connecting' | 'online';

const displayNameSchema = z.string().trim().min(1, 'Enter a display name.').max(100, 'Display names are at most 100 characters.');

// ---------- methods ----------

const empty = z.object({}).strict();

/**
 * Longest conversation id a method takes: a community room's id is its URL `{base}/{room}` (base up to 267
 * characters, room up to 64; spec advanced.md A.1), so 400, not the 200 that fits Session and group ids.
 */
export const CONVERSATION_ID_MAX = 400;
const conversationIdSchema = z.string().min(1).max(CONVERSATION_ID_MAX);

// --- groups: begin ---
/** A group has at most this many members, its admins included (the official limit). */
export const GROUP_MAX_MEMBERS = 100;
/** Info `n` and `o` limits in UTF-8 bytes (spec advanced.md C.4). */
export const GROUP_NAME_MAX_BYTES = 100;
export const GROUP_DESCRIPTION_MAX_BYTES = 2000;
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;
const fitsBytes = (max: number) => (s: string): boolean => utf8Length(s) <= max;
const groupNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a group name.')
  .max(GROUP_NAME_MAX_BYTES, `A group name is at most ${GROUP_NAME_MAX_BYTES} bytes.`)
  .refine(fitsBytes(GROUP_NAME_MAX_BYTES), `A group name is at most ${GROUP_NAME_MAX_BYTES} bytes.`);
const groupDescriptionSchema = z
  .string()
  .max(GROUP_DESCRIPTION_MAX_BYTES, `A group description is at most ${GROUP_DESCRIPTION_MAX_BYTES} bytes.`)
  .refine(fitsBytes(GROUP_DESCRIPTION_MAX_BYTES), `A group description is at most ${GROUP_DESCRIPTION_MAX_BYTES} bytes.`);
/** A member's Session ID (`05` + 64 hex; either case). */
const groupMemberIdSchema = z.string().min(66).max(66).regex(/^05[0-9a-fA-F]{64}$/, 'Enter a valid Session ID (66 characters starting with 05).');
// --- groups: end ---

/** Method table: name -> params schema. Result types are in MethodResults. */
export const methodParams = {
  'app.getInfo': empty,
  'settings.getAll': empty,
  'settings.set': z
    .object({ key: settingKeySchema, value: z.unknown() })
    .strict()
    .superRefine((v, ctx) => {
      const schema = settingSchemas[v.key as SettingKey];
      if (!schema) return;
      const r = schema.safeParse(v.value);
      if (!r.success) ctx.addIssue({ code: 'custom', path: ['value'], message: `Invalid value for setting "${v.key}"` });
    }),
  'account.get': empty,
  'account.create': z.object({ displayName: displayNameSchema }).strict(),
  'account.restore': z.object({ mnemonic: z.string().max(1000), displayName: displayNameSchema.optional() }).strict(),
  'account.setDisplayName': z.object({ displayName: displayNameSchema }).strict(),
  /** With an app password set, `password` is required and checked first (spec/ui.md §6.8): wrong ones count as at the lock screen. */
  'account.getRecoveryPassword': z.object({ password: givenPasswordSchema.optional() }).strict(),
  /** Whether a draft contains our recovery password (the composer warns before sending it); no secret leaves the backend. */
  'account.containsRecoveryPassword': z.object({ text: z.string().max(100_000) }).strict(),
  'conversations.list': z.object({ requests: z.boolean().optional() }).strict(),
  'conversations.accept': z.object({ id: conversationIdSchema }).strict(),
  'conversations.decline': z.object({ id: conversationIdSchema }).strict(),
  'conversations.markRead': z.object({ id: conversationIdSchema }).strict(),
  'conversations.setBlocked': z.object({ id: conversationIdSchema, blocked: z.boolean() }).strict(),
  'conversations.setNotificationMode': z.object({ id: conversationIdSchema, mode: z.enum(NOTIFICATION_MODES) }).strict(),
  'conversations.clearMessages': z.object({ id: conversationIdSchema }).strict(),
  'conversations.delete': z.object({ id: conversationIdSchema }).strict(),
  'conversations.setDraft': z.object({ id: conversationIdSchema, text: z.string().max(100_000) }).strict(),
  'conversations.clearRequests': empty,
  'contacts.delete': z.object({ id: z.string().min(1).max(200) }).strict(),
  'contacts.listBlocked': empty,
  // ---- config sync: every one of these is stored in the account's configs and pushed to its other devices ----
  'conversations.setNickname': z
    .object({ id: z.string().min(1).max(200), nickname: z.string().trim().min(1).max(100).nullable() })
    .strict(),
  'conversations.setPinned': z.object({ id: conversationIdSchema, pinned: z.boolean() }).strict(),
  'conversations.markUnread': z.object({ id: conversationIdSchema }).strict(),
  /** Hide or show Note to Self in the conversation list. */
  'conversations.setNoteToSelfHidden': z.object({ hidden: z.boolean() }).strict(),
  'contacts.list': empty,
  'data.clear': z.object({ network: z.boolean() }).strict(),
  'messages.list': z
    .object({
      conversationId: conversationIdSchema,
      beforeTimestamp: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  'messages.page': z
    .object({
      conversationId: conversationIdSchema,
      /** Older than this message / newer than it / centred on it; absent: the newest page. */
      before: z.string().min(1).max(200).optional(),
      after: z.string().min(1).max(200).optional(),
      around: z.string().min(1).max(200).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict()
    .refine((v) => [v.before, v.after, v.around].filter((x) => x !== undefined).length <= 1, 'Give at most one of before, after and around.'),
  'messages.deleteForMe': z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(1000) }).strict(),
  'messages.send': z
    .object({
      to: z.string().trim().min(1, 'Enter a Session ID or ONS name.').max(CONVERSATION_ID_MAX),
      text: z.string().max(100_000),
      /** Staged attachments (`attachments.stage*`), in order; the text is then the caption and may be empty. */
      attachments: z.array(z.object({ stageId: z.string().min(1).max(100) }).strict()).max(32, 'Unable to send more than 32 files at once.').optional(),
      // --- conversation features ---
      /** Reply to this message (of the same conversation). */
      quote: z.object({ messageId: z.string().min(1).max(200) }).strict().optional(),
      /** Send with this link preview (from linkPreviews.fetch); its URL must appear in the text. */
      preview: z
        .object({ url: z.string().min(1).max(4096), title: z.string().max(1000).optional(), imageStageId: z.string().min(1).max(100).optional() })
        .strict()
        .optional(),
    })
    .strict()
    .refine((v) => v.text.length > 0 || (v.attachments?.length ?? 0) > 0, { message: 'Enter a message.', path: ['text'] }),
  'messages.retry': z.object({ id: z.string().min(1).max(200) }).strict(),
  /**
   * The incoming messages after `consumer`'s cursor, oldest first, moving the cursor past them. `peek`: the
   * cursor stays; `through` (a message id from a peek): only up to that message, and the cursor moves to it.
   * Peek, hand the messages on, then take `through` the last one: a consumer killed in between gets them
   * again instead of never.
   */
  'messages.takeNew': z
    .object({
      consumer: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'Consumer names are 1-64 letters, digits, "_", "." or "-".'),
      peek: z.boolean().optional(),
      through: z.string().min(1).max(200).optional(),
    })
    .strict()
    .refine((v) => v.peek !== true || v.through === undefined, { message: 'peek and through cannot be combined.', path: ['through'] }),
  'sync.pollNow': empty,
  'network.getPaths': empty,
  'ons.resolve': z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  // -- about and debug log (spec/ui.md §1.1 items 3-4, §6.10) --
  'app.getAbout': empty,
  /** `userAgent`: the renderer's, for the export's info block (the backend cannot know it). */
  'app.exportDebugLog': z.object({ userAgent: z.string().max(1000).optional() }).strict(),
  // --- timeline: read on visibility (begin) ---
  /**
   * The user has seen `messageId` (at least half of it in view, window focused): it and every older
   * incoming message of the conversation are read; newer ones stay unread (spec/ui.md §4.2).
   */
  'conversations.markReadUpTo': z.object({ id: conversationIdSchema, messageId: z.string().min(1).max(200) }).strict(),
  // --- timeline: read on visibility (end) ---
  // --- media (begin) ---
  /** Starts staging a file for sending: the bytes follow in chunks. `size` is the file's size in bytes. */
  'attachments.stageBegin': z
    .object({ fileName: z.string().max(1000).optional(), contentType: z.string().max(200).optional(), size: z.number().int().nonnegative() })
    .strict(),
  /** One chunk of a staged file at `offset` (base64, at most MEDIA_CHUNK_BYTES raw bytes); chunks come in order. */
  'attachments.stageChunk': z
    .object({ stageId: z.string().min(1).max(100), offset: z.number().int().nonnegative(), dataBase64: z.string().max(720_000) })
    .strict(),
  /**
   * All bytes are in: the backend sniffs the type, re-encodes and down-scales images (metadata stripped),
   * makes a thumbnail and checks the size limit. `voice`: a voice message (MP3). `purpose` 'avatar' makes a
   * square profile picture instead.
   */
  'attachments.stageEnd': z
    .object({
      stageId: z.string().min(1).max(100),
      voice: z.boolean().optional(),
      durationMs: z.number().int().nonnegative().max(3_600_000).optional(),
      purpose: z.enum(['attachment', 'avatar']).optional(),
    })
    .strict(),
  /** Drops a staged file (removed from the composer). */
  'attachments.unstage': z.object({ stageId: z.string().min(1).max(100) }).strict(),
  /** Reads a staged file's processed bytes or thumbnail (the composer's previews). */
  'attachments.readStaged': z
    .object({ stageId: z.string().min(1).max(100), variant: z.enum(['full', 'thumbnail']).optional(), offset: z.number().int().nonnegative().optional() })
    .strict(),
  /**
   * Downloads a message's attachments (or the one at `index`) now. `trustSender`: download this sender's
   * attachments automatically from now on ("Auto Download" — Yes).
   */
  'attachments.download': z
    .object({ messageId: z.string().min(1).max(200), index: z.number().int().min(0).max(31).optional(), trustSender: z.boolean().optional() })
    .strict(),
  /** Reads a downloaded attachment (or its thumbnail) from `offset`, at most MEDIA_CHUNK_BYTES per call. */
  'attachments.read': z
    .object({
      messageId: z.string().min(1).max(200),
      index: z.number().int().min(0).max(31),
      /** 'preview': the message's link-preview image (index 0). */
      variant: z.enum(['full', 'thumbnail', 'preview']).optional(),
      offset: z.number().int().nonnegative().optional(),
    })
    .strict(),
  /** Saves a downloaded attachment: the Electron host asks where with its native dialog (never overwriting without asking). */
  'attachments.save': z.object({ messageId: z.string().min(1).max(200), index: z.number().int().min(0).max(31) }).strict(),
  // --- media: video posters (begin) ---
  /**
   * A frame of a video attachment that has a local copy and no preview yet (`hasThumbnail` false), drawn
   * by the renderer from the bytes `attachments.read` serves, as PNG/JPEG/WebP, with the video's size.
   * The backend re-encodes it as the attachment's thumbnail; a video that has one keeps it.
   */
  'attachments.setPoster': z
    .object({
      messageId: z.string().min(1).max(200),
      index: z.number().int().min(0).max(31),
      /** Within one WebSocket frame, as a staged chunk: about 540 KB of picture. */
      dataBase64: z.string().min(1).max(POSTER_MAX_BASE64),
      width: z.number().int().min(1).max(16_384),
      height: z.number().int().min(1).max(16_384),
    })
    .strict(),
  // --- media: video posters (end) ---
  /** A conversation's media (images, videos) or files (everything else, voice included), newest first. */
  'attachments.gallery': z
    .object({
      conversationId: conversationIdSchema,
      kind: z.enum(['media', 'files']),
      /** Continue after this item (the last one of the previous page). */
      before: z.object({ messageId: z.string().min(1).max(200), index: z.number().int().min(0).max(31) }).strict().optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict(),
  /** Sets our profile picture from a file staged with purpose 'avatar', or removes it (`stageId` null). */
  'account.setAvatar': z.object({ stageId: z.string().min(1).max(100).nullable() }).strict(),
  /** A profile picture (ours: our Session ID), decrypted; null when there is none here. */
  // A Session ID, or a community room's conversation id (its image).
  'avatars.get': z.object({ id: z.string().min(1).max(400) }).strict(),
  // --- media (end) ---
  // --- conversation features (begin) ---
  /** Adds or removes our reaction (spec messaging §6.4); sent to the peer and synced. */
  'messages.react': z
    .object({ messageId: z.string().min(1).max(200), emoji: z.string().min(1).max(64), action: z.enum(['add', 'remove']) })
    .strict(),
  /**
   * Deletes our own messages for everyone (spec messaging §6.10): our swarm copies are deleted, the unsend
   * request goes to the peer and our other devices, and the text and attachments are gone from this device.
   */
  'messages.unsend': z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(1000) }).strict(),
  /** Sets a conversation's disappearing messages; `seconds` one of EXPIRATION_TIMER_VALUES (0 with 'off'). */
  'conversations.setExpiration': z
    .object({
      id: z.string().min(1).max(200),
      mode: z.enum(['off', 'after-send', 'after-read']),
      seconds: z.number().int().nonnegative(),
    })
    .strict()
    .refine((v) => (v.mode === 'off' ? v.seconds === 0 : (EXPIRATION_TIMER_VALUES as readonly number[]).includes(v.seconds)), {
      message: 'Choose one of the offered timer values.',
      path: ['seconds'],
    }),
  /** The user is typing in this conversation's composer (call on input, at most every 300 ms); the backend sends typing indicators when the setting allows. */
  'conversations.typing': z.object({ id: conversationIdSchema, typing: z.boolean() }).strict(),
  /** Full-text search over every message (FTS5), newest first, plus matching conversations and contacts. */
  'messages.search': z
    .object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(500).optional(), conversationId: conversationIdSchema.optional() })
    .strict(),
  /** Fetches a link preview for the composer (only with the linkPreviews setting on); null when the page has none. */
  'linkPreviews.fetch': z.object({ url: z.string().min(1).max(4096) }).strict(),
  // --- conversation features (end) ---
  // --- app password (begin) ---
  // --- communities (spec advanced.md part A) ---
  /** The rooms of this network's community server (empty when the network has none). */
  'communities.defaultRooms': empty,
  /** Join a room from its share URL `http(s)://host[:port]/ROOM?public_key=HEX64`. */
  'communities.join': z.object({ url: z.string().trim().min(1, 'Enter a community URL.').max(600) }).strict(),
  'communities.leave': z.object({ id: conversationIdSchema }).strict(),
  /** People who posted in the room, matching `query` (name or id prefix), for @mentions and moderation. */
  'communities.members': z.object({ id: conversationIdSchema, query: z.string().max(100).optional(), limit: z.number().int().min(1).max(100).optional() }).strict(),
  /** Moderators and admins: act on a user (a `15…` id as shown, or a `05…` Session ID). */
  'communities.moderate': z.object({ id: conversationIdSchema, user: z.string().min(66).max(66), action: z.enum(COMMUNITY_MODERATIONS) }).strict(),
  /** Room admins: pin or unpin a message. */
  'communities.pin': z.object({ messageId: z.string().min(1).max(200), pinned: z.boolean() }).strict(),
  /** Open (or create) the blinded direct conversation with a room member (`user`: their `15…` id). */
  'communities.messageMember': z.object({ id: conversationIdSchema, user: z.string().min(66).max(66) }).strict(),
  /** Room moderators and admins: remove everyone's `emoji` reactions from a room message (spec advanced A.6). */
  'communities.clearReactions': z.object({ messageId: z.string().min(1).max(200), emoji: z.string().min(1).max(64) }).strict(),
  /** Sends the room's invitation (its share URL and name, spec messaging §6.5) to each contact (`05…`), as a 1:1 message. */
  'communities.invite': z
    .object({ id: conversationIdSchema, contacts: z.array(z.string().min(66).max(66)).min(1).max(100) })
    .strict(),
  // --- groups: begin ---
  /**
   * The member list of a group (`03…` id). Invitations are accepted or declined with `conversations.accept` /
   * `conversations.decline` on the group's id.
   */
  'groups.members': z.object({ id: conversationIdSchema }).strict(),
  /** Leave a group: tells the group (member-left), forgets its keys, removes it from UserGroups, stops polling. */
  'groups.leave': z.object({ id: conversationIdSchema }).strict(),
  // Admin side (issue 17). A non-admin gets `forbidden`, an unknown group `not_found`.
  /**
   * Creates a group (we are its admin) and invites `members` (Session IDs, at most 99 besides us). Resolves once
   * the group's Keys/Info/Members are stored in its swarm and each invitation was attempted (their statuses show in
   * `groups.members`).
   */
  'groups.create': z
    .object({
      name: groupNameSchema,
      description: groupDescriptionSchema.optional(),
      members: z.array(groupMemberIdSchema).max(GROUP_MAX_MEMBERS - 1, `A group has at most ${GROUP_MAX_MEMBERS} members.`),
    })
    .strict(),
  /**
   * Admin: invites members (also resends to a member listed with `invite-failed` / `invite-sent`).
   * `shareHistory`: the new members get the group's existing keys too (they can read recent messages).
   */
  'groups.invite': z
    .object({
      id: conversationIdSchema,
      members: z.array(groupMemberIdSchema).min(1, 'Choose at least one member.').max(GROUP_MAX_MEMBERS - 1, `A group has at most ${GROUP_MAX_MEMBERS} members.`),
      shareHistory: z.boolean().optional(),
    })
    .strict(),
  /**
   * Admin: removes members: the group's keys are rotated (they cannot read later messages), they get the kicked
   * notice and their access is revoked; `deleteMessages`: their messages are deleted for everyone too.
   */
  'groups.remove': z
    .object({
      id: conversationIdSchema,
      members: z.array(groupMemberIdSchema).min(1, 'Choose at least one member.').max(GROUP_MAX_MEMBERS, `A group has at most ${GROUP_MAX_MEMBERS} members.`),
      deleteMessages: z.boolean().optional(),
    })
    .strict(),
  /** Admin: makes members admins (they receive the group's key). */
  'groups.promote': z
    .object({
      id: conversationIdSchema,
      members: z.array(groupMemberIdSchema).min(1, 'Choose at least one member.').max(GROUP_MAX_MEMBERS, `A group has at most ${GROUP_MAX_MEMBERS} members.`),
    })
    .strict(),
  /** Admin: renames the group and/or sets its description (an empty description removes it). */
  'groups.update': z
    .object({ id: conversationIdSchema, name: groupNameSchema.optional(), description: groupDescriptionSchema.optional() })
    .strict()
    .refine((v) => v.name !== undefined || v.description !== undefined, 'Give a name or a description.'),
  /** Admin: sets the group's picture from a file staged with purpose 'avatar', or removes it (`stageId` null). */
  'groups.setAvatar': z.object({ id: conversationIdSchema, stageId: z.string().min(1).max(100).nullable() }).strict(),
  /** Admin: deletes the group for everyone (Info `!`); it stays here read-only, shown as deleted. */
  'groups.destroy': z.object({ id: conversationIdSchema }).strict(),
  // --- groups: end ---
  'password.status': empty,
  /** Unlocks a locked profile (opens its database); wrong: code `wrong_password`, too soon after one: `locked`. */
  'password.unlock': z.object({ password: givenPasswordSchema }).strict(),
  /** Sets the app password (none set yet): the database key is rewrapped with it, the database is not re-encrypted. */
  'password.set': z.object({ password: newPasswordSchema }).strict(),
  'password.change': z.object({ currentPassword: givenPasswordSchema, newPassword: newPasswordSchema }).strict(),
  /** Removes the app password: the key goes back to the OS keychain (Electron, where there is one) or a 0600 file. */
  'password.remove': z.object({ currentPassword: givenPasswordSchema }).strict(),
  // --- app password (end) ---
} as const;

export type MethodName = keyof typeof methodParams;
export type MethodParams<M extends MethodName> = z.input<(typeof methodParams)[M]>;

export interface MethodResults {
  'app.getInfo': AppInfo;
  'settings.getAll': Settings;
  'settings.set': Settings;
  'account.get': AccountView | null;
  'account.create': { sessionId: string; mnemonic: string };
  'account.restore': { sessionId: string; /** The display name: from the account's profile config on the network, else the one given. */ displayName?: string };
  'account.setDisplayName': AccountView;
  'account.getRecoveryPassword': { mnemonic: string };
  'account.containsRecoveryPassword': { contains: boolean };
  'conversations.list': ConversationSummary[];
  'conversations.accept': ConversationSummary;
  'conversations.decline': { id: string };
  'conversations.markRead': ConversationSummary;
  'conversations.setBlocked': ConversationSummary;
  'conversations.setNotificationMode': ConversationSummary;
  'conversations.clearMessages': ConversationSummary;
  /** Deletes the conversation and its messages; their swarm hashes stay seen so nothing comes back. */
  'conversations.delete': { id: string };
  'conversations.setDraft': { id: string };
  /** Deletes every incoming message request (without blocking). */
  'conversations.clearRequests': { ids: string[] };
  /** Deletes the conversation and the contact: their next message is a message request again. */
  'contacts.delete': { id: string };
  'contacts.listBlocked': BlockedContactView[];
  'conversations.setNickname': ConversationSummary;
  'conversations.setPinned': ConversationSummary;
  'conversations.markUnread': ConversationSummary;
  'conversations.setNoteToSelfHidden': ConversationSummary;
  'contacts.list': ContactView[];
  /**
   * Wipes this profile (and first, with `network`, every namespace of our swarm, confirmed per node);
   * the backend then starts over without an account (account.changed with null).
   */
  'data.clear': { networkNodesConfirmed?: number };
  'messages.list': MessageView[];
  'messages.page': MessagePage;
  'messages.deleteForMe': { deleted: string[] };
  'messages.send': MessageView;
  'messages.retry': MessageView;
  'messages.takeNew': MessageView[];
  /** `dropped`: invalid items this poll discarded (counted, never shown). */
  'sync.pollNow': { newMessages: number; dropped: number };
  'network.getPaths': OnionPathView[];
  'ons.resolve': { sessionId: string };
  // -- about and debug log --
  'app.getAbout': AboutInfo;
  /** The backend returns the text; the Electron host answers with its native Save dialog instead. */
  'app.exportDebugLog': DebugLogExport;
  // --- timeline: read on visibility (begin) ---
  /** The summary afterwards (its unread count is what is left below the message). */
  'conversations.markReadUpTo': ConversationSummary;
  // --- timeline: read on visibility (end) ---
  // --- media (begin) ---
  'attachments.stageBegin': { stageId: string };
  'attachments.stageChunk': { received: number };
  'attachments.stageEnd': StagedAttachmentView;
  'attachments.unstage': { stageId: string };
  /** `total`: the whole file's size; `dataBase64`: the bytes from `offset`. */
  'attachments.readStaged': { dataBase64: string; offset: number; total: number; contentType: string };
  'attachments.download': MessageView;
  'attachments.read': { dataBase64: string; offset: number; total: number; contentType: string };
  'attachments.save': AttachmentSaveResult;
  'attachments.setPoster': MessageView; // --- media: video posters ---
  'attachments.gallery': { items: GalleryItem[]; hasMore: boolean };
  'account.setAvatar': AccountView;
  'avatars.get': { dataBase64: string; contentType: string; version: string } | null;
  // --- media (end) ---
  // --- conversation features (begin) ---
  'messages.react': MessageView;
  'messages.unsend': { deleted: string[] };
  'conversations.setExpiration': ConversationSummary;
  'conversations.typing': Record<string, never>;
  'messages.search': SearchResults;
  'linkPreviews.fetch': LinkPreviewDraft | null;
  // --- conversation features (end) ---
  // --- app password ---
  'communities.defaultRooms': DefaultRoomView[];
  'communities.join': ConversationSummary;
  'communities.leave': { id: string };
  'communities.members': CommunityMemberView[];
  'communities.moderate': { id: string; user: string; action: CommunityModeration };
  'communities.pin': MessageView;
  'communities.clearReactions': MessageView;
  'communities.messageMember': ConversationSummary;
  /** The invitation messages sent, one per contact. */
  'communities.invite': MessageView[];
  // --- groups: begin ---
  'groups.members': GroupMemberView[];
  'groups.leave': { id: string };
  /** The new group (`group.admin` true). */
  'groups.create': ConversationSummary;
  /** The member list afterwards (as `groups.members`). */
  'groups.invite': GroupMemberView[];
  'groups.remove': GroupMemberView[];
  'groups.promote': GroupMemberView[];
  'groups.update': ConversationSummary;
  'groups.setAvatar': ConversationSummary;
  'groups.destroy': { id: string; deleted: true };
  // --- groups: end ---
  'password.status': PasswordStatus;
  'password.unlock': PasswordStatus;
  'password.set': PasswordStatus;
  'password.change': PasswordStatus;
  'password.remove': PasswordStatus;
}
export type MethodResult<M extends MethodName> = MethodResults[M];

// ---------- events ----------

export interface EventPayloads {
  'settings.changed': { key: SettingKey; value: Settings[SettingKey]; settings: Settings };
  'conversations.updated': { conversations: ConversationSummary[] };
  'messages.added': { messages: MessageView[] };
  'messages.updated': { messages: MessageView[] };
  'account.changed': { account: AccountView | null };
  'network.status': { state: NetworkState; paths: OnionPathView[] };
  'messages.removed': { conversationId: string; ids: string[] };
  'conversations.removed': { ids: string[] };
  /** From the host (a notification was clicked): show this conversation. */
  'app.openConversation': { id: string };
  /** The peer started or stopped typing in a conversation (spec messaging §6.9); cleared 15 s after the last start. */
  'conversations.typing': { id: string; typing: boolean };
  /** The app password was set, changed or removed, or the profile was unlocked or cleared. */
  'password.changed': PasswordStatus;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = [
  'settings.changed',
  'conversations.updated',
  'messages.added',
  'messages.updated',
  'account.changed',
  'network.status',
  'messages.removed',
  'conversations.removed',
  'app.openConversation',
  'conversations.typing',
  'password.changed',
];

// ---------- the API object ----------

/** What the backend implements: one async handler per method. */
export type BackendHandlers = {
  [M in MethodName]: (params: z.output<(typeof methodParams)[M]>) => Promise<MethodResult<M>> | MethodResult<M>;
};

export type Unsubscribe = () => void;

/**
 * What a UI sees as `window.session`: calls and event subscriptions, transport-neutral.
 * `onReconnect` fires after a transport reconnects (WebSocket), so the UI can refetch its state.
 */
export interface SessionApi {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe;
  onReconnect(listener: () => void): Unsubscribe;
}
