// The main process's copy of the conversation summaries, kept from the backend's events, so the
// notifications (name, mute) and the unread badge need no query per message.
import type { ConversationSummary } from '../ts/ipc/contract';

export interface ConversationIndex {
  get(id: string): ConversationSummary | undefined;
  all(): IterableIterator<ConversationSummary>;
  /** Replaces everything (a fresh list after start or an account change). */
  reset(list: readonly ConversationSummary[]): void;
  /** Applies a `conversations.updated` payload (the changed summaries only). */
  update(list: readonly ConversationSummary[]): void;
  remove(ids: readonly string[]): void;
}

export function createConversationIndex(): ConversationIndex {
  const byId = new Map<string, ConversationSummary>();
  return {
    get: (id) => byId.get(id),
    all: () => byId.values(),
    reset(list) {
      byId.clear();
      for (const c of list) byId.set(c.id, c);
    },
    update(list) {
      for (const c of list) byId.set(c.id, c);
    },
    remove(ids) {
      for (const id of ids) byId.delete(id);
    },
  };
}
