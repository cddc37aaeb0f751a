// Who plays audio in a conversation: one player at a time (starting one pauses the others), and the
// "Autoplay Audio Messages" setting (spec/ui.md §4.3, §6.5): when a message's audio ends, the next
// message's audio plays if that message directly follows and comes from the same sender. The timeline
// owns one controller and gives it to its players through a context; a player outside the timeline
// (Message Info) has none and plays on its own.
import { createContext } from 'react';
import type { MessageView } from '../../../../ipc/contract';
import { attachmentKey, attachmentKind } from './mediaRules';

export interface PlayerHandle {
  play(): void;
  pause(): void;
}

/** The key of the audio to play after `key` ends, if any (pure: the rule of consecutive audio). */
export function nextAudioKey(messages: readonly MessageView[], key: string): string | undefined {
  const at = messages.findIndex((m) =>
    (m.attachments ?? []).some((a) => attachmentKey(m.id, a.index) === key),
  );
  if (at < 0) return undefined;
  const current = messages[at]!;
  const currentAudio = (current.attachments ?? []).filter((a) => attachmentKind(a) === 'audio');
  const pos = currentAudio.findIndex((a) => attachmentKey(current.id, a.index) === key);
  // A later audio attachment of the same message first, then the next message's first one.
  const laterInSame = currentAudio[pos + 1];
  if (laterInSame) return attachmentKey(current.id, laterInSame.index);
  const next = messages[at + 1];
  if (!next || next.sender !== current.sender) return undefined;
  const audio = (next.attachments ?? []).find(
    (a) => attachmentKind(a) === 'audio' && a.state === 'downloaded',
  );
  return audio ? attachmentKey(next.id, audio.index) : undefined;
}

export class AudioPlayback {
  private readonly players = new Map<string, PlayerHandle>();
  /** An autoplay that waits for its player to be drawn (the row was not mounted yet). */
  private waiting: string | undefined;

  constructor(
    private readonly messages: () => readonly MessageView[],
    private readonly autoplay: () => boolean,
  ) {}

  register(key: string, handle: PlayerHandle): () => void {
    this.players.set(key, handle);
    if (this.waiting === key) {
      this.waiting = undefined;
      handle.play();
    }
    return () => {
      if (this.players.get(key) === handle) this.players.delete(key);
    };
  }

  /** A player started: every other one pauses. */
  started(key: string): void {
    for (const [k, p] of this.players) if (k !== key) p.pause();
    if (this.waiting !== key) this.waiting = undefined;
  }

  /** A player reached its end: the next consecutive audio plays when the setting is on. */
  ended(key: string): void {
    if (!this.autoplay()) return;
    const next = nextAudioKey(this.messages(), key);
    if (!next) return;
    const player = this.players.get(next);
    if (player) player.play();
    else this.waiting = next;
  }
}

export const AudioPlaybackContext = createContext<AudioPlayback | null>(null);
