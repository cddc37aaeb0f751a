// The rules of disappearing messages (spec messaging §6.12-6.13) as pure functions: which settings a
// conversation keeps (off for a zero timer, after-read coerced to after-send in Note to Self), the timer
// values we set, when a sent message's timer starts, and each outbox row's store TTL.
import type { MessageView } from '../../../../ts/ipc/contract';
import type { OutboxRow } from '../../../../ts/backend/db/messageStore';
import { isOfferedTimer, messageExpirationFields, normalizeSetting, outgoingTimerStart, sameSetting } from '../../../../ts/backend/services/disappearing';
import { CONTENT_TTL_MS, ttlOf } from '../../../../ts/backend/services/outbox';

const ME = `05${'aa'.repeat(32)}`;
const PEER = `05${'bb'.repeat(32)}`;
const T = 1_800_000_000_000;

const message = (over: Partial<MessageView>): MessageView => ({
  id: 'm1',
  conversationId: PEER,
  sender: ME,
  direction: 'outgoing',
  text: 'x',
  timestamp: T,
  receivedAt: T,
  status: 'sending',
  ...over,
});
const row = (kind: 'message' | 'sync', destination: string): OutboxRow => ({ id: 1, kind, messageId: 'm1', destination, attempts: 0, nextAttemptAt: 0 });

describe('disappearing-message rules', () => {
  it('keeps off for off or a zero timer, and coerces after-read to after-send in Note to Self only', () => {
    expect(normalizeSetting('private', 'off', 0)).toBeUndefined();
    expect(normalizeSetting('private', 'after-send', 0)).toBeUndefined();
    expect(normalizeSetting('private', 'after-read', 300)).toEqual({ type: 'after-read', seconds: 300 });
    expect(normalizeSetting('note-to-self', 'after-read', 300)).toEqual({ type: 'after-send', seconds: 300 });
    expect(normalizeSetting('note-to-self', 'after-send', 86400)).toEqual({ type: 'after-send', seconds: 86400 });
  });

  it('sets only the official timer values', () => {
    for (const s of [5, 10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600]) expect(isOfferedTimer(s)).toBe(true);
    for (const s of [0, 1, 7, 90, 3599, 86401, 2419200, -60, 1.5]) expect(isOfferedTimer(s)).toBe(false);
  });

  it('compares settings, off included', () => {
    expect(sameSetting(undefined, undefined)).toBe(true);
    expect(sameSetting({ type: 'after-send', seconds: 60 }, { type: 'after-send', seconds: 60 })).toBe(true);
    expect(sameSetting({ type: 'after-send', seconds: 60 }, { type: 'after-read', seconds: 60 })).toBe(false);
    expect(sameSetting({ type: 'after-send', seconds: 60 }, undefined)).toBe(false);
    expect(messageExpirationFields(undefined)).toEqual({});
    expect(messageExpirationFields({ type: 'after-read', seconds: 300 })).toEqual({ expirationType: 'after-read', expirationTimer: 300 });
  });

  it('starts a sent after-send timer at the store time (else the sent time) and an after-read one at once', () => {
    const das = message({ expiration: { type: 'after-send', seconds: 60 } });
    expect(outgoingTimerStart(das, T + 250, T + 900)).toBe(T + 250);
    expect(outgoingTimerStart(das, undefined, T + 900)).toBe(T);
    expect(outgoingTimerStart(message({ expiration: { type: 'after-read', seconds: 60 } }), T + 250, T + 900)).toBe(T + 900);
    expect(outgoingTimerStart(message({}), T + 250, T + 900)).toBeUndefined();
  });

  it('gives each copy its store TTL: after-send = timer, after-read = 14 days to the peer and timer for our sync copy', () => {
    const das = message({ expiration: { type: 'after-send', seconds: 86400 } });
    const dar = message({ expiration: { type: 'after-read', seconds: 300 } });
    expect(ttlOf(row('message', PEER), das)).toBe(86_400_000);
    expect(ttlOf(row('sync', ME), das)).toBe(86_400_000);
    expect(ttlOf(row('message', PEER), dar)).toBe(CONTENT_TTL_MS);
    expect(ttlOf(row('sync', ME), dar)).toBe(300_000);
    expect(ttlOf(row('message', PEER), message({}))).toBe(CONTENT_TTL_MS);
    // A timer change carries the new setting: its TTL follows it (the storage minimum is 10 s).
    const change = message({ text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 5 }, expiration: { type: 'after-send', seconds: 5 } });
    expect(ttlOf(row('message', PEER), change)).toBe(10_000);
    const turnedOff = message({ text: '', control: { type: 'expiration-timer', mode: 'off', seconds: 0 } });
    expect(ttlOf(row('message', PEER), turnedOff)).toBe(CONTENT_TTL_MS);
  });
});
