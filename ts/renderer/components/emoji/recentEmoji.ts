// The six emoji of the reaction bar (spec/ui.md §4.4): the official defaults at first, then the most
// recently used first. Kept per device in the renderer's own storage (localStorage, as the official app
// keeps them in its local settings); what is read back is checked, so a damaged entry means the defaults.
import { useSyncExternalStore } from 'react';

/** The official defaults, in the official order. */
export const DEFAULT_RECENT_EMOJI: readonly string[] = ['😂', '🥰', '😢', '😡', '😮', '😈'];
export const RECENT_EMOJI_COUNT = 6;
export const RECENT_EMOJI_KEY = 'session.recentReactions';

type Listener = () => void;
const listeners = new Set<Listener>();
let cached: readonly string[] | undefined;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // A sandboxed page without storage: the defaults for this session.
    return undefined;
  }
}

function parse(raw: string | null): readonly string[] {
  if (!raw) return DEFAULT_RECENT_EMOJI;
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return DEFAULT_RECENT_EMOJI;
    const list = value.filter((e): e is string => typeof e === 'string' && e.length > 0 && e.length <= 64).slice(0, RECENT_EMOJI_COUNT);
    return list.length === RECENT_EMOJI_COUNT ? list : DEFAULT_RECENT_EMOJI;
  } catch {
    return DEFAULT_RECENT_EMOJI;
  }
}

export function recentEmoji(): readonly string[] {
  return (cached ??= parse(storage()?.getItem(RECENT_EMOJI_KEY) ?? null));
}

/** `emoji` was used for a reaction: it moves to the front, the last one drops off. */
export function noteEmojiUsed(emoji: string): void {
  const current = recentEmoji();
  if (current[0] === emoji) return;
  cached = [emoji, ...current.filter((e) => e !== emoji)].slice(0, RECENT_EMOJI_COUNT);
  try {
    storage()?.setItem(RECENT_EMOJI_KEY, JSON.stringify(cached));
  } catch {
    // Storage full or refused: the list still holds for this session.
  }
  for (const l of listeners) l();
}

/** Forgets the cached list (tests that change storage directly). */
export function resetRecentEmojiCache(): void {
  cached = undefined;
}

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => void listeners.delete(l);
}

export function useRecentEmoji(): readonly string[] {
  return useSyncExternalStore(subscribe, recentEmoji, recentEmoji);
}
