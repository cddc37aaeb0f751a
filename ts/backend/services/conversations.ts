// The conversations service: summaries for the UI (built by one statement however many conversations
// there are), message-request accept / decline / clear, drafts, and deleting conversations and their
// messages. The one place that turns stored rows into ConversationSummary. Deleting never forgets swarm
// hashes: a deleted message that is fetched again is recognised as seen and dropped.
import type { ConversationKind, ConversationSummary, MessagePage } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import { avatarVersionOf } from '../db/avatarStore';
import type { ConversationListRow, ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import {
  DEFAULT_PAGE_SIZE,
  createMessagePageStore,
  type MessagePageStore,
  type PageCursor,
} from '../db/messagePages';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';

export interface ConversationsService {
  list(filter?: { requests?: boolean }): ConversationSummary[];
  /** The summary of a listed conversation (undefined when missing, hidden, or a blocked request). */
  summary(id: string): ConversationSummary | undefined;
  /** Summaries of the listed ones among `ids`, in one statement. */
  summaries(ids: Iterable<string>): ConversationSummary[];
  /** The summary whether listed or not (a blocked request too); undefined when there is no such conversation. */
  anySummary(id: string): ConversationSummary | undefined;
  accept(id: string): ConversationSummary;
  /** Deletes an incoming message request and its messages (no blocking). */
  decline(id: string): { id: string };
  /** Deletes every incoming message request and their messages (no blocking). */
  clearRequests(): { ids: string[] };
  /** Marks the conversation's incoming messages read (the user has seen them); returns its summary. */
  markRead(id: string): ConversationSummary;
  /**
   * Marks read the incoming messages up to and including `messageId` (the newest one the user has seen);
   * newer ones stay unread. Returns the summary with the unread count left.
   */
  markReadUpTo(id: string, messageId: string): ConversationSummary;
  setDraft(id: string, text: string): { id: string };
  /** Deletes all messages of the conversation; the conversation stays. */
  clearMessages(id: string): ConversationSummary;
  /** Deletes the conversation and its messages. */
  delete(id: string): { id: string };
  /**
   * Deletes conversations and their messages in one transaction, running `alsoInTransaction` inside it,
   * then emits messages.removed and conversations.removed. Missing ids are skipped.
   */
  remove(ids: readonly string[], alsoInTransaction?: () => void): string[];
  /** Deletes these messages (any conversations); emits messages.removed and the changed summaries. */
  deleteMessages(ids: readonly string[]): string[];
  page(conversationId: string, cursor: PageCursor, limit?: number): MessagePage;
  /** Conversation kind for a peer id given our own id. */
  kindFor(id: string, ownId: string): ConversationKind;
}

/** What accepting needs from the running engine: a network timestamp and a nudge for the outbox. */
export interface ControlRuntime {
  networkNow(): number;
  kickOutbox(): void;
}

/**
 * A private conversation nobody approved that the user blocked is not listed (blocking a request hides it),
 * nor a hidden Note to Self.
 */
const listed = (s: ConversationSummary): boolean => !(s.kind === 'private' && s.isBlocked && !s.isApproved) && s.hidden !== true;

/** Read-state changes go through the configs (ConvoInfoVolatile): config sync implements this. */
export interface ReadStateWriter {
  /** Stores the read position `upTo` (ms) and clears the unread marker; config-apply then marks the messages read. */
  markRead(id: string, upTo: number): void;
}

export function createConversationsService(deps: {
  store: ConversationStore;
  messages: MessageStore;
  /** Paging and bulk deletes; default: built on `db` (tools that give neither cannot page or delete). */
  pages?: MessagePageStore;
  events: EventBus;
  now: () => number;
  /** Needed to answer accepted requests; without them accepting is local only (tools, benchmarks). */
  db?: Db;
  ownId?: () => string | undefined;
  runtime?: () => ControlRuntime | undefined;
  /** Config sync, once it runs; without it reading is local only (tools, benchmarks, tests). */
  readState?: () => ReadStateWriter | undefined;
  // --- disappearing messages (begin) ---
  /** Note to Self's after-send timer (seconds) from the UserProfile config; absent or undefined: off. */
  noteToSelfExpiry?: () => number | undefined;
  // --- disappearing messages (end) ---
  // --- communities (begin) ---
  /** Adds what rooms show (name, CommunityView, their notification mode and pin) to summaries. */
  decorate?: () => ((summaries: ConversationSummary[]) => ConversationSummary[]) | undefined;
  // --- communities (end) ---
  // --- groups (begin) ---
  /** Adds the GroupView and the invitation's request state to group summaries. */
  decorateGroups?: () => ((summaries: ConversationSummary[]) => ConversationSummary[]) | undefined;
  // --- groups (end) ---
}): ConversationsService {
  const { store, messages, events, now } = deps;
  const pageStore = deps.pages ?? (deps.db ? createMessagePageStore(deps.db) : undefined);
  const pages = (): MessagePageStore => {
    if (!pageStore)
      throw new IpcError('unavailable', 'This conversation store cannot page or delete messages.');
    return pageStore;
  };
  const inTransaction = <T>(fn: () => T): T => (deps.db ? deps.db.transaction(fn)() : fn());

  const toSummary = (row: ConversationListRow): ConversationSummary => {
    const approved = row.kind === 'note-to-self' || row.isApproved;
    const s: ConversationSummary = {
      id: row.id,
      kind: row.kind,
      isApproved: approved,
      isRequest: row.kind === 'private' && !approved && !row.isBlocked,
      isBlocked: row.isBlocked,
      unreadCount: row.unreadCount,
      updatedAt: row.updatedAt,
      notificationMode: row.notificationMode,
    };
    const name = row.nickname ?? row.profileName;
    if (name !== undefined && name !== '') s.name = name;
    if (row.nickname !== undefined && row.nickname !== '') s.nickname = row.nickname;
    if (row.profileName !== undefined && row.profileName !== '') s.profileName = row.profileName;
    if (row.priority > 0) s.pinnedPriority = row.priority;
    // An outgoing request: we wrote, they have not answered or accepted (the composer refuses media then).
    if (row.kind === 'private' && approved && !row.didApproveMe) s.approvedMe = false;
    if (row.markedUnread) s.markedUnread = true;
    if (row.lastReadAt > 0) s.lastReadTimestamp = row.lastReadAt;
    if (row.kind === 'note-to-self') s.hidden = row.priority < 0;
    if (row.lastMessage) s.lastMessage = row.lastMessage;
    if (row.draft !== undefined && row.draft !== '') s.draft = row.draft;
    if (row.avatarFileUrl !== undefined) s.avatarVersion = avatarVersionOf(row.avatarFileUrl);
    // --- disappearing messages (begin) ---
    const ntsTimer = row.kind === 'note-to-self' ? deps.noteToSelfExpiry?.() : undefined;
    if (ntsTimer !== undefined && ntsTimer > 0) s.expiration = { type: 'after-send', seconds: ntsTimer };
    else if (row.expiration) s.expiration = row.expiration;
    // --- disappearing messages (end) ---
    return s;
  };

  const decorated = (list: ConversationSummary[]): ConversationSummary[] => {
    const fn = list.some((c) => c.kind === 'community' || c.id.startsWith('15')) ? deps.decorate?.() : undefined;
    const groups = list.some((c) => c.kind === 'group') ? deps.decorateGroups?.() : undefined; // --- groups ---
    const out = fn ? fn(list) : list;
    return groups ? groups(out) : out;
  };
  const anySummaries = (ids: readonly string[]): ConversationSummary[] =>
    decorated(
      store
        .rowsWithLastMessage(ids)
        .filter((r) => !r.hidden)
        .map(toSummary),
    );
  const summaries = (ids: Iterable<string>): ConversationSummary[] =>
    anySummaries([...new Set(ids)]).filter(listed);
  const summary = (id: string): ConversationSummary | undefined => summaries([id])[0];
  const anySummary = (id: string): ConversationSummary | undefined => anySummaries([id])[0];

  const requireListed = (id: string): ConversationSummary => {
    const s = summary(id);
    if (!s) throw new IpcError('not_found', 'No such conversation.');
    return s;
  };

  const remove = (ids: readonly string[], alsoInTransaction?: () => void): string[] => {
    const removedMessages: { conversationId: string; ids: string[] }[] = [];
    const removed = inTransaction(() => {
      const gone: string[] = [];
      for (const id of new Set(ids)) {
        const msgs = pages().deleteByConversation(id);
        if (msgs.length > 0) removedMessages.push({ conversationId: id, ids: msgs });
        if (store.remove(id)) gone.push(id);
      }
      alsoInTransaction?.();
      return gone;
    });
    for (const r of removedMessages) events.emit('messages.removed', r);
    if (removed.length > 0) events.emit('conversations.removed', { ids: removed });
    return removed;
  };

  return {
    list(filter = {}) {
      const all = decorated(store.listWithLastMessage().map(toSummary)).filter(listed);
      // --- communities and groups: a pinned room or group (UserGroups priority) sorts with the pinned conversations (stable) ---
      if (all.some((c) => (c.kind === 'community' || c.kind === 'group') && (c.pinnedPriority ?? 0) > 0)) all.sort((a, b) => (b.pinnedPriority ?? 0) - (a.pinnedPriority ?? 0));
      return filter.requests === undefined ? all : all.filter((c) => c.isRequest === filter.requests);
    },
    summary,
    summaries,
    anySummary,
    accept(id) {
      const row = store.get(id);
      if (!row || row.hidden) throw new IpcError('not_found', 'No such conversation.');
      const me = deps.ownId?.();
      if (row.kind === 'private' && !row.isApproved) {
        const rt = deps.runtime?.();
        inTransaction(() => {
          store.updateContact(id, { isApproved: true }, now());
          // They wrote first: tell them once that we accepted (spec messaging §6.11).
          if (row.didApproveMe && me !== undefined) {
            const sentAt = Math.max(Math.trunc(rt ? rt.networkNow() : now()), messages.maxSentAt(me) + 1);
            messages.enqueueControl({ kind: 'request-response', destination: id, sentAt, nextAttemptAt: 0 });
          }
        });
        rt?.kickOutbox();
      }
      const s = anySummary(id) as ConversationSummary;
      events.emit('conversations.updated', { conversations: [s] });
      return s;
    },
    decline(id) {
      const s = requireListed(id);
      if (!s.isRequest)
        throw new IpcError(
          'invalid_params',
          'Only a message request can be declined; delete the conversation instead.',
        );
      // Their next message is a request again: the contact row (never approved) stays as it is.
      remove([id]);
      return { id };
    },
    clearRequests() {
      const ids = store
        .listWithLastMessage()
        .map(toSummary)
        .filter((c) => c.isRequest)
        .map((c) => c.id);
      return { ids: remove(ids) };
    },
    markRead(id) {
      requireListed(id);
      const writer = deps.readState?.();
      if (writer) {
        // The read position is the newest message's time: what arrives later (newer) stays unread.
        const before = anySummary(id);
        writer.markRead(id, Math.max(before?.lastMessage?.timestamp ?? 0, before?.lastReadTimestamp ?? 0));
        return summary(id) as ConversationSummary;
      }
      const ids = messages.markRead(id, now());
      const s = summary(id) as ConversationSummary;
      if (ids.length > 0) {
        events.emit('messages.updated', { messages: ids.flatMap((m) => messages.get(m) ?? []) });
        events.emit('conversations.updated', { conversations: [s] });
      }
      return s;
    },
    markReadUpTo(id, messageId) {
      requireListed(id);
      const writer = deps.readState?.();
      if (writer) {
        // Config sync keeps the read position: the seen message's time, never moving back.
        const seen = messages.get(messageId);
        if (!seen || seen.conversationId !== id) throw new IpcError('not_found', 'No such message in this conversation.');
        const before = anySummary(id);
        writer.markRead(id, Math.max(seen.timestamp, before?.lastReadTimestamp ?? 0));
        return summary(id) as ConversationSummary;
      }
      const ids = inTransaction(() => messages.markReadUpTo(id, messageId, now()));
      if (ids === undefined) throw new IpcError('not_found', 'No such message in this conversation.');
      const s = summary(id) as ConversationSummary;
      if (ids.length > 0) {
        events.emit('messages.updated', { messages: ids.flatMap((m) => messages.get(m) ?? []) });
        events.emit('conversations.updated', { conversations: [s] });
      }
      return s;
    },
    setDraft(id, text) {
      if (!anySummary(id)) throw new IpcError('not_found', 'No such conversation.');
      // Whitespace alone is no draft: nothing to keep, no "Draft" label in the list.
      store.setDraft(id, text.trim() === '' ? null : text);
      return { id };
    },
    clearMessages(id) {
      if (!anySummary(id)) throw new IpcError('not_found', 'No such conversation.');
      const ids = inTransaction(() => pages().deleteByConversation(id));
      const s = anySummary(id) as ConversationSummary;
      if (ids.length > 0) events.emit('messages.removed', { conversationId: id, ids });
      if (listed(s)) events.emit('conversations.updated', { conversations: [s] });
      return s;
    },
    delete(id) {
      if (!anySummary(id)) throw new IpcError('not_found', 'No such conversation.');
      remove([id]);
      return { id };
    },
    remove,
    deleteMessages(ids) {
      const deleted = inTransaction(() => messages.deleteByIds(ids));
      const byConversation = new Map<string, string[]>();
      for (const m of deleted) {
        const list = byConversation.get(m.conversationId);
        if (list) list.push(m.id);
        else byConversation.set(m.conversationId, [m.id]);
      }
      for (const [conversationId, removed] of byConversation)
        events.emit('messages.removed', { conversationId, ids: removed });
      if (byConversation.size > 0)
        events.emit('conversations.updated', { conversations: summaries(byConversation.keys()) });
      return deleted.map((m) => m.id);
    },
    page(conversationId, cursor, limit = DEFAULT_PAGE_SIZE) {
      if (!anySummary(conversationId)) {
        // A conversation opened before its first message (New Message) has nothing yet: an empty page.
        if (!('before' in cursor || 'after' in cursor || 'around' in cursor)) return { messages: [], hasOlder: false, hasNewer: false };
        throw new IpcError('not_found', 'No such conversation.');
      }
      const p = pages().page(conversationId, cursor, limit);
      if (!p)
        throw new IpcError(
          'not_found',
          'That message is not in this conversation (it may have been deleted).',
        );
      return p;
    },
    kindFor: (id, ownId) => (id === ownId ? 'note-to-self' : 'private'),
  };
}
