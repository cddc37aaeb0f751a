// The large profile's history as numbers, before anything is written: who the contacts are, how many
// messages each conversation has (Zipf: a few huge, many small), when each message was sent (bursts of
// chat over ~5 years, every timestamp unique and in arrival order), who sent it, what was read, and the
// words of every message (a seeded vocabulary with Zipf frequencies, so some words are everywhere and some
// appear a handful of times). Pure and deterministic: the same spec gives the same plan, byte for byte.
import type { ProfileSpec } from './api';

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** splitmix32: spreads a seed and a stream number into independent 32-bit states. */
function splitmix32(x: number): () => number {
  let s = x >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A small, fast PRNG (sfc32) with the helpers the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates the purposes (plan, text, keys), so changing one never shifts another. */
  constructor(seed: number, stream: number) {
    const mix = splitmix32((seed * 0x9e3779b1) ^ Math.imul(stream + 1, 0x7feb352d));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Log-normal around `median` (sigma in natural-log units). */
  logNormal(median: number, sigma: number): number {
    // Box–Muller; one of the pair is enough here.
    const u = 1 - this.next();
    const v = this.next();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const x = this.u32();
      out[i] = x & 0xff;
      if (i + 1 < n) out[i + 1] = (x >>> 8) & 0xff;
      if (i + 2 < n) out[i + 2] = (x >>> 16) & 0xff;
      if (i + 3 < n) out[i + 3] = x >>> 24;
    }
    return out;
  }
}

export const STREAM = { plan: 1, text: 2, keys: 3, extras: 4 } as const;

/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s (binary search over the cumulative weights). */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      this.cdf[k] = sum;
    }
    for (let k = 0; k < n; k++) (this.cdf as Float64Array)[k] = (this.cdf[k] as number) / sum;
  }

  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------------------
// Conversations and timelines

const DAY_MS = 24 * 60 * 60 * 1000;
/** The history ends here (fixed, so the same seed gives the same rows whenever it is generated). */
export const HISTORY_END_MS = Date.UTC(2026, 10, 30, 18, 0, 0);
/** …and spans about five years before it. */
export const HISTORY_SPAN_MS = Math.round(5 * 365.25 * DAY_MS);
/** Conversation sizes: share of rank k ∝ 1/k^s. */
const SIZE_ZIPF_S = 1.1;
/** Share of conversations read to their end; the others end in unread incoming messages. */
const UNREAD_SHARE = 0.15;
/** The one long unread tail (the "600 unread messages" case). */
const LONG_UNREAD_TAIL = 600;

/** Messages per conversation, busiest first, summing to `messages`, each at least 1 (largest remainder). */
export function conversationSizes(messages: number, conversations: number): number[] {
  if (!Number.isSafeInteger(conversations) || conversations < 1) throw new Error('A profile needs at least one conversation.');
  if (!Number.isSafeInteger(messages) || messages < conversations) throw new Error('A profile needs at least one message per conversation.');
  const weights = Array.from({ length: conversations }, (_, k) => 1 / Math.pow(k + 1, SIZE_ZIPF_S));
  const total = weights.reduce((a, b) => a + b, 0);
  const spare = messages - conversations;
  const exact = weights.map((w) => (w / total) * spare);
  const sizes = exact.map((x) => 1 + Math.floor(x));
  let left = messages - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0; j++, left--) sizes[(byRemainder[j % conversations] as { i: number }).i]! += 1;
  return sizes;
}

export interface ConversationPlan {
  /** Index in busiest-first order. */
  index: number;
  size: number;
  /** Local index (within the conversation, oldest first) of the last message read; -1: none read. */
  readUpTo: number;
  /** Incoming messages after readUpTo (the unread tail). */
  unread: number;
  pinned: boolean;
  /** Share of outgoing messages in this conversation. */
  outShare: number;
}

export interface HistoryPlan {
  conversations: ConversationPlan[];
  /** Per message, in arrival (= sent) order: its conversation index. */
  conv: Uint16Array;
  /** Per message: sent time (ms), strictly increasing and even (odd times are left for reactions). */
  sentAt: Float64Array;
  /** Per message: 1 outgoing, 0 incoming. */
  outgoing: Uint8Array;
  /** Per message: its local index in its conversation (oldest first). */
  local: Uint32Array;
  /** Per conversation: sent time of the last message read (0: none). */
  lastReadAt: number[];
}

/** Times of one conversation's messages: bursts of chat spread over its active span, oldest first. */
function timeline(rng: Rng, size: number, rank: number, conversations: number): Float64Array {
  const start0 = HISTORY_END_MS - HISTORY_SPAN_MS;
  // The busiest conversations go back to the start; others began any time (later ones more often).
  const busy = rank < Math.max(1, conversations * 0.05);
  const start = busy ? start0 + rng.next() * 0.15 * HISTORY_SPAN_MS : start0 + Math.pow(rng.next(), 0.8) * 0.9 * HISTORY_SPAN_MS;
  // Most conversations are still going (last message in the last days); some went quiet long ago.
  const active = busy || rng.chance(0.8);
  const end = active
    ? HISTORY_END_MS - Math.min(rng.exp(3 * DAY_MS), 60 * DAY_MS)
    : start + rng.next() * (HISTORY_END_MS - 60 * DAY_MS - start);
  const span = Math.max(end - start, 60_000);
  // Sessions of a few messages each (geometric, mean 6), each starting anywhere in the span.
  const out = new Float64Array(size);
  let i = 0;
  while (i < size) {
    let t = start + rng.next() * span;
    const len = Math.min(size - i, 1 + Math.floor(rng.exp(5)));
    for (let j = 0; j < len; j++) {
      out[i++] = t;
      // Replies come within seconds to minutes; now and then after a longer pause.
      t += rng.chance(0.1) ? rng.exp(20 * 60_000) : rng.exp(40_000) + 1_000;
    }
  }
  out.sort();
  // The last message is at `end`, so an active conversation really is recent.
  const shift = end - (out[size - 1] as number);
  if (shift > 0) for (let k = 0; k < size; k++) out[k] = Math.min((out[k] as number) + shift * (k / Math.max(1, size - 1)), end);
  return out;
}

export function planHistory(spec: ProfileSpec): HistoryPlan {
  const rng = new Rng(spec.seed, STREAM.plan);
  const sizes = conversationSizes(spec.messages, spec.conversations);
  const C = spec.conversations;
  const N = spec.messages;
  const times: Float64Array[] = [];
  const dirs: Uint8Array[] = [];
  const plans: ConversationPlan[] = [];
  // Pins: a couple of the busier conversations (never more than 5, as people pin few).
  const pinCount = Math.min(5, Math.max(2, Math.round(C / 200)), C);
  const pinned = new Set<number>();
  while (pinned.size < pinCount) pinned.add(rng.int(Math.min(C, 20)));
  // The long unread tail goes to one of the busy conversations that can hold it.
  const longTail = sizes.findIndex((s, i) => i > 0 && s >= 2 * LONG_UNREAD_TAIL);
  for (let c = 0; c < C; c++) {
    const size = sizes[c] as number;
    const t = timeline(rng, size, c, C);
    const outShare = 0.35 + rng.next() * 0.25;
    const d = new Uint8Array(size);
    // Turn-taking: each side writes a few lines in a row.
    let out = rng.chance(outShare) ? 1 : 0;
    for (let k = 0; k < size; k++) {
      d[k] = out;
      const p = out === 1 ? outShare : 1 - outShare;
      if (!rng.chance(0.35 + 0.4 * p)) out ^= 1;
    }
    let unread = 0;
    if (c === longTail) unread = LONG_UNREAD_TAIL;
    else if (size >= 2 && rng.chance(UNREAD_SHARE)) unread = Math.min(Math.floor(size / 2), 1 + Math.floor(rng.exp(6)));
    // An unread tail is theirs: had we written after it, we would have read it.
    for (let k = size - unread; k < size; k++) d[k] = 0;
    times.push(t);
    dirs.push(d);
    plans.push({ index: c, size, readUpTo: size - 1 - unread, unread, pinned: pinned.has(c), outShare });
  }
  // Arrival order: every message of every conversation by time (ties by conversation).
  const conv = new Uint16Array(N);
  const local = new Uint32Array(N);
  const raw = new Float64Array(N);
  let n = 0;
  for (let c = 0; c < C; c++) {
    const t = times[c] as Float64Array;
    for (let k = 0; k < t.length; k++, n++) {
      conv[n] = c;
      local[n] = k;
      raw[n] = t[k] as number;
    }
  }
  const order = new Uint32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  order.sort((a, b) => (raw[a] as number) - (raw[b] as number) || (conv[a] as number) - (conv[b] as number) || (local[a] as number) - (local[b] as number));
  const plan: HistoryPlan = {
    conversations: plans,
    conv: new Uint16Array(N),
    sentAt: new Float64Array(N),
    outgoing: new Uint8Array(N),
    local: new Uint32Array(N),
    lastReadAt: new Array<number>(C).fill(0),
  };
  // Unique, even, increasing times: (sender, sent_at) is a message's identity, and our own messages in
  // every conversation share one sender.
  let prev = -Infinity;
  for (let i = 0; i < N; i++) {
    const j = order[i] as number;
    let t = Math.floor(raw[j] as number);
    t -= t % 2;
    if (t <= prev) t = prev + 2;
    prev = t;
    const c = conv[j] as number;
    const k = local[j] as number;
    plan.conv[i] = c;
    plan.local[i] = k;
    plan.sentAt[i] = t;
    plan.outgoing[i] = (dirs[c] as Uint8Array)[k] as number;
    if (k === (plans[c] as ConversationPlan).readUpTo) plan.lastReadAt[c] = t;
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------------
// Names

const FIRST = [
  'Alex', 'Maya', 'Jonas', 'Priya', 'Liam', 'Sofia', 'Noah', 'Amara', 'Ethan', 'Yuki', 'Lucas', 'Chloe', 'Omar', 'Ines',
  'Mateo', 'Hana', 'Leo', 'Zara', 'Felix', 'Nora', 'Kai', 'Elena', 'Sam', 'Aisha', 'Ben', 'Lena', 'Ravi', 'Mila',
  'Tom', 'Freya', 'Diego', 'Ada', 'Hugo', 'Iris', 'Max', 'Nia', 'Oscar', 'Ruth', 'Theo', 'Vera',
];
const LAST = [
  'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Haddad', 'Kowalski', 'Silva', 'Brennan', 'Ito', 'Fischer', 'Mensah',
  'Rossi', 'Dubois', 'Nguyen', 'Petrov', 'Garcia', 'Khan', 'Berg', 'Walsh', 'Costa', 'Yilmaz', 'Park', 'Adeyemi',
];

/** A contact's display name (some people set only a first name, a few only a handle). */
export function contactName(rng: Rng): string {
  const r = rng.next();
  if (r < 0.6) return `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  if (r < 0.9) return rng.pick(FIRST);
  return `${rng.pick(FIRST).toLowerCase()}${rng.int(100)}`;
}

// ---------------------------------------------------------------------------------------------------
// Text

/** The most frequent chat words, most frequent first: they take the top Zipf ranks. */
const COMMON = (
  'i you the to a it and is that in of me my for on be have so not we what just do but this are was with at can no ' +
  'yes ok like get know will all if up about out there how your good one now think time see go too lol when then ' +
  'really going back well they would here want did some yeah thanks today got come from night still need more right ' +
  'make sure maybe tomorrow work home later why love sorry nice great also were been much any way let had said tell ' +
  'day week call soon sounds cool haha okay fine guess people thing again find new pretty'
).split(' ');
/** Vocabulary size: common words, then made-up words (so rare words exist and are unambiguous). */
const VOCABULARY = 30_000;
/** Word frequency: rank k ∝ 1/k^s. */
const WORD_ZIPF_S = 1.0;
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'ch', 'dr', 'fl', 'gr', 'kl', 'pr', 'sh', 'st', 'tr', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'io'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 'nd', 'st', 'rk', 'x'];
const EMOJI = ['😂', '👍', '❤️', '🙏', '😅', '🎉', '🔥', '😮', '🤔', '😊'];
/** Two-word expressions people repeat: the phrase the search benchmark looks for is one of them. */
const IDIOMS = 24;

export interface Vocabulary {
  words: string[];
  /** Indexes into words: the fixed two-word expressions, most used first. */
  idioms: [number, number][];
}

export function buildVocabulary(seed: number): Vocabulary {
  const rng = new Rng(seed, STREAM.text);
  const words = [...COMMON];
  const seen = new Set(words);
  while (words.length < VOCABULARY) {
    const syllables = 2 + (rng.chance(0.35) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0);
    let w = '';
    for (let s = 0; s < syllables; s++) w += rng.pick(ONSETS) + rng.pick(VOWELS);
    w += rng.pick(CODAS);
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Idioms: made-up words of middling frequency, so a phrase search needs both words, not just one.
  const idioms: [number, number][] = [];
  for (let i = 0; i < IDIOMS; i++) idioms.push([COMMON.length + 200 + rng.int(400), COMMON.length + 200 + rng.int(400)]);
  return { words, idioms };
}

/** Writes message bodies from the vocabulary and counts, per word, how many messages contain it. */
export class TextWriter {
  private readonly zipf = new Zipf(VOCABULARY, WORD_ZIPF_S);
  private readonly idiomZipf = new Zipf(IDIOMS, 1.0);
  /** Messages containing each word (document frequency, as FTS counts hits). */
  readonly docFreq = new Uint32Array(VOCABULARY);
  /** Messages containing each idiom as adjacent words. */
  readonly idiomFreq = new Uint32Array(IDIOMS);
  private readonly lastDoc = new Int32Array(VOCABULARY).fill(-1);
  private doc = 0;

  constructor(
    private readonly vocab: Vocabulary,
    private readonly rng: Rng,
  ) {}

  private word(k: number): string {
    if (this.lastDoc[k] !== this.doc) {
      this.lastDoc[k] = this.doc;
      (this.docFreq as Uint32Array)[k]! += 1;
    }
    return this.vocab.words[k] as string;
  }

  private sentence(len: number, capital: boolean): string {
    const parts: string[] = [];
    for (let i = 0; i < len; i++) parts.push(this.word(this.zipf.sample(this.rng)));
    if (this.rng.chance(0.04)) {
      const i = this.idiomZipf.sample(this.rng);
      const [a, b] = this.vocab.idioms[i] as [number, number];
      parts.splice(this.rng.int(parts.length + 1), 0, this.word(a), this.word(b));
      (this.idiomFreq as Uint32Array)[i]! += 1;
    }
    let s = parts.join(' ');
    if (capital) s = s.charAt(0).toUpperCase() + s.slice(1);
    return s;
  }

  /** One message body: mostly short lines, some medium, a few long paragraphs. Empty is allowed (`allowEmpty`). */
  body(allowEmpty = false): string {
    this.doc++;
    const r = this.rng.next();
    if (allowEmpty && r < 0.6) return '';
    if (r < 0.7) {
      // A chat line: 1–10 words, lower case, maybe an emoji or a question mark.
      const s = this.sentence(1 + Math.min(9, Math.floor(this.rng.exp(3))), this.rng.chance(0.3));
      const end = this.rng.next();
      return end < 0.12 ? `${s}?` : end < 0.2 ? `${s} ${this.rng.pick(EMOJI)}` : end < 0.25 ? `${s}!` : s;
    }
    // Medium (2–3 sentences) or, 1 in 6, a long paragraph of many sentences.
    const sentences = r < 0.95 ? 1 + this.rng.int(3) : 4 + this.rng.int(12);
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const s = this.sentence(4 + Math.floor(this.rng.exp(8)), true);
      out.push(s + (this.rng.chance(0.15) ? '?' : '.'));
    }
    return out.join(' ');
  }
}

/** The bench's query words, chosen from what was written (see GeneratedProfile.searchTerms). */
export function chooseSearchTerms(vocab: Vocabulary, text: TextWriter, messages: number): { rare: string; common: string; prefix: string; phrase: string } {
  const words = vocab.words;
  const freq = text.docFreq;
  // Rare: a made-up word in about 20 messages per million (at least 2), the closest one.
  const target = Math.max(2, Math.round(messages / 50_000));
  let rare = -1;
  for (let k = COMMON.length; k < words.length; k++) {
    const f = freq[k] as number;
    if (f < 2) continue;
    if (rare < 0 || Math.abs(f - target) < Math.abs((freq[rare] as number) - target)) rare = k;
  }
  // Common: the word (of 3+ letters) in the most messages.
  let common = 0;
  for (let k = 0; k < words.length; k++) {
    if ((words[k] as string).length >= 3 && (freq[k] as number) > (freq[common] as number)) common = k;
  }
  // Prefix: the first three letters of a frequent made-up word (which many other words share too).
  const prefix = (words[COMMON.length + 20] as string).slice(0, 3);
  // Phrase: the most used two-word expression.
  let idiom = 0;
  for (let i = 1; i < IDIOMS; i++) if ((text.idiomFreq[i] as number) > (text.idiomFreq[idiom] as number)) idiom = i;
  const [a, b] = vocab.idioms[idiom] as [number, number];
  return { rare: words[rare < 0 ? COMMON.length : rare] as string, common: words[common] as string, prefix, phrase: `${words[a]} ${words[b]}` };
}
