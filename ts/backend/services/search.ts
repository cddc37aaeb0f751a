// Full-text search (spec/ui.md §3.3, cli.md `search`): turns what the user typed into a safe FTS5 query,
// finds messages newest first through the messages_fts index, cuts a short excerpt around the match with
// the matched words' offsets (plain text: the renderer highlights by offset, so nothing in a message can
// become markup), and lists the conversations and contacts whose names or Account IDs match.
//
// Query rules, as the official desktop app: the text is split into words (what SQLite's unicode61
// tokenizer counts as a word: letters, digits, private-use characters), each word matches as a prefix, and
// all words must occur. Every word is quoted, so FTS5 operators typed by the user (AND, OR, NOT, NEAR, `*`,
// `^`, `-`, `:`, parentheses, quotes) are searched as plain words or ignored as separators, and no input can
// make a syntax error. Text without any word (only punctuation or emoji) finds no messages.
import type { ContactView, ConversationSummary, MessageView, SearchHit, SearchResults } from '../../ipc/contract';
import { avatarVersionOf } from '../db/avatarStore';
import type { Db } from '../db/database';
import type { TransferProgress } from '../db/attachmentStore';
import { createSearchStore, type SearchStore } from '../db/searchStore';
import type { ConversationsService } from './conversations';
import { excerpt, foldName, ftsQuery, noteToSelfAliases, searchTerms } from './searchText';

export { excerpt, foldName, foldWord, ftsQuery, searchTerms } from './searchText';

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;

export interface SearchService {
  search(params: { query: string; limit?: number; conversationId?: string }): SearchResults;
}

export function createSearchService(deps: {
  db: Db;
  conversations: Pick<ConversationsService, 'summaries' | 'anySummary'>;
  now: () => number;
  progress?: TransferProgress;
  /** A store over `db` by default (tests may pass their own). */
  store?: SearchStore;
}): SearchService {
  const store = deps.store ?? createSearchStore(deps.db, deps.progress);

  const nameMatches = (needle: string, ...names: (string | null | undefined)[]): boolean =>
    names.some((n) => n !== null && n !== undefined && n !== '' && foldName(n).includes(needle));

  const matchingConversations = (needle: string): ConversationSummary[] => {
    if (needle === '') return [];
    const me = store.ownId();
    const ids = store
      .conversations()
      .filter(
        (c) =>
          nameMatches(needle, c.nickname, c.profileName, c.id) ||
          (c.kind === 'note-to-self' && c.id === me && noteToSelfAliases().some((a) => a.includes(needle))),
      )
      .map((c) => c.id);
    // Listed ones in one statement; those the list hides (a blocked request, a hidden Note to Self) one by one:
    // search still finds them (spec/ui.md §3.6).
    const listed = deps.conversations.summaries(ids);
    const have = new Set(listed.map((s) => s.id));
    const rest = ids.filter((id) => !have.has(id)).flatMap((id) => deps.conversations.anySummary(id) ?? []);
    return sortConversations([...listed, ...rest]);
  };

  const matchingContacts = (needle: string): ContactView[] => {
    if (needle === '') return [];
    return store
      .contactsWithoutConversation()
      .filter((c) => nameMatches(needle, c.nickname, c.profileName, c.id))
      .map((c) => {
        const v: ContactView = { id: c.id, approved: true, approvedMe: c.approvedMe, blocked: false };
        if (c.profileName !== null && c.profileName !== '') v.profileName = c.profileName;
        if (c.nickname !== null && c.nickname !== '') v.nickname = c.nickname;
        if (c.avatarFileUrl !== null) v.avatarVersion = avatarVersionOf(c.avatarFileUrl);
        return v;
      })
      .sort((a, b) => compareNames(a.nickname ?? a.profileName, a.id, b.nickname ?? b.profileName, b.id));
  };

  const matchingMessages = (query: string, limit: number, conversationId: string | undefined): SearchHit[] => {
    const match = ftsQuery(query);
    if (match === undefined) return [];
    const terms = searchTerms(query);
    const views: MessageView[] = store.messages({ match, limit, now: deps.now(), ...(conversationId !== undefined ? { conversationId } : {}) });
    return views.map((message) => ({ message, ...excerpt(message.text, terms) }));
  };

  return {
    search({ query, limit, conversationId }) {
      const n = Math.min(Math.max(1, Math.trunc(limit ?? DEFAULT_SEARCH_LIMIT)), MAX_SEARCH_LIMIT);
      const needle = foldName(query);
      // Within one conversation only its messages are searched: the name lists belong to the global search.
      if (conversationId !== undefined) return { conversations: [], contacts: [], messages: matchingMessages(query, n, conversationId) };
      return { conversations: matchingConversations(needle), contacts: matchingContacts(needle), messages: matchingMessages(query, n, undefined) };
    },
  };
}

/**
 * Conversation results in the official order (spec/ui.md §3.3): Note to Self first, then groups and
 * communities A→Z, then contacts A→Z; names starting with a digit (an unnamed contact shows its Account ID)
 * after the rest of their group.
 */
export function sortConversations(list: ConversationSummary[]): ConversationSummary[] {
  const rank = (c: ConversationSummary): number => (c.kind === 'note-to-self' ? 0 : c.kind === 'group' || c.kind === 'community' ? 1 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b) || compareNames(a.name, a.id, b.name, b.id));
}

function compareNames(aName: string | undefined, aId: string, bName: string | undefined, bId: string): number {
  const a = aName !== undefined && aName !== '' ? aName : aId;
  const b = bName !== undefined && bName !== '' ? bName : bId;
  const digit = (s: string): number => (/^\p{N}/u.test(s) ? 1 : 0);
  return digit(a) - digit(b) || a.localeCompare(b, undefined, { sensitivity: 'base' }) || aId.localeCompare(bId);
}
