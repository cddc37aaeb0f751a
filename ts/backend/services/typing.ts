// Typing indicators (spec messaging §6.9), both ways, each behind our `typingIndicators` setting.
// Sending: STARTED at the first input, again every 10 s while input keeps coming, STOPPED 10 s after the last
// input or when the composer says it stopped; sending a message only clears the timers (the peer clears its
// indicator when the message arrives). Only to approved private contacts that are not blocked, never note to
// self. They are stored directly (TTL 20 s), never queued or retried: a late indicator means nothing.
// Receiving: `conversations.typing` events, cleared 15 s after the last STARTED, on STOPPED, and when a
// message from that sender arrives.
import { NetworkError } from '../../network';
import { TYPING_TTL_MS, encode1o1Message, typingContent, type Identity } from '../../protocol';
import type { ConversationStore } from '../db/conversationStore';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import type { EngineNetwork } from './engineNetwork';

export interface TypingOptions {
  /** How often STARTED is repeated while input continues (ms); default 10 000. */
  repeatMs?: number;
  /** STOPPED after this long without input (ms); default 10 000. */
  idleStopMs?: number;
  /** An incoming indicator clears this long after its last STARTED (ms); default 15 000. */
  clearAfterMs?: number;
}

export const TYPING_DEFAULTS: Required<TypingOptions> = { repeatMs: 10_000, idleStopMs: 10_000, clearAfterMs: 15_000 };

export interface TypingService {
  /** The user typed (`typing` true) or stopped (false) in a conversation's composer. */
  composing(conversationId: string, typing: boolean): void;
  /** An incoming indicator (the receiver's ReceivedSignals.typing). */
  received(sender: string, started: boolean, valid: boolean): void;
  /** Clears every timer (the profile closes); nothing more is sent or emitted. */
  stop(): void;
}

export interface TypingRuntime {
  networkNow(): number;
  network(): Pick<EngineNetwork, 'storeMessage'> | undefined;
}

export function createTypingService(d: {
  conversations: Pick<ConversationStore, 'contact' | 'get'>;
  events: EventBus;
  /** Our `typingIndicators` setting. */
  enabled: () => boolean;
  identity: () => Identity | undefined;
  runtime: () => TypingRuntime | undefined;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  log: Logger;
  options?: TypingOptions;
}): TypingService {
  const o = { ...TYPING_DEFAULTS, ...d.options };
  /** Our composers: when STARTED last went out, and the idle timer that sends STOPPED. */
  const outgoing = new Map<string, { startedAt: number; idle: NodeJS.Timeout }>();
  /** Peers shown typing, with the timer that clears them. */
  const incoming = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  /** Approved private contacts that are not blocked (spec messaging §6.9, §6.11). */
  const allowed = (id: string, me: string): boolean => {
    if (id === me || !id.startsWith('05')) return false;
    const c = d.conversations.contact(id);
    return c !== undefined && c.isApproved && !c.isBlocked;
  };

  const send = (peer: string, action: 'started' | 'stopped'): void => {
    const identity = d.identity();
    const rt = d.runtime();
    const network = rt?.network();
    if (!identity || !rt || !network) return;
    // The typing message's timestamp is the envelope's (receivers drop any other).
    const t = Math.trunc(rt.networkNow());
    let data: Uint8Array;
    try {
      data = encode1o1Message({ sender: identity, recipient: peer, content: typingContent(t, action), timestampMs: t, random: d.randomBytes }).wrapper;
    } catch (err) {
      d.log.warn('typing: could not build a typing indicator', err);
      return;
    }
    network.storeMessage(peer, 0, data, TYPING_TTL_MS).catch((err: unknown) => {
      // Not retried: by the time a retry lands the indicator is stale.
      const detail = err instanceof NetworkError ? err.kind : err instanceof Error ? err.message : String(err);
      d.log.info(`typing: a typing indicator was not stored (${detail})`);
    });
  };

  const clearOutgoing = (id: string): boolean => {
    const s = outgoing.get(id);
    if (!s) return false;
    clearTimeout(s.idle);
    outgoing.delete(id);
    return true;
  };

  const clearIncoming = (id: string): void => {
    const t = incoming.get(id);
    if (t === undefined) return;
    clearTimeout(t);
    incoming.delete(id);
    if (!stopped) d.events.emit('conversations.typing', { id, typing: false });
  };

  const offAdded = d.events.on('messages.added', (e) => {
    for (const m of e.messages) {
      // Our message went out: the peer clears its indicator when it arrives, so no STOPPED is sent.
      if (m.direction === 'outgoing') clearOutgoing(m.conversationId);
      else if (m.sender === m.conversationId) clearIncoming(m.sender);
    }
  });

  return {
    composing(id, typing) {
      if (stopped) return;
      const identity = d.identity();
      if (!typing) {
        if (clearOutgoing(id)) send(id, 'stopped');
        return;
      }
      if (!identity || !d.enabled() || !allowed(id, identity.sessionId)) {
        clearOutgoing(id);
        return;
      }
      const now = d.now();
      const s = outgoing.get(id);
      if (s) clearTimeout(s.idle);
      const startedAt = !s || now - s.startedAt >= o.repeatMs ? now : s.startedAt;
      if (startedAt === now) send(id, 'started');
      const idle = setTimeout(() => {
        outgoing.delete(id);
        if (!stopped) send(id, 'stopped');
      }, o.idleStopMs);
      idle.unref?.();
      outgoing.set(id, { startedAt, idle });
    },
    received(sender, started, valid) {
      if (stopped || !valid || !d.enabled()) return;
      if (!started) {
        clearIncoming(sender);
        return;
      }
      // Only for a conversation we have (a stranger's indicator has nothing to show in).
      if (!d.conversations.get(sender)) return;
      const before = incoming.get(sender);
      if (before !== undefined) clearTimeout(before);
      const t = setTimeout(() => clearIncoming(sender), o.clearAfterMs);
      t.unref?.();
      incoming.set(sender, t);
      if (before === undefined) d.events.emit('conversations.typing', { id: sender, typing: true });
    },
    stop() {
      stopped = true;
      offAdded();
      for (const s of outgoing.values()) clearTimeout(s.idle);
      outgoing.clear();
      for (const t of incoming.values()) clearTimeout(t);
      incoming.clear();
    },
  };
}
