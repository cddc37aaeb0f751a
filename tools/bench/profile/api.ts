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
  /**
   * The data directory: pass it to --data-dir. The profile is in its mainnet/default folder (key file,
   * encrypted database); treat it as read-only, or work on a `copyProfile` of it.
   */
  dataDir: string;
  /** The account's Session ID. */
  sessionId: string;
  /** The conversations' Session IDs, busiest first (also the order of generate.ts `profileSeeds(spec).contacts`). */
  conversationIds: string[];
  /** Messages per conversation, in the order of conversationIds. */
  messagesPerConversation: number[];
  /**
   * Words the bench's search queries use, chosen from the generated text (lower case, as the full-text
   * index folds them): `rare`, a made-up word in about 20 messages per million (at least 2); `common`, the
   * word of 3+ letters in the most messages (about 30% of them); `prefix`, three letters that start many
   * words (no `*`: the app's search matches every word as a prefix); `phrase`, two words that follow each
   * other in many messages (a repeated expression).
   */
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
