// What search does with text, without any storage (so the renderer's tests can model the backend with it):
// the words of a query and its FTS5 expression, excerpts with the matched words' offsets, and the name
// folding of conversation and contact matches. See services/search.ts for the rules.
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

let aliases: readonly string[] | undefined;
/**
 * "Note to Self" and "Saved messages", folded: they find your own Note to Self (spec/ui.md §3.3). Folded at
 * the first search, not when the module loads: the first normalize() loads ICU's data (~10 ms of a cold start).
 */
export function noteToSelfAliases(): readonly string[] {
  aliases ??= ['Note to Self', 'Saved messages'].map(foldName);
  return aliases;
}
