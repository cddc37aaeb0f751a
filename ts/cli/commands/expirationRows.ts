// The JSON shapes of disappearing-message state on conversation and message rows (spec/cli.md "Rich messages").
import type { ConversationSummary, MessageView } from '../../ipc/contract';

const TYPE_NAMES = { 'after-send': 'send', 'after-read': 'read' } as const;

/** A conversation's setting as rows print it: `{"type":"off"|"send"|"read","seconds"}`. */
export function conversationExpiration(c: Pick<ConversationSummary, 'expiration'>): { type: 'off' | 'send' | 'read'; seconds: number } {
  return c.expiration ? { type: TYPE_NAMES[c.expiration.type], seconds: c.expiration.seconds } : { type: 'off', seconds: 0 };
}

/**
 * A message's own expiry and mode as rows print them: `"expiresAt"` (ms) once its timer runs and `"expiration"`
 * for a disappearing message; both left out otherwise ("absent means none", as for the other row fields).
 */
export function messageExpiration(m: Pick<MessageView, 'expiresAt' | 'expiration'>): {
  expiresAt?: number;
  expiration?: { type: 'send' | 'read'; seconds: number };
} {
  return {
    ...(m.expiresAt !== undefined ? { expiresAt: m.expiresAt } : {}),
    ...(m.expiration ? { expiration: { type: TYPE_NAMES[m.expiration.type], seconds: m.expiration.seconds } } : {}),
  };
}
