// The Content of each conversation-feature message (spec messaging §6.2-6.4, 6.8-6.10, 6.12, 6.15): pure
// builders, so every sender (engine, CLI, tests) writes the same fields. Timestamps are parameters.
import { ProtocolError } from '../primitives/errors';
import { SignalService, type ContentProps, type DataMessageProps } from '../proto/codec';

/** TTL of a typing indicator (spec messaging §6.9). */
export const TYPING_TTL_MS = 20_000;

/** A disappearing-message mode as a sender writes it; undefined or timer 0: off. */
export interface ExpirationSetting {
  type: 'after-send' | 'after-read';
  /** Seconds. */
  timer: number;
}

/**
 * The expiration fields of an expirable Content (spec messaging §6.12): off is written as UNKNOWN with timer 0
 * (both fields present, as the official desktop writes them).
 */
export function expirationFields(e: ExpirationSetting | undefined): Pick<ContentProps, 'expirationType' | 'expirationTimer'> {
  if (!e || e.timer <= 0) return { expirationType: SignalService.Content.ExpirationType.UNKNOWN, expirationTimer: 0 };
  return {
    expirationType:
      e.type === 'after-send' ? SignalService.Content.ExpirationType.DELETE_AFTER_SEND : SignalService.Content.ExpirationType.DELETE_AFTER_READ,
    expirationTimer: e.timer,
  };
}

/** `DataMessage.quote` of a reply (spec messaging §6.2): only the quoted message's timestamp and author. */
export function quoteField(q: { timestamp: number; author: string }): Pick<DataMessageProps, 'quote'> {
  return { quote: { id: q.timestamp, author: q.author } };
}

/**
 * A reaction (spec messaging §6.4): a VisibleMessage without body carrying `reaction`, with the sender's profile
 * part (as every visible message) and the conversation's expiration fields.
 */
export function reactionContent(a: {
  target: { timestamp: number; author: string };
  emoji: string;
  action: 'react' | 'remove';
  profile?: Pick<DataMessageProps, 'profile' | 'profileKey'>;
  expiration?: ExpirationSetting;
}): ContentProps {
  if (a.emoji === '') throw new ProtocolError('invalid_argument', 'A reaction needs an emoji.');
  return {
    dataMessage: {
      reaction: {
        id: a.target.timestamp,
        author: a.target.author,
        emoji: a.emoji,
        action: a.action === 'react' ? SignalService.DataMessage.Reaction.Action.REACT : SignalService.DataMessage.Reaction.Action.REMOVE,
      },
      ...(a.profile ?? {}),
    },
    ...expirationFields(a.expiration),
  };
}

/** A read receipt for the sent timestamps of the messages just read (spec messaging §6.8); never disappears. */
export function readReceiptContent(timestamps: readonly number[]): ContentProps {
  if (timestamps.length === 0) throw new ProtocolError('invalid_argument', 'A read receipt lists at least one timestamp.');
  return { receiptMessage: { type: SignalService.ReceiptMessage.Type.READ, timestamp: [...timestamps] } };
}

/** A typing indicator (spec messaging §6.9): its timestamp is the envelope's. */
export function typingContent(timestampMs: number, action: 'started' | 'stopped'): ContentProps {
  return {
    typingMessage: {
      timestamp: timestampMs,
      action: action === 'started' ? SignalService.TypingMessage.Action.STARTED : SignalService.TypingMessage.Action.STOPPED,
    },
  };
}

/** An unsend request for one of our messages (spec messaging §6.10); never disappears. */
export function unsendContent(target: { timestamp: number; author: string }): ContentProps {
  return { unsendRequest: { timestamp: target.timestamp, author: target.author } };
}

/** A change of the conversation's disappearing setting (spec messaging §6.12): flags only, no body, no profile. */
export function expirationTimerUpdateContent(e: ExpirationSetting | undefined): ContentProps {
  return {
    dataMessage: { flags: SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE },
    ...expirationFields(e),
  };
}

/**
 * A data-extraction notification (spec messaging §6.15): media saved from the message sent at `timestampMs`.
 * After-send timers are coerced to after-read.
 */
export function mediaSavedContent(timestampMs: number, expiration?: ExpirationSetting): ContentProps {
  const e = expiration ? { type: 'after-read' as const, timer: expiration.timer } : undefined;
  return {
    dataExtractionNotification: { type: SignalService.DataExtractionNotification.Type.MEDIA_SAVED, timestamp: timestampMs },
    ...expirationFields(e),
  };
}
