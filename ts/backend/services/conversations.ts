// The conversations service: summaries for the UI, message-request accept/decline, and the one place
// that turns stored rows into ConversationSummary.
import type { ConversationKind, ConversationSummary } from '../../ipc/contract';
import { IpcError } from '../../ipc/errors';
import type { ConversationRow, ConversationStore } from '../db/conversationStore';
import type { Db } from '../db/database';
import type { MessageStore } from '../db/messageStore';
import type { EventBus } from '../events';

export interface ConversationsService {
  list(filter?: { requests?: boolean }): ConversationSummary[];
  summary(id: string): ConversationSummary | undefined;
  summaries(ids: Iterable<string>): ConversationSummary[];
  accept(id: string): ConversationSummary;
  decline(id: string): { id: string };
  /** Marks the conversation's incoming messages read (the user has seen them); returns its summary. */
  markRead(id: string): ConversationSummary;
  /** Conversation kind for a peer id given our own id. */
  kindFor(id: string, ownId: string): ConversationKind;
}

/** What accepting needs from the running engine: a network timestamp and a nudge for the outbox. */
export interface ControlRuntime {
  networkNow(): number;
  kickOutbox(): void;
}

export function createConversationsService(deps: {
  store: ConversationStore;
  messages: MessageStore;
  events: EventBus;
  now: () => number;
  /** Needed to answer accepted requests; without them accepting is local only (tools, benchmarks). */
  db?: Db;
  ownId?: () => string | undefined;
  runtime?: () => ControlRuntime | undefined;
}): ConversationsService {
  const { store, messages, events, now } = deps;

  const toSummary = (row: ConversationRow): ConversationSummary => {
    const approved = row.kind === 'note-to-self' || row.isApproved;
    const s: ConversationSummary = {
      id: row.id,
      kind: row.kind,
      isApproved: approved,
      isRequest: row.kind === 'private' && !approved && !row.isBlocked,
      isBlocked: row.isBlocked,
      unreadCount: row.unreadCount,
      updatedAt: row.updatedAt,
    };
    const name = row.nickname ?? row.profileName;
    if (name !== undefined && name !== '') s.name = name;
    const last = messages.last(row.id);
    if (last) s.lastMessage = last;
    return s;
  };

  const summary = (id: string): ConversationSummary | undefined => {
    const row = store.get(id);
    return row && !row.hidden ? toSummary(row) : undefined;
  };

  return {
    list(filter = {}) {
      const all = store.list().map(toSummary);
      return filter.requests === undefined ? all : all.filter((c) => c.isRequest === filter.requests);
    },
    summary,
    summaries(ids) {
      const out: ConversationSummary[] = [];
      for (const id of new Set(ids)) {
        const s = summary(id);
        if (s) out.push(s);
      }
      return out;
    },
    accept(id) {
      const row = store.get(id);
      if (!row || row.hidden) throw new IpcError('not_found', 'No such conversation.');
      const me = deps.ownId?.();
      if (row.kind === 'private' && !row.isApproved) {
        const rt = deps.runtime?.();
        const apply = (): void => {
          store.updateContact(id, { isApproved: true }, now());
          // They wrote first: tell them once that we accepted (spec messaging §6.11).
          if (row.didApproveMe && me !== undefined) {
            const sentAt = Math.max(Math.trunc(rt ? rt.networkNow() : now()), messages.maxSentAt(me) + 1);
            messages.enqueueControl({ kind: 'request-response', destination: id, sentAt, nextAttemptAt: 0 });
          }
        };
        if (deps.db) deps.db.transaction(apply)();
        else apply();
        rt?.kickOutbox();
      }
      const s = summary(id) as ConversationSummary;
      events.emit('conversations.updated', { conversations: [s] });
      return s;
    },
    decline(id) {
      const row = store.get(id);
      if (!row || row.hidden) throw new IpcError('not_found', 'No such conversation.');
      // Declining hides the request; a later message from the same sender shows it again (desktop does the same).
      store.setHidden(id, true);
      events.emit('conversations.updated', { conversations: store.list().map(toSummary) });
      return { id };
    },
    markRead(id) {
      const row = store.get(id);
      if (!row || row.hidden) throw new IpcError('not_found', 'No such conversation.');
      const ids = messages.markRead(id, now());
      const s = summary(id) as ConversationSummary;
      if (ids.length > 0) {
        events.emit('messages.updated', { messages: ids.flatMap((m) => messages.get(m) ?? []) });
        events.emit('conversations.updated', { conversations: [s] });
      }
      return s;
    },
    kindFor: (id, ownId) => (id === ownId ? 'note-to-self' : 'private'),
  };
}
