// A scriptable in-memory SessionApi for renderer tests: records calls, can refuse the next
// change, and lets a test emit events and reconnects as a transport would.
import {
  DEFAULT_SETTINGS,
  type AccountView,
  type AppInfo,
  type ConversationSummary,
  type MessagePage,
  type MessageView,
  type OnionPathView,
  type EventName,
  type EventPayloads,
  type MethodName,
  type MethodParams,
  type MethodResult,
  type SessionApi,
  type SettingKey,
  type Settings,
} from '../../../ts/ipc/contract';
// --- media: staging and profile pictures: imports ---
import type { StagedAttachmentView } from '../../../ts/ipc/contract';
import { IpcError } from '../../../ts/ipc/errors';
// --- help page (about, debug log): imports ---
import type { AboutInfo, DebugLogExport } from '../../../ts/ipc/contract';
import { aboutInfo, debugLogExport, type AboutSource } from '../../../ts/backend/about';
// --- media (attachments in conversations): imports ---
import { MEDIA_CHUNK_BYTES, type AttachmentSaveResult, type AttachmentView, type GalleryItem } from '../../../ts/ipc/contract';
import { isVisualMedia } from '../../../ts/renderer/components/conversation/media/mediaRules';
// --- reactions and replies: imports ---
import type { QuoteView } from '../../../ts/ipc/contract';
// --- communities: imports ---
import type { CommunityMemberView, CommunityView, DefaultRoomView } from '../../../ts/ipc/contract';
// --- groups ---
import type { GroupMemberView, GroupView } from '../../../ts/ipc/contract';
// --- search: imports ---
import type { ContactView, SearchResults } from '../../../ts/ipc/contract';
import { excerpt, foldName, foldWord, searchTerms } from '../../../ts/backend/services/searchText';

export const TEST_INFO: AppInfo = {
  name: 'Session',
  version: '0.1.0-test',
  network: 'testnet',
  dataDir: '/tmp/session-test/testnet/default',
  profile: 'default',
  platform: 'linux',
  host: 'web',
};

export const TEST_ACCOUNT: AccountView = { sessionId: '05' + 'a1'.repeat(32), displayName: 'Tester' };

type Listener = (payload: never) => void;
/** Methods answered by the conversation-view block (the rest go straight to the main switch, unchanged in timing). */
const TIMELINE_METHODS: ReadonlySet<MethodName> = new Set([
  'messages.page',
  'messages.deleteForMe',
  'conversations.setDraft',
  'account.containsRecoveryPassword',
  'conversations.markReadUpTo',
]);

/** Methods the settings-area block below answers. */
const SETTINGS_AREA_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'account.getRecoveryPassword',
  'contacts.listBlocked',
  'conversations.setBlocked',
  'data.clear',
]);

// --- help page (about, debug log): begin ---
/** Methods the help-page block below answers. */
const HELP_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['app.getAbout', 'app.exportDebugLog']);
/** Fixed runtime facts, so the About lines and the export's info block are known to tests. */
export const TEST_RUNTIME: AboutSource['runtime'] = { osType: 'Linux', osRelease: '6.1.0', platform: 'linux', arch: 'x64', versions: { node: '22.1.0' } };
export const TEST_COMMIT = '0123456789abcdef0123456789abcdef01234567';
// --- help page: end ---

// --- config sync (pins, nicknames, unread marker, Note to Self visibility, restore from the network): begin ---
/** Methods the config-sync block below answers (restore and mark-read too: they read and clear config state). */
const CONFIG_SYNC_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'conversations.list',
  'account.restore',
  'conversations.markRead',
  'conversations.setPinned',
  'conversations.setNickname',
  'conversations.markUnread',
  'conversations.setNoteToSelfHidden',
  'contacts.list',
]);
/** What the account's configs on the network hold for a restore: its profile name and conversations. */
export interface NetworkProfile {
  displayName?: string;
  conversations?: ConversationSummary[];
}
// --- config sync: end ---

// --- media: staging and profile pictures (composer, Set Display Picture, avatars): begin ---
/** Methods the staging/avatar block below answers. */
const STAGING_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'attachments.stageBegin',
  'attachments.stageChunk',
  'attachments.stageEnd',
  'attachments.unstage',
  'attachments.readStaged',
  'account.setAvatar',
  'avatars.get',
]);
/** A file as the fake backend holds it while staged. */
export interface FakeStagedFile {
  fileName?: string;
  declaredType?: string;
  size: number;
  bytes: Uint8Array;
  ended?: StagedAttachmentView;
}
// --- media: staging and profile pictures: end ---
// --- media (attachments in conversations): begin ---
/** Methods the media block below answers (reading, downloading, saving attachments and the gallery). */
const MEDIA_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['attachments.read', 'attachments.download', 'attachments.save', 'attachments.gallery', 'attachments.setPoster']);
/** The bytes the fake holds for one attachment: the file and, optionally, its thumbnail. */
export interface FakeMediaBytes {
  full: Uint8Array;
  thumbnail?: Uint8Array;
  contentType: string;
}
function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}
function base64ToBytes(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
// --- media: end ---
// --- link previews: begin ---
/** What the fake's `linkPreviews.fetch` answers for a URL: a title and image bytes, none (null), or an error. */
export type FakeLinkPage = { title?: string; image?: Uint8Array } | null | Error;
// --- link previews: end ---
// --- conversation features: unsend, disappearing messages, typing (begin) ---
import { methodParams } from '../../../ts/ipc/contract';
/** Methods the conversation-features block below answers. */
const CONVERSATION_FEATURE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>(['messages.unsend', 'conversations.setExpiration', 'conversations.typing']);
// --- conversation features: end ---

export class FakeApi implements SessionApi {
  info: AppInfo = { ...TEST_INFO };
  settings: Settings = { ...DEFAULT_SETTINGS };
  account: AccountView | null = { ...TEST_ACCOUNT };
  conversations: ConversationSummary[] = [];
  messages: MessageView[] = [];
  /** When set, the next `account.restore` rejects with this error. */
  failNextRestore: Error | null = null;
  /** When set, `messages.send` waits for this promise before answering. */
  holdSends: Promise<void> | null = null;
  /** ONS name -> Session ID for `ons.resolve`; a name that maps to an Error rejects with it. */
  ons: Record<string, string | Error> = {};
  private nextMessageId = 1;
  /** null: the backend reports the network as not available (as today's backend does). */
  paths: OnionPathView[] | null = null;
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  /** When set, the next `settings.set` rejects with this error. */
  failNextSet: Error | null = null;
  /** When set, `settings.set` waits for this promise before answering. */
  holdSets: Promise<void> | null = null;
  // --- conversation actions (list menu, conversation settings, requests): begin ---
  /** When set, the next call of this method rejects with the error. */
  failNextConversationAction: { method: MethodName; error: Error } | null = null;
  // --- conversation actions: end ---
  private listeners = new Map<EventName, Set<Listener>>();
  private reconnectListeners = new Set<() => void>();

  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    this.calls.push({ method, params });
    return (await this.handle(method, params)) as MethodResult<M>;
  }

  private async handle(method: MethodName, params: unknown): Promise<unknown> {
    // Decided synchronously: the main switch reads hold promises before its first await.
    if (SETTINGS_AREA_METHODS.has(method)) return this.handleSettingsArea(method, params);
    if (TIMELINE_METHODS.has(method)) return this.handleTimeline(method, params);
    if (HELP_METHODS.has(method)) return this.handleHelp(method, params);
    if (CONFIG_SYNC_METHODS.has(method)) return this.handleConfigSync(method, params);
    if (STAGING_METHODS.has(method)) return this.handleStaging(method, params);
    // --- link previews ---
    if (method === 'linkPreviews.fetch') return this.fetchLinkPreview(params as MethodParams<'linkPreviews.fetch'>);
    if (method === 'attachments.read' && (params as MethodParams<'attachments.read'>).variant === 'preview') return this.readPreviewImage(params as MethodParams<'attachments.read'>);
    // --- media (attachments in conversations) ---
    if (MEDIA_METHODS.has(method)) return this.handleMedia(method, params);
    // --- reactions and replies ---
    if (method === 'messages.react') return this.react(params as MethodParams<'messages.react'>);
    // --- search ---
    if (method === 'messages.search') return this.search(params as MethodParams<'messages.search'>);
    // --- conversation features ---
    if (CONVERSATION_FEATURE_METHODS.has(method)) return this.handleConversationFeatures(method, params);
    // --- communities ---
    if (method.startsWith('communities.')) return this.handleCommunities(method, params);
    // --- groups ---
    if (method.startsWith('groups.')) return this.handleGroups(method, params);
    switch (method) {
      case 'app.getInfo':
        return { ...this.info };
      case 'settings.getAll':
        return { ...this.settings };
      case 'settings.set': {
        if (this.holdSets) await this.holdSets;
        const failure = this.failNextSet;
        if (failure) {
          this.failNextSet = null;
          throw failure;
        }
        const { key, value } = params as { key: SettingKey; value: Settings[SettingKey] };
        this.settings = { ...this.settings, [key]: value };
        return { ...this.settings };
      }
      case 'account.get':
        return this.account ? { ...this.account } : null;
      case 'account.create': {
        const { displayName } = params as { displayName: string };
        this.account = { sessionId: TEST_ACCOUNT.sessionId, displayName, showRecoveryBanner: true };
        this.emit('account.changed', { account: { ...this.account } });
        return { sessionId: this.account.sessionId, mnemonic: 'not a real mnemonic' };
      }
      case 'account.setDisplayName': {
        if (!this.account) throw new IpcError('not_found', 'Create or restore an account first.');
        this.account = { ...this.account, displayName: (params as { displayName: string }).displayName };
        this.emit('account.changed', { account: { ...this.account } });
        return { ...this.account };
      }
      case 'conversations.accept': {
        const { id } = params as { id: string };
        // --- groups: an accept that fails (the invitation stays) ---
        if (this.failNextConversationAction?.method === 'conversations.accept') {
          const { error } = this.failNextConversationAction;
          this.failNextConversationAction = null;
          throw error;
        }
        const c = this.conversations.find((x) => x.id === id);
        if (!c) throw new IpcError('not_found', 'No such conversation.');
        Object.assign(c, { isRequest: false, isApproved: true });
        // --- groups: accepting an invitation joins the group ---
        if (c.group) c.group = { ...c.group, invitationPending: false };
        return { ...c };
      }
      case 'conversations.decline': {
        const { id } = params as { id: string };
        this.conversations = this.conversations.filter((x) => x.id !== id);
        return { id };
      }
      // --- conversation actions (list menu, conversation settings, requests): begin ---
      case 'conversations.setBlocked':
      case 'conversations.setNotificationMode':
      case 'conversations.clearMessages':
      case 'conversations.delete':
      case 'conversations.clearRequests':
      case 'contacts.delete':
        return this.conversationAction(method, params);
      // --- conversation actions: end ---
      case 'messages.list': {
        const { conversationId } = params as { conversationId: string };
        return this.messages.filter((m) => m.conversationId === conversationId).map((m) => ({ ...m }));
      }
      case 'messages.send': {
        if (this.holdSends) await this.holdSends;
        const { to, text, attachments, quote } = params as MethodParams<'messages.send'>;
        // --- reactions and replies: the quoted message must be of this conversation ---
        const quoted = quote ? this.quoteOf(to, quote.messageId) : undefined;
        const sent = this.takeStaged(attachments ?? []);
        const m: MessageView = {
          id: `m${this.nextMessageId++}`,
          conversationId: to,
          sender: this.account?.sessionId ?? '',
          direction: 'outgoing',
          text,
          timestamp: 1_000 + this.nextMessageId,
          receivedAt: 1_000 + this.nextMessageId,
          status: 'sending',
          ...(sent.length > 0 ? { attachments: sent } : {}),
          // --- reactions and replies ---
          ...(quoted ? { quote: quoted } : {}),
          ...this.sentPreview(params as MethodParams<'messages.send'>), // link previews
        };
        this.messages.push(m);
        return { ...m };
      }
      case 'messages.retry': {
        const m = this.messages.find((x) => x.id === (params as { id: string }).id);
        if (!m) throw new IpcError('not_found', 'No such message.');
        m.status = 'sending';
        return { ...m };
      }
      case 'ons.resolve': {
        const hit = this.ons[(params as { name: string }).name];
        if (hit instanceof Error) throw hit;
        if (!hit) throw new IpcError('not_found', 'No Account ID is registered for that ONS name.');
        return { sessionId: hit };
      }
      case 'network.getPaths':
        if (!this.paths) throw new IpcError('unavailable', 'The network is not available in this build yet.');
        return this.paths;
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  // ---------- help page (about, debug log): begin ----------

  /** The kept log lines `app.exportDebugLog` appends after the info block (the backend's own builder makes the text). */
  debugLog = '2026-01-01T00:00:00.000Z INFO backend: opened testnet/default (web)\n';
  /** The build's commit as `app.getAbout` reports it; undefined: none recorded. */
  commitHash: string | undefined = TEST_COMMIT;
  /** When set, `app.exportDebugLog` answers this (Electron's Save dialog outcomes) instead of the text. */
  debugLogOutcome: DebugLogExport | null = null;
  /** While set, help-page calls reject with this error. */
  failHelp: Error | null = null;
  /** The clock of the export's file name and info block. */
  now = Date.UTC(2026, 11, 2, 3, 4, 5, 678);

  private aboutSource(): AboutSource {
    return {
      appName: this.info.name,
      appVersion: this.info.version,
      network: this.info.network,
      host: this.info.host,
      ...(this.commitHash !== undefined ? { commitHash: this.commitHash } : {}),
      runtime: TEST_RUNTIME,
    };
  }

  private async handleHelp(method: MethodName, params: unknown): Promise<AboutInfo | DebugLogExport> {
    if (this.failHelp) throw this.failHelp;
    if (method === 'app.getAbout') return aboutInfo(this.aboutSource());
    if (this.debugLogOutcome) return this.debugLogOutcome;
    const { userAgent } = params as { userAgent?: string };
    return debugLogExport({ ...this.aboutSource(), now: this.now, ...(userAgent !== undefined ? { userAgent } : {}), log: this.debugLog });
  }

  // ---------- help page: end ----------

  // ---------- settings area (recovery password, blocked contacts, clear data) ----------

  /** The words `account.getRecoveryPassword` answers (a made-up phrase, not a real account). */
  recoveryPassword = 'ability able about above absent absorb abstract absurd abuse access accident account accuse';
  /** When set, the next `data.clear` rejects with this error. */
  failNextClear: Error | null = null;
  /** When set, `data.clear` waits for this promise before answering. */
  holdClear: Promise<void> | null = null;
  /** When set, the next `conversations.setBlocked` rejects with this error. */
  failNextSetBlocked: Error | null = null;

  private async handleSettingsArea(method: MethodName, params: unknown): Promise<unknown> {
    switch (method) {
      case 'account.getRecoveryPassword': {
        if (!this.account) throw new IpcError('not_found', 'Create or restore an account first.');
        if (this.account.showRecoveryBanner) {
          this.account = { ...this.account, showRecoveryBanner: false };
          this.emit('account.changed', { account: { ...this.account } });
        }
        return { mnemonic: this.recoveryPassword };
      }
      case 'contacts.listBlocked':
        return this.conversations.filter((c) => c.isBlocked).map((c) => (c.name ? { id: c.id, name: c.name } : { id: c.id }));
      case 'conversations.setBlocked': {
        const failure = this.failNextSetBlocked ?? (this.failNextConversationAction?.method === method ? this.failNextConversationAction.error : null);
        if (failure) {
          this.failNextSetBlocked = null;
          this.failNextConversationAction = null;
          throw failure;
        }
        const { id, blocked } = params as { id: string; blocked: boolean };
        const c = this.conversations.find((x) => x.id === id);
        if (!c) throw new IpcError('not_found', 'No such conversation.');
        c.isBlocked = blocked;
        this.emit('conversations.updated', { conversations: [{ ...c }] });
        return { ...c };
      }
      case 'data.clear': {
        if (this.holdClear) await this.holdClear;
        const failure = this.failNextClear;
        if (failure) {
          this.failNextClear = null;
          throw failure;
        }
        this.account = null;
        this.conversations = [];
        this.messages = [];
        this.emit('account.changed', { account: null });
        return (params as { network: boolean }).network ? { networkNodesConfirmed: 3 } : {};
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  // ---------- end of settings area ----------
  // --- conversation actions (list menu, conversation settings, requests): begin ---
  private conversationAction(method: MethodName, params: unknown): unknown {
    const failure = this.failNextConversationAction;
    if (failure?.method === method) {
      this.failNextConversationAction = null;
      throw failure.error;
    }
    if (method === 'conversations.clearRequests') {
      const ids = this.conversations.filter((c) => c.isRequest).map((c) => c.id);
      this.conversations = this.conversations.filter((c) => !c.isRequest);
      this.messages = this.messages.filter((m) => !ids.includes(m.conversationId));
      return { ids };
    }
    const { id } = params as { id: string };
    const c = this.conversations.find((x) => x.id === id);
    if (!c) throw new IpcError('not_found', 'No such conversation.');
    switch (method) {
      case 'conversations.setBlocked':
        c.isBlocked = (params as { blocked: boolean }).blocked;
        return { ...c };
      case 'conversations.setNotificationMode':
        c.notificationMode = (params as { mode: 'all' | 'mute' }).mode;
        return { ...c };
      case 'conversations.clearMessages':
        this.messages = this.messages.filter((m) => m.conversationId !== id);
        delete c.lastMessage;
        c.unreadCount = 0;
        return { ...c };
      default:
        // conversations.delete and contacts.delete: the conversation and its messages go.
        this.conversations = this.conversations.filter((x) => x.id !== id);
        this.messages = this.messages.filter((m) => m.conversationId !== id);
        return { id };
    }
  }
  // --- conversation actions: end ---

  // ---------- media (attachments in conversations): begin ----------

  /** Attachment bytes by `messageId#index`; `attachments.read` serves them while the attachment is downloaded or uploading. */
  readonly media = new Map<string, FakeMediaBytes>();
  /** Senders whose attachments the user chose to download automatically ("Auto Download" — Yes). */
  readonly trustedSenders = new Set<string>();
  /** What `attachments.save` answers (the web host's default: the renderer offers the download). */
  saveOutcome: 'renderer' | AttachmentSaveResult = 'renderer';
  /** While set, the next media call rejects with this error. */
  failNextMedia: Error | null = null;
  /** The `attachments.setPoster` calls received (video poster frames). */
  readonly posters: MethodParams<'attachments.setPoster'>[] = [];

  private attachmentOf(messageId: string, index: number): { m: MessageView; a: AttachmentView } {
    const m = this.messages.find((x) => x.id === messageId);
    if (!m) throw new IpcError('not_found', 'No such message.');
    const a = m.attachments?.find((x) => x.index === index);
    if (!a) throw new IpcError('not_found', 'No such attachment.');
    return { m, a };
  }

  /** Changes an attachment as the backend's downloader would, and tells the renderer (`messages.updated`). */
  setAttachment(messageId: string, index: number, change: Partial<AttachmentView>): void {
    const { m, a } = this.attachmentOf(messageId, index);
    // New objects, never changed in place: the renderer's store holds (frozen) the ones it was given.
    const next: AttachmentView = { ...a, ...change };
    for (const k of Object.keys(change) as Array<keyof AttachmentView>) if (change[k] === undefined) delete next[k];
    m.attachments = m.attachments!.map((x) => (x === a ? next : x));
    this.emit('messages.updated', { messages: [{ ...m }] });
  }

  private async handleMedia(method: MethodName, params: unknown): Promise<unknown> {
    const failure = this.failNextMedia;
    if (failure) {
      this.failNextMedia = null;
      throw failure;
    }
    switch (method) {
      case 'attachments.read': {
        const p = params as MethodParams<'attachments.read'>;
        const { a } = this.attachmentOf(p.messageId, p.index);
        const stored = this.media.get(`${p.messageId}#${p.index}`);
        if (!stored || (a.state !== 'downloaded' && a.state !== 'uploading')) throw new IpcError('not_found', 'This attachment is not downloaded.');
        const bytes = p.variant === 'thumbnail' ? stored.thumbnail : stored.full;
        if (!bytes) throw new IpcError('not_found', 'This attachment has no thumbnail.');
        const offset = p.offset ?? 0;
        if (offset > bytes.length) throw new IpcError('invalid_params', 'The offset is past the end of the file.');
        const slice = bytes.subarray(offset, offset + MEDIA_CHUNK_BYTES);
        return { dataBase64: bytesToBase64(slice), offset, total: bytes.length, contentType: p.variant === 'thumbnail' ? 'image/jpeg' : stored.contentType };
      }
      case 'attachments.download': {
        const p = params as MethodParams<'attachments.download'>;
        const m = this.messages.find((x) => x.id === p.messageId);
        if (!m) throw new IpcError('not_found', 'No such message.');
        if (p.trustSender) this.trustedSenders.add(m.sender);
        // As the backend: the download is queued (the downloader reports progress and the end as events).
        m.attachments = (m.attachments ?? []).map((a) => {
          if ((p.index !== undefined && a.index !== p.index) || (a.state !== 'not-downloaded' && a.state !== 'failed')) return a;
          const { error: _error, ...rest } = a;
          return { ...rest, state: 'queued' };
        });
        return { ...m };
      }
      // --- media: video posters: as the backend, the first frame becomes the thumbnail, with the video's size ---
      case 'attachments.setPoster': {
        const p = params as MethodParams<'attachments.setPoster'>;
        const { m, a } = this.attachmentOf(p.messageId, p.index);
        this.posters.push(p);
        if (!a.hasThumbnail) {
          const stored = this.media.get(`${p.messageId}#${p.index}`);
          if (stored) stored.thumbnail = base64ToBytes(p.dataBase64);
          m.attachments = m.attachments!.map((x) => (x === a ? { ...a, hasThumbnail: true, width: a.width ?? p.width, height: a.height ?? p.height } : x));
        }
        return { ...m };
      }
      case 'attachments.save': {
        const p = params as MethodParams<'attachments.save'>;
        const { a } = this.attachmentOf(p.messageId, p.index);
        if (a.state !== 'downloaded') throw new IpcError('invalid_params', 'Download the attachment before saving it.');
        if (this.saveOutcome !== 'renderer') return this.saveOutcome;
        return { outcome: 'renderer', fileName: a.fileName ?? 'attachment', contentType: a.contentType };
      }
      case 'attachments.gallery': {
        const p = params as MethodParams<'attachments.gallery'>;
        // Newest message first; within a message, in its order.
        const all: GalleryItem[] = this.messages
          .filter((m) => m.conversationId === p.conversationId)
          .sort((x, y) => y.timestamp - x.timestamp || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
          .flatMap((m) =>
            (m.attachments ?? [])
              .filter((a) => isVisualMedia(a) === (p.kind === 'media'))
              .map((a) => ({ messageId: m.id, timestamp: m.timestamp, sender: m.sender, attachment: { ...a } })),
          );
        let start = 0;
        if (p.before) {
          const at = all.findIndex((g) => g.messageId === p.before!.messageId && g.attachment.index === p.before!.index);
          if (at < 0) throw new IpcError('not_found', 'No such attachment.');
          start = at + 1;
        }
        const limit = p.limit ?? 50;
        return { items: all.slice(start, start + limit), hasMore: start + limit < all.length };
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  // ---------- media: end ----------

  // ---------- link previews: begin ----------

  /** Pages `linkPreviews.fetch` knows, by URL (anything else: no preview). */
  readonly linkPages = new Map<string, FakeLinkPage>();
  /** While set, `linkPreviews.fetch` waits for it (a test sees the loading state). */
  holdLinkPreviews: Promise<void> | null = null;
  private nextPreviewStage = 1;

  /** As the backend: refused while the setting is off; the image becomes a staged file. */
  private async fetchLinkPreview(p: MethodParams<'linkPreviews.fetch'>): Promise<MethodResult<'linkPreviews.fetch'>> {
    if (!this.settings.linkPreviews) throw new IpcError('unavailable', 'Link previews are off.');
    if (this.holdLinkPreviews) await this.holdLinkPreviews;
    const page = this.linkPages.get(p.url);
    if (page instanceof Error) throw page;
    if (!page) return null;
    let imageStageId: string | undefined;
    if (page.image) {
      imageStageId = `preview-stage-${this.nextPreviewStage++}`;
      const ended: StagedAttachmentView = { stageId: imageStageId, contentType: 'image/jpeg', size: page.image.length, voice: false, hasThumbnail: false, width: 10, height: 10 };
      this.staged.set(imageStageId, { size: page.image.length, bytes: page.image, ended });
    }
    return { url: p.url, ...(page.title !== undefined ? { title: page.title } : {}), ...(imageStageId !== undefined ? { imageStageId } : {}) };
  }

  /** A message's preview image from `media` under `${messageId}#preview`, while its state says it is here. */
  private readPreviewImage(p: MethodParams<'attachments.read'>): MethodResult<'attachments.read'> {
    const m = this.messages.find((x) => x.id === p.messageId);
    const image = m?.preview?.image;
    const stored = this.media.get(`${p.messageId}#preview`);
    if (!image || !stored || (image.state !== 'downloaded' && image.state !== 'uploading')) throw new IpcError('not_found', 'This link preview has no image here.');
    const offset = p.offset ?? 0;
    return { dataBase64: bytesToBase64(stored.full.subarray(offset, offset + MEDIA_CHUNK_BYTES)), offset, total: stored.full.length, contentType: stored.contentType };
  }

  /** The `preview` of a sent message (its staged image consumed, as the backend does). */
  private sentPreview(p: MethodParams<'messages.send'>): Pick<MessageView, 'preview'> {
    if (!p.preview) return {};
    const image = p.preview.imageStageId !== undefined ? this.staged.get(p.preview.imageStageId) : undefined;
    if (p.preview.imageStageId !== undefined) this.staged.delete(p.preview.imageStageId);
    return {
      preview: {
        url: p.preview.url,
        ...(p.preview.title !== undefined ? { title: p.preview.title } : {}),
        ...(image ? { image: { index: 0, contentType: 'image/jpeg', size: image.size, voice: false, state: 'uploading', hasThumbnail: false } } : {}),
      },
    };
  }

  // ---------- link previews: end ----------

  // ---------- config sync (pins, nicknames, unread marker, Note to Self visibility, restore): begin ----------

  /**
   * What a restore finds on the network (the account's profile and conversation configs); null: nothing
   * arrives within the backend's wait, so the restore answers without a name.
   */
  networkProfile: NetworkProfile | null = null;
  /** When set, `account.restore` waits for this promise (the backend's wait for the profile) before answering. */
  holdRestore: Promise<void> | null = null;

  private findConversation(id: string): ConversationSummary {
    const c = this.conversations.find((x) => x.id === id);
    if (!c) throw new IpcError('not_found', 'No such conversation.');
    return c;
  }

  /** The backend's answer to a config change: the summary, also sent as `conversations.updated`. */
  private changed(c: ConversationSummary): ConversationSummary {
    this.emit('conversations.updated', { conversations: [{ ...c }] });
    return { ...c };
  }

  private async handleConfigSync(method: MethodName, params: unknown): Promise<unknown> {
    if (method === 'account.restore') return this.restore(params as MethodParams<'account.restore'>);
    // As the backend: a hidden Note to Self is not listed (the answer to hiding it still describes it).
    if (method === 'conversations.list') return this.conversations.filter((c) => !(c.kind === 'note-to-self' && c.hidden)).map((c) => ({ ...c }));
    const failure = this.failNextConversationAction;
    if (failure?.method === method) {
      this.failNextConversationAction = null;
      throw failure.error;
    }
    switch (method) {
      case 'conversations.markRead': {
        const c = this.findConversation((params as { id: string }).id);
        c.unreadCount = 0;
        // Reading a conversation also ends its "marked unread" state (ConvoInfoVolatile `u`).
        delete c.markedUnread;
        return { ...c };
      }
      case 'conversations.setPinned': {
        const { id, pinned } = params as MethodParams<'conversations.setPinned'>;
        const c = this.findConversation(id);
        if (c.isRequest) throw new IpcError('invalid_params', 'A message request cannot be pinned.');
        // As the official apps do: every pin made here has priority 1 (pins from another device may be higher).
        if (pinned) c.pinnedPriority = Math.max(c.pinnedPriority ?? 0, 1);
        else delete c.pinnedPriority;
        return this.changed(c);
      }
      case 'conversations.setNickname': {
        const { id, nickname } = params as { id: string; nickname: string | null };
        const c = this.findConversation(id);
        if (c.kind !== 'private') throw new IpcError('invalid_params', 'Only contacts have nicknames.');
        const trimmed = nickname?.trim();
        if (trimmed) c.nickname = trimmed;
        else delete c.nickname;
        // The name the list shows follows nickname > profile name (> the shortened ID, in the renderer).
        const name = c.nickname ?? c.profileName;
        if (name) c.name = name;
        else delete c.name;
        return this.changed(c);
      }
      case 'conversations.markUnread': {
        const c = this.findConversation((params as { id: string }).id);
        c.markedUnread = true;
        return this.changed(c);
      }
      case 'conversations.setNoteToSelfHidden': {
        const { hidden } = params as { hidden: boolean };
        const c = this.conversations.find((x) => x.kind === 'note-to-self');
        if (!c) throw new IpcError('not_found', 'No Note to Self conversation.');
        // The config keeps one priority: hidden (−1) replaces a pin.
        if (hidden) {
          c.hidden = true;
          delete c.pinnedPriority;
          // As the backend: it leaves the list, so the UI hears of a removal.
          this.emit('conversations.removed', { ids: [c.id] });
          return { ...c };
        }
        delete c.hidden;
        return this.changed(c);
      }
      case 'contacts.list':
        return this.conversations
          .filter((c) => c.kind === 'private')
          .map((c) => ({
            id: c.id,
            ...(c.profileName !== undefined ? { profileName: c.profileName } : {}),
            ...(c.nickname !== undefined ? { nickname: c.nickname } : {}),
            approved: c.isApproved,
            approvedMe: !c.isRequest,
            blocked: c.isBlocked,
          }));
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  /**
   * Like the backend: the account exists at once (account.changed, no name yet), then the restore waits
   * for the profile; what arrived (name, conversations) is applied and announced before the answer.
   */
  private async restore(params: MethodParams<'account.restore'>): Promise<MethodResult<'account.restore'>> {
    const failure = this.failNextRestore;
    if (failure) {
      this.failNextRestore = null;
      throw failure;
    }
    this.account = { sessionId: TEST_ACCOUNT.sessionId, displayName: params.displayName ?? '' };
    this.emit('account.changed', { account: { ...this.account } });
    if (this.holdRestore) await this.holdRestore;
    if (!this.account) throw new IpcError('not_found', 'The account was cleared while it loaded.');
    const found = this.networkProfile;
    if (found?.conversations?.length) {
      this.conversations = found.conversations.map((c) => ({ ...c }));
      this.emit('conversations.updated', { conversations: this.conversations.map((c) => ({ ...c })) });
    }
    if (found?.displayName) {
      this.account = { ...this.account, displayName: found.displayName };
      this.emit('account.changed', { account: { ...this.account } });
    }
    return { sessionId: this.account.sessionId, ...(this.account.displayName ? { displayName: this.account.displayName } : {}) };
  }

  // ---------- config sync: end ----------

  // ---------- media: staging and profile pictures (composer, Set Display Picture, avatars): begin ----------

  /** Staged files by stage id, as the backend keeps them until sent, set as a picture or unstaged. */
  readonly staged = new Map<string, FakeStagedFile>();
  private nextStageId = 1;
  /** Sniffs a staged file's type (default: the declared one); a test can make images "really" be other files. */
  sniff: (file: FakeStagedFile) => string = (f) => f.declaredType || 'application/octet-stream';
  /** The backend's size limit for a processed file (bytes). */
  stagedSizeLimit = 9_828_080;
  /** When set, the next `attachments.stageEnd` rejects with this error (then the file is gone, as in the backend). */
  failNextStageEnd: Error | null = null;
  /** When set, `attachments.stageChunk` waits for this promise before answering. */
  holdChunks: Promise<void> | null = null;
  /** When set, the next `account.setAvatar` rejects with this error. */
  failNextSetAvatar: Error | null = null;
  /** When set, `account.setAvatar` waits for this promise before answering. */
  holdSetAvatar: Promise<void> | null = null;
  /** Profile pictures by Session ID. */
  avatars = new Map<string, { bytes: Uint8Array; contentType: string; version: string }>();
  private avatarCounter = 1;

  private stagedFile(stageId: string): FakeStagedFile {
    const f = this.staged.get(stageId);
    if (!f) throw new IpcError('not_found', 'No such staged file.');
    return f;
  }

  /** The staged files a send names, consumed, as the message's attachments. */
  private takeStaged(refs: ReadonlyArray<{ stageId: string }>): NonNullable<MessageView['attachments']> {
    const views = refs.map((r) => {
      const f = this.stagedFile(r.stageId);
      if (!f.ended) throw new IpcError('invalid_params', 'That file is not staged completely.');
      return f.ended;
    });
    for (const r of refs) this.staged.delete(r.stageId);
    return views.map((v, index) => ({
      index,
      ...(v.fileName !== undefined ? { fileName: v.fileName } : {}),
      contentType: v.contentType,
      size: v.size,
      voice: v.voice,
      ...(v.durationMs !== undefined ? { durationMs: v.durationMs } : {}),
      state: 'uploading' as const,
      hasThumbnail: v.hasThumbnail,
    }));
  }

  private async handleStaging(method: MethodName, params: unknown): Promise<unknown> {
    switch (method) {
      case 'attachments.stageBegin': {
        const p = params as MethodParams<'attachments.stageBegin'>;
        const stageId = `stage-${this.nextStageId++}`;
        this.staged.set(stageId, {
          ...(p.fileName !== undefined ? { fileName: p.fileName } : {}),
          ...(p.contentType !== undefined ? { declaredType: p.contentType } : {}),
          size: p.size,
          bytes: new Uint8Array(0),
        });
        return { stageId };
      }
      case 'attachments.stageChunk': {
        if (this.holdChunks) await this.holdChunks;
        const p = params as MethodParams<'attachments.stageChunk'>;
        const f = this.stagedFile(p.stageId);
        const chunk = Uint8Array.from(Buffer.from(p.dataBase64, 'base64'));
        if (p.offset !== f.bytes.length) throw new IpcError('invalid_params', 'Chunks must come in order.');
        if (chunk.length > MEDIA_CHUNK_BYTES) throw new IpcError('invalid_params', 'A chunk is at most MEDIA_CHUNK_BYTES.');
        const next = new Uint8Array(f.bytes.length + chunk.length);
        next.set(f.bytes);
        next.set(chunk, f.bytes.length);
        f.bytes = next;
        return { received: f.bytes.length };
      }
      case 'attachments.stageEnd': {
        const p = params as MethodParams<'attachments.stageEnd'>;
        const f = this.stagedFile(p.stageId);
        const failure = this.failNextStageEnd;
        if (failure) {
          this.failNextStageEnd = null;
          this.staged.delete(p.stageId);
          throw failure;
        }
        if (f.bytes.length !== f.size) throw new IpcError('invalid_params', `Expected ${f.size} bytes, got ${f.bytes.length}.`);
        if (f.size > this.stagedSizeLimit) {
          this.staged.delete(p.stageId);
          throw new IpcError('invalid_params', 'This file is too large to send (10 MB at most).');
        }
        const contentType = p.purpose === 'avatar' ? 'image/jpeg' : this.sniff(f);
        f.ended = {
          stageId: p.stageId,
          ...(f.fileName !== undefined ? { fileName: f.fileName } : {}),
          contentType,
          size: f.size,
          voice: p.voice === true,
          ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}),
          hasThumbnail: /^(image|video)\//.test(contentType),
        };
        return { ...f.ended };
      }
      case 'attachments.unstage': {
        const { stageId } = params as { stageId: string };
        this.staged.delete(stageId);
        return { stageId };
      }
      case 'attachments.readStaged': {
        const p = params as MethodParams<'attachments.readStaged'>;
        const f = this.stagedFile(p.stageId);
        // The "thumbnail" is the file's first bytes: enough to tell it apart in a test.
        const source = p.variant === 'thumbnail' ? f.bytes.subarray(0, 16) : f.bytes;
        const offset = p.offset ?? 0;
        const slice = source.subarray(offset, offset + MEDIA_CHUNK_BYTES);
        return { dataBase64: Buffer.from(slice).toString('base64'), offset, total: source.length, contentType: f.ended?.contentType ?? 'application/octet-stream' };
      }
      case 'account.setAvatar': {
        if (this.holdSetAvatar) await this.holdSetAvatar;
        const failure = this.failNextSetAvatar;
        if (failure) {
          this.failNextSetAvatar = null;
          throw failure;
        }
        if (!this.account) throw new IpcError('not_found', 'Create or restore an account first.');
        const { stageId } = params as { stageId: string | null };
        if (stageId === null) {
          this.avatars.delete(this.account.sessionId);
          const { avatarVersion: _gone, ...rest } = this.account;
          this.account = rest;
        } else {
          const f = this.stagedFile(stageId);
          if (!f.ended) throw new IpcError('invalid_params', 'That file is not staged completely.');
          const version = `v${this.avatarCounter++}`;
          this.avatars.set(this.account.sessionId, { bytes: f.bytes, contentType: f.ended.contentType, version });
          this.staged.delete(stageId);
          this.account = { ...this.account, avatarVersion: version };
        }
        this.emit('account.changed', { account: { ...this.account } });
        return { ...this.account };
      }
      case 'avatars.get': {
        const a = this.avatars.get((params as { id: string }).id);
        return a ? { dataBase64: Buffer.from(a.bytes).toString('base64'), contentType: a.contentType, version: a.version } : null;
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  // ---------- media: staging and profile pictures: end ----------

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    this.listeners.set(event, set);
    return () => void set.delete(listener as Listener);
  }

  onReconnect(listener: () => void) {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: EventPayloads[E]) => void)(payload);
  }

  reconnect(): void {
    for (const l of this.reconnectListeners) l();
  }

  // ---------- communities: begin ----------

  /** The rooms `communities.defaultRooms` lists (Join Community overlay). */
  defaultRooms: DefaultRoomView[] = [];
  /** Room members by conversation id (`communities.members`). */
  roomMembers: Record<string, CommunityMemberView[]> = {};
  /** When set, the next communities call rejects with this error. */
  failNextCommunity: Error | null = null;
  /** When set, `communities.join` waits for this promise before answering. */
  holdJoin: Promise<void> | null = null;

  private async handleCommunities(method: MethodName, params: unknown): Promise<unknown> {
    if (method === 'communities.join' && this.holdJoin) await this.holdJoin;
    const failure = this.failNextCommunity;
    if (failure) {
      this.failNextCommunity = null;
      throw failure;
    }
    switch (method) {
      case 'communities.defaultRooms':
        return this.defaultRooms.map((r) => ({ ...r }));
      case 'communities.join': {
        const { url } = params as MethodParams<'communities.join'>;
        const listed = this.defaultRooms.find((r) => r.url === url);
        const token = listed?.room ?? new URL(url).pathname.slice(1);
        const c = room(token, {}, { name: listed?.name ?? token, updatedAt: 5_000 });
        this.conversations = [...this.conversations.filter((x) => x.id !== c.id), c];
        if (listed) listed.joinedId = c.id;
        return { ...c };
      }
      case 'communities.invite': {
        const { id, contacts } = params as MethodParams<'communities.invite'>;
        const r = this.conversations.find((c) => c.id === id);
        if (!r?.community) throw new IpcError('not_found', 'You have not joined this community.');
        const sent: MessageView[] = contacts.map((to, i) => ({
          id: `invite-${this.messages.length + i}`,
          conversationId: to,
          sender: TEST_ACCOUNT.sessionId,
          direction: 'outgoing',
          text: '',
          timestamp: 9_000 + i,
          receivedAt: 9_000 + i,
          status: 'sending',
          communityInvitation: { url: r.community!.url, name: r.name ?? r.community!.room },
        }));
        this.messages = [...this.messages, ...sent];
        return sent;
      }
      case 'communities.leave': {
        const { id } = params as MethodParams<'communities.leave'>;
        this.conversations = this.conversations.filter((x) => x.id !== id);
        this.messages = this.messages.filter((m) => m.conversationId !== id);
        return { id };
      }
      case 'communities.members': {
        const { id, query } = params as MethodParams<'communities.members'>;
        const q = (query ?? '').toLowerCase();
        return (this.roomMembers[id] ?? []).filter((m) => q === '' || (m.name ?? '').toLowerCase().includes(q) || m.id.startsWith(q));
      }
      case 'communities.moderate':
        return { ...(params as MethodParams<'communities.moderate'>) };
      case 'communities.pin': {
        const { messageId, pinned } = params as MethodParams<'communities.pin'>;
        const m = this.messages.find((x) => x.id === messageId);
        if (!m) throw new IpcError('not_found', 'No such message.');
        m.pinned = pinned;
        return { ...m };
      }
      case 'communities.messageMember': {
        const { id, user } = params as MethodParams<'communities.messageMember'>;
        const from = this.conversations.find((x) => x.id === id);
        const c = conversation(user, { isApproved: false, blindedVia: { conversationId: id, ...(from?.name ? { name: from.name } : {}) } });
        this.conversations = [...this.conversations.filter((x) => x.id !== user), c];
        return { ...c };
      }
      case 'communities.clearReactions': {
        const { messageId, emoji } = params as MethodParams<'communities.clearReactions'>;
        const m = this.messages.find((x) => x.id === messageId);
        if (!m) throw new IpcError('not_found', 'No such message.');
        const rest = (m.reactions ?? []).filter((r) => r.emoji !== emoji);
        if (rest.length > 0) m.reactions = rest;
        else delete m.reactions;
        return { ...m };
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  // ---------- communities: end ----------

  // ---------- groups: begin ----------

  /** Group members by group id (`groups.members`). */
  groupMembers: Record<string, GroupMemberView[]> = {};
  /** When set, the next groups call rejects with this error. */
  failNextGroup: Error | null = null;
  /** When set, `groups.leave` waits for this promise before answering. */
  holdLeave: Promise<void> | null = null;

  private async handleGroups(method: MethodName, params: unknown): Promise<unknown> {
    if (method === 'groups.leave' && this.holdLeave) await this.holdLeave;
    const failure = this.failNextGroup;
    if (failure) {
      this.failNextGroup = null;
      throw failure;
    }
    switch (method) {
      case 'groups.members': {
        const { id } = params as MethodParams<'groups.members'>;
        if (!this.conversations.some((c) => c.id === id && c.kind === 'group')) throw new IpcError('not_found', 'No such group.');
        return (this.groupMembers[id] ?? []).map((m) => ({ ...m }));
      }
      case 'groups.leave': {
        const { id } = params as MethodParams<'groups.leave'>;
        this.conversations = this.conversations.filter((x) => x.id !== id);
        this.messages = this.messages.filter((m) => m.conversationId !== id);
        return { id };
      }
      default:
        return this.handleGroupAdmin(method, params);
    }
  }

  // --- groups admin (begin): the admin methods, as the backend answers them ---
  /** When set, `groups.create` waits for this promise before answering. */
  holdCreate: Promise<void> | null = null;
  private nextGroup = 1;

  private adminGroup(id: string): ConversationSummary {
    const c = this.conversations.find((x) => x.id === id && x.kind === 'group');
    if (!c) throw new IpcError('not_found', 'No such group.');
    if (!c.group?.admin) throw new IpcError('forbidden', 'Only the group’s admins can do that.');
    return c;
  }

  /** Summaries handed out may be frozen by the store: a change replaces the object. */
  private replaceGroup(c: ConversationSummary): ConversationSummary {
    this.conversations = this.conversations.map((x) => (x.id === c.id ? c : x));
    return JSON.parse(JSON.stringify(c)) as ConversationSummary;
  }

  private async handleGroupAdmin(method: MethodName, params: unknown): Promise<unknown> {
    // The contract's own checks (names in bytes, Session IDs, member counts), as the backend runs them.
    const parsed = methodParams[method].safeParse(params);
    if (!parsed.success) throw new IpcError('invalid_params', parsed.error.issues[0]?.message ?? 'Invalid parameters.');
    switch (method) {
      case 'groups.create': {
        if (this.holdCreate) await this.holdCreate;
        const p = params as MethodParams<'groups.create'>;
        const id = '03' + this.nextGroup.toString(16).padStart(2, '0').repeat(32);
        this.nextGroup++;
        const c = groupConversation(id, { name: p.name, ...(p.description ? { description: p.description } : {}), memberCount: p.members.length + 1, admin: true }, { name: p.name, updatedAt: Date.now() });
        this.conversations = [...this.conversations, c];
        this.groupMembers[id] = [
          { sessionId: this.account?.sessionId ?? '', name: this.account?.displayName, role: 'admin', status: 'joined' },
          ...p.members.map((m) => ({ sessionId: m, role: 'member' as const, status: 'invite-sent' as const })),
        ];
        return JSON.parse(JSON.stringify(c)) as ConversationSummary;
      }
      case 'groups.invite': {
        const p = params as MethodParams<'groups.invite'>;
        this.adminGroup(p.id);
        const list = (this.groupMembers[p.id] ??= []);
        for (const m of p.members) {
          const found = list.find((x) => x.sessionId === m);
          if (found) found.status = 'invite-sent';
          else list.push({ sessionId: m, role: 'member', status: 'invite-sent' });
        }
        return list.map((m) => ({ ...m }));
      }
      case 'groups.remove':
      case 'groups.promote': {
        const p = params as MethodParams<'groups.remove'>;
        this.adminGroup(p.id);
        const list = this.groupMembers[p.id] ?? [];
        for (const m of list) {
          if (!p.members.includes(m.sessionId)) continue;
          if (method === 'groups.remove') m.status = 'removed';
          else {
            m.role = 'admin';
            m.status = 'promotion-sent';
          }
        }
        return list.map((m) => ({ ...m }));
      }
      case 'groups.update': {
        const p = params as MethodParams<'groups.update'>;
        const c = this.adminGroup(p.id);
        const group = { ...c.group! };
        if (p.name !== undefined) group.name = p.name;
        if (p.description) group.description = p.description;
        else if (p.description === '') delete group.description;
        return this.replaceGroup({ ...c, ...(p.name !== undefined ? { name: p.name } : {}), group });
      }
      case 'groups.setAvatar': {
        const p = params as MethodParams<'groups.setAvatar'>;
        const { avatarVersion: _old, ...c } = this.adminGroup(p.id);
        return this.replaceGroup(p.stageId ? { ...c, avatarVersion: `v-${p.stageId}` } : c);
      }
      case 'groups.destroy': {
        const p = params as MethodParams<'groups.destroy'>;
        const c = this.adminGroup(p.id);
        this.replaceGroup({ ...c, group: { ...c.group!, destroyed: true } });
        return { id: p.id, deleted: true as const };
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }
  // --- groups admin (end) ---

  // ---------- groups: end ----------

  callsOf(method: MethodName) {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- conversation view (timeline, deletes, drafts, recovery-password guard) ----
  /** When set, the next `messages.deleteForMe` rejects with this error. */
  failNextDelete: Error | null = null;
  /** When set, `messages.page` waits for this promise before answering. */
  holdPages: Promise<void> | null = null;

  /** The conversation's messages as the backend orders them: by timestamp, then id. */
  private ordered(conversationId: string): MessageView[] {
    return this.messages
      .filter((m) => m.conversationId === conversationId)
      .sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Cursor pages over the in-memory messages, like the backend's `messages.page`. */
  private page(p: MethodParams<'messages.page'>): MessagePage {
    const all = this.ordered(p.conversationId);
    const limit = p.limit ?? 50;
    const indexOf = (id: string) => {
      const i = all.findIndex((m) => m.id === id);
      if (i < 0) throw new IpcError('not_found', 'No such message.');
      return i;
    };
    let start: number;
    let end: number;
    if (p.before !== undefined) {
      end = indexOf(p.before);
      start = Math.max(0, end - limit);
    } else if (p.after !== undefined) {
      start = indexOf(p.after) + 1;
      end = Math.min(all.length, start + limit);
    } else if (p.around !== undefined) {
      const i = indexOf(p.around);
      start = Math.max(0, Math.min(i - Math.floor(limit / 2), all.length - limit));
      end = Math.min(all.length, start + limit);
    } else {
      end = all.length;
      start = Math.max(0, end - limit);
    }
    // The unread ones are the conversation's newest `unreadCount` incoming messages.
    const unread = this.conversations.find((c) => c.id === p.conversationId)?.unreadCount ?? 0;
    const incoming = all.filter((m) => m.direction === 'incoming');
    const firstUnread = unread > 0 ? incoming[Math.max(0, incoming.length - unread)] : undefined;
    return {
      messages: all.slice(start, end).map((m) => ({ ...m })),
      hasOlder: start > 0,
      hasNewer: end < all.length,
      ...(firstUnread ? { firstUnreadId: firstUnread.id } : {}),
    };
  }

  private async handleTimeline(method: MethodName, params: unknown): Promise<unknown> {
    switch (method) {
      case 'messages.page':
        if (this.holdPages) await this.holdPages;
        return this.page(params as MethodParams<'messages.page'>);
      case 'messages.deleteForMe': {
        const failure = this.failNextDelete;
        if (failure) {
          this.failNextDelete = null;
          throw failure;
        }
        const ids = new Set((params as { ids: string[] }).ids);
        const deleted = this.messages.filter((m) => ids.has(m.id)).map((m) => m.id);
        this.messages = this.messages.filter((m) => !ids.has(m.id));
        return { deleted };
      }
      case 'conversations.setDraft': {
        const { id, text } = params as { id: string; text: string };
        const c = this.conversations.find((x) => x.id === id);
        if (!c) throw new IpcError('not_found', 'No such conversation.');
        if (text === '') delete c.draft;
        else c.draft = text;
        return { id };
      }
      // --- timeline: read on visibility (begin) ---
      case 'conversations.markReadUpTo':
        return this.markReadUpTo(params as MethodParams<'conversations.markReadUpTo'>);
      // --- timeline: read on visibility (end) ---
      case 'account.containsRecoveryPassword': {
        const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
        return { contains: words((params as { text: string }).text).includes(words(this.recoveryPassword)) };
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }
  // --- timeline: read on visibility (begin) ---
  /**
   * Like the backend: the incoming unread messages up to this one become read (events for them and the
   * summary); the unread count keeps only the incoming messages after it.
   */
  private markReadUpTo(p: MethodParams<'conversations.markReadUpTo'>): ConversationSummary {
    const c = this.conversations.find((x) => x.id === p.id);
    if (!c) throw new IpcError('not_found', 'No such conversation.');
    const all = this.ordered(p.id);
    const at = all.findIndex((m) => m.id === p.messageId);
    if (at < 0) throw new IpcError('not_found', 'No such message in this conversation.');
    const read = all.slice(0, at + 1).filter((m) => m.direction === 'incoming' && m.status === 'received');
    for (const m of read) m.status = 'read';
    const after = all.slice(at + 1).filter((m) => m.direction === 'incoming').length;
    const unreadCount = Math.min(c.unreadCount, after);
    const changed = read.length > 0 || unreadCount !== c.unreadCount;
    c.unreadCount = unreadCount;
    if (read.length > 0) this.emit('messages.updated', { messages: read.map((m) => ({ ...m })) });
    if (changed) this.emit('conversations.updated', { conversations: [{ ...c }] });
    return { ...c };
  }
  // --- timeline: read on visibility (end) ---
  // ---- end of conversation view ----

  // ---------- reactions and replies (begin) ----------
  /** When set, the next `messages.react` rejects with this error. */
  failNextReact: Error | null = null;

  /**
   * Like the backend: the quote a reply carries, built from the quoted message here. Only a message of the
   * same conversation can be quoted; a deleted or control message reads as not found (no messageId).
   */
  private quoteOf(conversationId: string, messageId: string): QuoteView {
    const q = this.messages.find((m) => m.id === messageId);
    if (!q || q.conversationId !== conversationId) throw new IpcError('not_found', 'No such message to reply to in this conversation.');
    const first = q.attachments?.[0];
    const base: QuoteView = { timestamp: q.timestamp, author: q.sender };
    if (q.deleted || q.control) return base;
    return {
      ...base,
      messageId: q.id,
      ...(q.text !== '' ? { text: q.text } : {}),
      ...(first
        ? { attachment: { contentType: first.contentType, ...(first.fileName !== undefined ? { fileName: first.fileName } : {}), voice: first.voice, hasThumbnail: first.hasThumbnail } }
        : {}),
    };
  }

  /**
   * Like the backend's `messages.react`: refuses what cannot be reacted to (deleted, control, failed, a
   * blocked chat or a request), changes nothing when the reaction already is as asked, else records ours
   * (senders in arrival order, emoji in order of first use) and announces the message.
   */
  private react(p: MethodParams<'messages.react'>): MessageView {
    const failure = this.failNextReact;
    if (failure) {
      this.failNextReact = null;
      throw failure;
    }
    const me = this.account?.sessionId;
    if (!me) throw new IpcError('not_found', 'Create or restore an account first.');
    const m = this.messages.find((x) => x.id === p.messageId);
    if (!m) throw new IpcError('not_found', 'No such message.');
    if (m.deleted) throw new IpcError('invalid_params', 'This message was deleted: it cannot be reacted to.');
    if (m.control) throw new IpcError('invalid_params', 'Control messages cannot be reacted to.');
    if (m.direction === 'outgoing' && m.status === 'failed') throw new IpcError('invalid_params', 'This message was not sent: it cannot be reacted to.');
    const c = this.conversations.find((x) => x.id === m.conversationId);
    if (c?.isBlocked) throw new IpcError('invalid_params', 'Unblock this contact to react to their messages.');
    if (c && c.kind !== 'note-to-self' && (c.isRequest || !c.isApproved)) throw new IpcError('invalid_params', 'Accept this message request to react to its messages.');
    const list = (m.reactions ?? []).map((r) => ({ ...r, senders: [...r.senders] }));
    const at = list.findIndex((r) => r.emoji === p.emoji);
    const has = at >= 0 && list[at]!.senders.includes(me);
    if (has === (p.action === 'add')) return { ...m };
    if (p.action === 'add') {
      if (at >= 0) list[at] = { ...list[at]!, senders: [...list[at]!.senders, me], count: list[at]!.count + 1, mine: true };
      else list.push({ emoji: p.emoji, count: 1, senders: [me], mine: true });
    } else {
      const r = list[at]!;
      const senders = r.senders.filter((s) => s !== me);
      if (senders.length === 0) list.splice(at, 1);
      else list[at] = { ...r, senders, count: senders.length, mine: false };
    }
    if (list.length > 0) m.reactions = list;
    else delete m.reactions;
    this.emit('messages.updated', { messages: [{ ...m }] });
    return { ...m };
  }
  // ---------- reactions and replies: end ----------

  // ---------- search (begin) ----------
  /** When set, the next `messages.search` rejects with this error. */
  failNextSearch: Error | null = null;
  /** When set, `messages.search` waits for this promise before answering. */
  holdSearch: Promise<void> | null = null;
  /** Contacts without a conversation that search finds by name. */
  searchContacts: ContactView[] = [];

  /**
   * Like the backend: every word of the query a word prefix of the text (case and accents aside), newest
   * first, deleted and control messages left out, excerpts from the backend's own excerpt function; the
   * conversations and contacts whose names or Account IDs contain the query.
   */
  private async search(p: MethodParams<'messages.search'>): Promise<SearchResults> {
    if (this.holdSearch) await this.holdSearch;
    const failure = this.failNextSearch;
    if (failure) {
      this.failNextSearch = null;
      throw failure;
    }
    const terms = searchTerms(p.query);
    const words = (text: string) => (text.match(/[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu) ?? []).map(foldWord);
    const hits = terms.length === 0 ? [] : this.messages
      .filter((m) => !m.deleted && !m.control && (p.conversationId === undefined || m.conversationId === p.conversationId))
      .filter((m) => terms.every((t) => words(m.text).some((w) => w.startsWith(t))))
      .sort((a, b) => b.timestamp - a.timestamp || (a.id < b.id ? 1 : -1))
      .slice(0, p.limit ?? 50)
      .map((m) => ({ message: { ...m }, ...excerpt(m.text, terms) }));
    const needle = foldName(p.query);
    const named = (...names: (string | undefined)[]) => needle !== '' && names.some((n) => n !== undefined && foldName(n).includes(needle));
    return {
      conversations: p.conversationId !== undefined ? [] : this.conversations.filter((c) => named(c.name, c.nickname, c.profileName, c.id)).map((c) => ({ ...c })),
      contacts: p.conversationId !== undefined ? [] : this.searchContacts.filter((c) => named(c.nickname, c.profileName, c.id)).map((c) => ({ ...c })),
      messages: hits,
    };
  }
  // ---------- search: end ----------
  // ---------- conversation features: unsend, disappearing messages, typing (begin) ----------

  /** When set, the next call of this method (unsend, setExpiration, typing) rejects with the error. */
  failNextFeature: { method: MethodName; error: Error } | null = null;
  /** When set, `conversations.setExpiration` waits for this promise before answering. */
  holdExpiration: Promise<void> | null = null;
  /** The typing calls, in order, as the backend received them. */
  readonly typingCalls: Array<{ id: string; typing: boolean }> = [];
  private nextControlId = 1;

  /** The peer starts or stops typing: the backend's `conversations.typing` event. */
  peerTyping(id: string, typing: boolean): void {
    this.emit('conversations.typing', { id, typing });
  }

  private async handleConversationFeatures(method: MethodName, params: unknown): Promise<unknown> {
    const failure = this.failNextFeature;
    if (failure?.method === method) {
      this.failNextFeature = null;
      throw failure.error;
    }
    switch (method) {
      case 'messages.unsend': {
        // Like the backend: only our own messages; in a 1:1 chat each becomes a placeholder with nothing of
        // what it said; in Note to Self (and a message no swarm ever held) it goes entirely.
        const { ids } = methodParams['messages.unsend'].parse(params);
        const found = this.messages.filter((m) => ids.includes(m.id));
        if (found.length < new Set(ids).size) throw new IpcError('not_found', 'No such message.');
        if (found.some((m) => m.direction !== 'outgoing')) throw new IpcError('invalid_params', 'Only your own messages can be deleted for everyone.');
        const me = this.account?.sessionId;
        const gone = (m: MessageView) => m.conversationId === me || m.status === 'sending' || m.status === 'failed';
        const removed = found.filter((m) => !m.deleted && gone(m));
        const placeholders: MessageView[] = [];
        this.messages = this.messages.flatMap((m) => {
          if (!ids.includes(m.id) || m.deleted) return [m];
          if (gone(m)) return [];
          const p: MessageView = { id: m.id, conversationId: m.conversationId, sender: m.sender, direction: m.direction, text: '', timestamp: m.timestamp, receivedAt: m.receivedAt, status: m.status, deleted: true };
          placeholders.push(p);
          return [p];
        });
        if (placeholders.length > 0) this.emit('messages.updated', { messages: placeholders.map((m) => ({ ...m })) });
        for (const conversationId of new Set(removed.map((m) => m.conversationId))) {
          this.emit('messages.removed', { conversationId, ids: removed.filter((m) => m.conversationId === conversationId).map((m) => m.id) });
        }
        return { deleted: [...new Set(ids)] };
      }
      case 'conversations.setExpiration': {
        if (this.holdExpiration) await this.holdExpiration;
        const parsed = methodParams['conversations.setExpiration'].safeParse(params);
        if (!parsed.success) throw new IpcError('invalid_params', parsed.error.issues[0]?.message ?? 'Invalid parameters.');
        const { id, mode, seconds } = parsed.data;
        const c = this.conversations.find((x) => x.id === id);
        if (!c) throw new IpcError('not_found', 'No such conversation.');
        if (c.kind === 'note-to-self' && mode === 'after-read') throw new IpcError('invalid_params', 'Note to Self only disappears after send.');
        if (mode === 'off') delete c.expiration;
        else c.expiration = { type: mode, seconds };
        // The timer change is a control message in the timeline, and the summary changes with it.
        const at = 5_000 + this.nextControlId;
        const control: MessageView = {
          id: `control${this.nextControlId++}`,
          conversationId: id,
          sender: this.account?.sessionId ?? '',
          direction: 'outgoing',
          text: '',
          timestamp: at,
          receivedAt: at,
          status: 'sent',
          control: { type: 'expiration-timer', mode, seconds },
        };
        this.messages.push(control);
        c.updatedAt = Math.max(c.updatedAt, at);
        this.emit('messages.added', { messages: [{ ...control }] });
        this.emit('conversations.updated', { conversations: [{ ...c }] });
        return { ...c };
      }
      case 'conversations.typing': {
        const p = methodParams['conversations.typing'].parse(params);
        this.typingCalls.push(p);
        return {};
      }
      default:
        throw new IpcError('unavailable', `${method} is not available in this fake.`);
    }
  }

  // ---------- conversation features: end ----------

  listenerCount(): number {
    let n = this.reconnectListeners.size;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

/** A conversation summary with sensible defaults for tests. */
// --- communities: a room's conversation, as the backend lists it (begin) ---
export const ROOM_BASE = 'http://127.0.0.1:40123';
export const ROOM_PUBKEY = 'a0'.repeat(32);
/** Our blinded id on the fake room server. */
export const OWN_BLINDED = '15' + 'a1'.repeat(32);
export function roomUrl(token: string): string {
  return `${ROOM_BASE}/${token}?public_key=${ROOM_PUBKEY}`;
}
export function room(token: string, over: Partial<CommunityView> = {}, summary: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: `${ROOM_BASE}/${token.toLowerCase()}`,
    kind: 'community',
    name: token,
    isApproved: true,
    isRequest: false,
    isBlocked: false,
    unreadCount: 0,
    updatedAt: 0,
    community: {
      baseUrl: ROOM_BASE,
      room: token,
      url: roomUrl(token),
      canWrite: true,
      canUpload: true,
      moderator: false,
      admin: false,
      blindedId: OWN_BLINDED,
      moderators: [],
      admins: [],
      ...over,
    },
    ...summary,
  };
}
// --- communities (end) ---

// --- groups: a group's conversation (kind `group`, a `03…` id), as the backend lists it (begin) ---
export function groupConversation(id: string, over: Partial<GroupView> = {}, summary: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    kind: 'group',
    name: over.name ?? 'Group',
    isApproved: true,
    isRequest: false,
    isBlocked: false,
    unreadCount: 0,
    updatedAt: 0,
    group: { memberCount: 0, admin: false, invitationPending: false, kicked: false, destroyed: false, ...over },
    ...summary,
  };
}
// --- groups (end) ---

export function conversation(id: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id, kind: 'private', isApproved: true, isRequest: false, isBlocked: false, unreadCount: 0, updatedAt: 0, ...over };
}
