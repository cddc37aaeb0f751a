// The outbox's per-mode TTLs and expiration fields (spec messaging §6.12): after-send lives as long as its timer
// everywhere; after-read lives 14 days on the peer's swarm (its timer starts when they read it) but only its timer
// in our own swarm (we have read it); off lives 14 days. The fields are checked on the encoded bytes.
import type { MessageView } from '../../../../ts/ipc/contract';
import type { OutboxRow } from '../../../../ts/backend/db/messageStore';
import { CONTENT_TTL_MS, ttlOf, withMessageExtras } from '../../../../ts/backend/services/outbox';
import { encodeContent } from '../../../../ts/protocol';

const ME = `05${'11'.repeat(32)}`;
const PEER = `05${'22'.repeat(32)}`;
const T = 1_700_000_000_000;
const DAY_MS = 86_400_000;

const message = (over: Partial<MessageView> = {}): MessageView => ({
  id: 'm1',
  conversationId: PEER,
  sender: ME,
  direction: 'outgoing',
  text: 'hi',
  timestamp: T,
  receivedAt: T,
  status: 'sending',
  ...over,
});
const row = (kind: 'message' | 'sync', destination: string): OutboxRow => ({ id: 1, kind, messageId: 'm1', destination, attempts: 0, nextAttemptAt: T });

describe('ttlOf', () => {
  it('off: 14 days to the peer and in our own swarm', () => {
    expect(CONTENT_TTL_MS).toBe(14 * DAY_MS);
    expect(ttlOf(row('message', PEER), message())).toBe(14 * DAY_MS);
    expect(ttlOf(row('sync', ME), message())).toBe(14 * DAY_MS);
  });

  it('after-send 1 day: 86 400 000 ms everywhere', () => {
    const m = message({ expiration: { type: 'after-send', seconds: 86_400 } });
    expect(ttlOf(row('message', PEER), m)).toBe(86_400_000);
    expect(ttlOf(row('sync', ME), m)).toBe(86_400_000);
  });

  it('after-read 12 h: 14 days for the peer copy, the timer for our sync copy', () => {
    const m = message({ expiration: { type: 'after-read', seconds: 43_200 } });
    expect(ttlOf(row('message', PEER), m)).toBe(14 * DAY_MS);
    expect(ttlOf(row('sync', ME), m)).toBe(43_200_000);
  });

  it('note to self (sent to our own swarm only) keeps the timer', () => {
    const m = message({ conversationId: ME, expiration: { type: 'after-read', seconds: 300 } });
    expect(ttlOf(row('message', ME), m)).toBe(300_000);
  });

  it('never below the storage server minimum of 10 s', () => {
    expect(ttlOf(row('message', PEER), message({ expiration: { type: 'after-send', seconds: 5 } }))).toBe(10_000);
    expect(ttlOf(row('message', PEER), message({ expiration: { type: 'after-send', seconds: 10 } }))).toBe(10_000);
  });

  it('a timer change lives as long as the timer it announces; turning it off, 14 days', () => {
    const on = message({ text: '', control: { type: 'expiration-timer', mode: 'after-send', seconds: 3_600 } });
    expect(ttlOf(row('message', PEER), on)).toBe(3_600_000);
    const off = message({ text: '', control: { type: 'expiration-timer', mode: 'off', seconds: 0 } });
    expect(ttlOf(row('message', PEER), off)).toBe(14 * DAY_MS);
  });

  it('a control row carries its own TTL', () => {
    const control: OutboxRow = { id: 2, kind: 'control', label: 'unsend', sentAt: T, ttlMs: 14 * DAY_MS, destination: PEER, attempts: 0, nextAttemptAt: T, data: new Uint8Array([1]) };
    expect(ttlOf(control, undefined)).toBe(14 * DAY_MS);
  });
});

describe('withMessageExtras', () => {
  // Content { 0a 04 { 0a 02 "hi" } } then expirationType (12: tag 60) and expirationTimer (13: tag 68).
  const TEXT = '0a040a026869';
  const hexOf = (m: MessageView): string => Buffer.from(encodeContent(withMessageExtras({ dataMessage: { body: 'hi' } }, m))).toString('hex');

  it('off: UNKNOWN and timer 0 on every visible message', () => {
    expect(hexOf(message())).toBe(`${TEXT}60006800`);
  });

  it('after-send 1 day: type 2, timer 86400 (varint 80 a3 05)', () => {
    expect(hexOf(message({ expiration: { type: 'after-send', seconds: 86_400 } }))).toBe(`${TEXT}600268${'80a305'}`);
  });

  it('after-read 12 h: type 1, timer 43200 (varint c0 d1 02)', () => {
    expect(hexOf(message({ expiration: { type: 'after-read', seconds: 43_200 } }))).toBe(`${TEXT}600168${'c0d102'}`);
  });

  it('a reply carries DataMessage.quote with only the quoted timestamp and author', () => {
    const quoted = message({ quote: { timestamp: T, author: PEER, text: 'not sent', messageId: 'q1' } });
    // DataMessage { 0a 02 "hi" | 42 (field 8) 4b { 08 T(6) | 12 42 author(66) } } = 4 + 2 + 75 = 81 = 0x51.
    const author = Buffer.from(PEER, 'utf8').toString('hex');
    expect(hexOf(quoted)).toBe(`0a510a026869424b0880d095ffbc311242${author}60006800`);
  });
});
