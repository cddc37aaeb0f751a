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

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 500;
/** More words than this add nothing a person types; the rest are dropped to bound the query's cost. */
export const MAX_SEARCH_TERMS = 16;
/** Words in an excerpt (as FTS5's snippet() of the official app: 15 tokens). */
export const SNIPPET_WORDS = 15;
/** Words shown before the first match when the excerpt starts inside the text. */
const SNIPPET_LEAD_WORDS = 3;
const ELLIPSIS = '…';

/** A word as unicode61 sees it: letters, digits, private use; combining marks stay inside the word. */
const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

/** Case and accent folding close to unicode61's (remove_diacritics): used only to place highlights. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ς/g, 'σ');
}

/** The words of a query, folded, without repeats, at most MAX_SEARCH_TERMS. */
export function searchTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = foldWord(m[0]);
    if (w !== '' && !out.includes(w)) out.push(w);
    if (out.length === MAX_SEARCH_TERMS) break;
  }
  return out;
}

/**
 * The FTS5 MATCH expression for a query: every word quoted and matched as a prefix (`"word"*`), all of
 * them required; undefined when the text has no word. The words hold no quote character (WORD excludes
 * it), and a quote is doubled anyway, FTS5's escape inside a string.
 */
export function ftsQuery(text: string): string | undefined {
  const terms = searchTerms(text);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

export interface Excerpt {
  snippet: string;
  highlights: [number, number][];
}

/**
 * A short excerpt of `text` around its best match (the window of SNIPPET_WORDS words with the most
 * different query words, then the most matches), whitespace collapsed, "…" where it is cut, with the
 * [start, end) offsets of the matched words in it. Cuts fall between words, never inside a character.
 */
export function excerpt(text: string, terms: readonly string[]): Excerpt {
  const words: { start: number; end: number; term: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    const term = terms.findIndex((t) => folded.startsWith(t));
    words.push({ start: m.index, end: m.index + m[0].length, term });
  }
  if (words.length === 0) return { snippet: collapse(text.trim(), []).text, highlights: [] };

  // The window's first word: SNIPPET_LEAD_WORDS before a match, scored by what the window holds.
  let first = 0;
  let best = { distinct: 0, hits: 0 };
  for (let i = 0; i < words.length; i++) {
    if (words[i]?.term === -1) continue;
    const start = Math.max(0, Math.min(i - SNIPPET_LEAD_WORDS, words.length - SNIPPET_WORDS));
    const seen = new Set<number>();
    let hits = 0;
    for (let j = start; j < Math.min(words.length, start + SNIPPET_WORDS); j++) {
      const t = words[j]?.term ?? -1;
      if (t !== -1) {
        seen.add(t);
        hits++;
      }
    }
    if (seen.size > best.distinct || (seen.size === best.distinct && hits > best.hits)) {
      best = { distinct: seen.size, hits };
      first = start;
    }
    // Every query word in view: no later window can do better on the first criterion.
    if (best.distinct === terms.length && hits >= SNIPPET_WORDS) break;
  }
  const last = Math.min(words.length, first + SNIPPET_WORDS) - 1;
  const firstWord = words[first] as (typeof words)[number];
  const lastWord = words[last] as (typeof words)[number];
  // Whole text at either end keeps its leading or trailing punctuation; a cut keeps whole words only.
  const from = first === 0 ? 0 : firstWord.start;
  const to = last === words.length - 1 ? text.length : lastWord.end;
  const marks: [number, number][] = [];
  for (let j = first; j <= last; j++) {
    const w = words[j] as (typeof words)[number];
    if (w.term !== -1) marks.push([w.start - from, w.end - from]);
  }
  const body = collapse(text.slice(from, to), marks);
  // Leading and trailing whitespace goes (offsets shift with it).
  const lead = body.text.length - body.text.trimStart().length;
  let snippet = body.text.trim();
  let highlights = body.marks.map(([a, b]): [number, number] => [a - lead, b - lead]);
  if (from > 0) {
    snippet = `${ELLIPSIS}${snippet}`;
    highlights = highlights.map(([a, b]) => [a + ELLIPSIS.length, b + ELLIPSIS.length]);
  }
  if (to < text.length) snippet = `${snippet}${ELLIPSIS}`;
  return { snippet, highlights };
}

/** Collapses each whitespace run to one space, moving the offsets along. */
function collapse(text: string, marks: readonly [number, number][]): { text: string; marks: [number, number][] } {
  // map[i]: the output offset of input offset i (map[text.length] is the output length).
  const map = new Array<number>(text.length + 1);
  let out = '';
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    map[i] = out.length;
    const c = text[i] as string;
    if (/\s/u.test(c)) {
      if (!inSpace) out += ' ';
      inSpace = true;
    } else {
      out += c;
      inSpace = false;
    }
  }
  map[text.length] = out.length;
  return { text: out, marks: marks.map(([a, b]) => [map[a] as number, map[b] as number]) };
}

/** Names compare without case, accents, surrounding space and the characters people type in IDs and numbers. */
const IGNORED_IN_NAMES = /[\s+\-.()]/gu;
export function foldName(s: string): string {
  return foldWord(s).replace(IGNORED_IN_NAMES, '');
}

/** "Note to Self" and "Saved messages" find your own Note to Self (spec/ui.md §3.3). */
const NOTE_TO_SELF_ALIASES = ['Note to Self', 'Saved messages'].map(foldName);

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
          (c.kind === 'note-to-self' && c.id === me && NOTE_TO_SELF_ALIASES.some((a) => a.includes(needle))),
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
