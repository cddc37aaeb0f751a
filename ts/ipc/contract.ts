// The API between the backend and every UI host: method names, parameter schemas, result and
// event types. Isomorphic: no Electron, Node or DOM imports. Parameters are validated with zod at
// the receiving end of every transport (see validate.ts); results are produced by our own backend.
import { z } from 'zod';

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
}

/** Per-conversation notification mode (spec/ui.md §3.7; "mentions only" matters in groups, later). */
export type NotificationMode = 'all' | 'mute';
export const NOTIFICATION_MODES = ['all', 'mute'] as const;

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
}

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
  'account.getRecoveryPassword': empty,
  /** Whether a draft contains our recovery password (the composer warns before sending it); no secret leaves the backend. */
  'account.containsRecoveryPassword': z.object({ text: z.string().max(100_000) }).strict(),
  'conversations.list': z.object({ requests: z.boolean().optional() }).strict(),
  'conversations.accept': z.object({ id: z.string().min(1).max(200) }).strict(),
  'conversations.decline': z.object({ id: z.string().min(1).max(200) }).strict(),
  'conversations.markRead': z.object({ id: z.string().min(1).max(200) }).strict(),
  'conversations.setBlocked': z.object({ id: z.string().min(1).max(200), blocked: z.boolean() }).strict(),
  'conversations.setNotificationMode': z.object({ id: z.string().min(1).max(200), mode: z.enum(NOTIFICATION_MODES) }).strict(),
  'conversations.clearMessages': z.object({ id: z.string().min(1).max(200) }).strict(),
  'conversations.delete': z.object({ id: z.string().min(1).max(200) }).strict(),
  'conversations.setDraft': z.object({ id: z.string().min(1).max(200), text: z.string().max(100_000) }).strict(),
  'conversations.clearRequests': empty,
  'contacts.delete': z.object({ id: z.string().min(1).max(200) }).strict(),
  'contacts.listBlocked': empty,
  // ---- config sync: every one of these is stored in the account's configs and pushed to its other devices ----
  'conversations.setNickname': z
    .object({ id: z.string().min(1).max(200), nickname: z.string().trim().min(1).max(100).nullable() })
    .strict(),
  'conversations.setPinned': z.object({ id: z.string().min(1).max(200), pinned: z.boolean() }).strict(),
  'conversations.markUnread': z.object({ id: z.string().min(1).max(200) }).strict(),
  /** Hide or show Note to Self in the conversation list. */
  'conversations.setNoteToSelfHidden': z.object({ hidden: z.boolean() }).strict(),
  'contacts.list': empty,
  'data.clear': z.object({ network: z.boolean() }).strict(),
  'messages.list': z
    .object({
      conversationId: z.string().min(1).max(200),
      beforeTimestamp: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  'messages.page': z
    .object({
      conversationId: z.string().min(1).max(200),
      /** Older than this message / newer than it / centred on it; absent: the newest page. */
      before: z.string().min(1).max(200).optional(),
      after: z.string().min(1).max(200).optional(),
      around: z.string().min(1).max(200).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    })
    .strict()
    .refine((v) => [v.before, v.after, v.around].filter((x) => x !== undefined).length <= 1, 'Give at most one of before, after and around.'),
  'messages.deleteForMe': z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(1000) }).strict(),
  'messages.send': z.object({ to: z.string().trim().min(1, 'Enter a Session ID or ONS name.').max(200), text: z.string().min(1, 'Enter a message.').max(100_000) }).strict(),
  'messages.retry': z.object({ id: z.string().min(1).max(200) }).strict(),
  'messages.takeNew': z.object({ consumer: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'Consumer names are 1-64 letters, digits, "_", "." or "-".') }).strict(),
  'sync.pollNow': empty,
  'network.getPaths': empty,
  'ons.resolve': z.object({ name: z.string().trim().min(1).max(100) }).strict(),
  // -- about and debug log (spec/ui.md §1.1 items 3-4, §6.10) --
  'app.getAbout': empty,
  /** `userAgent`: the renderer's, for the export's info block (the backend cannot know it). */
  'app.exportDebugLog': z.object({ userAgent: z.string().max(1000).optional() }).strict(),
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
