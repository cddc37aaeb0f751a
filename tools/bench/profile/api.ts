// The large-profile generator's interface (issue: scale). A seeded generator writes a real encrypted
// profile — the same data directory the app, the web host (`npm run web -- --data-dir DIR`) and the
// CLI open — with a realistic history, and caches it so later bench runs reuse it.

export interface ProfileSpec {
  /** Messages in total (1,000,000 for the full bench; small for --quick and tests). */
  messages: number;
  /** Conversations they are spread over (1,000 for the full bench). */
  conversations: number;
  /** Seed of the pseudo-random generator: the same spec and seed give the same profile. */
  seed: number;
}

export interface GeneratedProfile {
  /** The data directory (key file, encrypted database, attachments folder): pass it to --data-dir. */
  dataDir: string;
  /** The account's Session ID. */
  sessionId: string;
  /** The conversations' Session IDs, busiest first. */
  conversationIds: string[];
  /** Messages per conversation, in the order of conversationIds. */
  messagesPerConversation: number[];
  /** Words the bench's search queries use, chosen from the generated text: a rare word, a common word, a prefix and a two-word phrase. */
  searchTerms: { rare: string; common: string; prefix: string; phrase: string };
  /** Whether this call wrote it (false: an existing cached profile was reused). */
  generated: boolean;
  /** Wall time of the generation (0 when reused). */
  generateMs: number;
}

/** The spec of the full bench profile. */
export const FULL_PROFILE: ProfileSpec = { messages: 1_000_000, conversations: 1_000, seed: 1 };
/** The spec of --quick runs (CI smoke) and tests. */
export const QUICK_PROFILE: ProfileSpec = { messages: 20_000, conversations: 50, seed: 1 };
