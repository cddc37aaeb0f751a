// The conversation-feature Contents (spec messaging §3.2, §6.2-6.4, 6.8-6.10, 6.12, 6.15) against bytes
// assembled by hand from the field numbers and wire types of the spec's schema, not from the encoder: a tag byte
// is (field number << 3) | wire type, wire type 0 = varint, 2 = length-delimited. Then the other direction:
// the same bytes read back and interpreted as the receiver does.
//
// Tags used (field, wire type):
//   Content:     0a dataMessage (1, len)   2a receiptMessage (5, len)   32 typingMessage (6, len)
//                42 dataExtractionNotification (8, len)   4a unsendRequest (9, len)
//                60 expirationType (12, varint)   68 expirationTimer (13, varint)
//   DataMessage: 0a body (1, len)   20 flags (4, varint)   42 quote (8, len)   5a reaction (11, len)
//                aa 06 profile (101, len: 101 << 3 | 2 = 810, a two-byte varint)
//   Quote, UnsendRequest: 08 id/timestamp (1, varint)   12 author (2, len)
//   Reaction:    08 id (1, varint)   12 author (2, len)   1a emoji (3, len)   20 action (4, varint)
//   ReceiptMessage: 08 type (1, varint)   10 timestamp (2, varint, repeated unpacked) or 12 (2, len) packed
//   TypingMessage: 08 timestamp (1, varint)   10 action (2, varint)
//   DataExtractionNotification: 08 type (1, varint)   10 timestamp (2, varint)
import {
  expirationFields,
  expirationTimerUpdateContent,
  mediaSavedContent,
  quoteField,
  reactionContent,
  readReceiptContent,
  typingContent,
  unsendContent,
} from '../../../ts/protocol/message/rich';
import { SignalService, decodeContent, encodeContent, type Content } from '../../../ts/protocol/proto/codec';
import { expirationOf } from '../../../ts/backend/services/receiver';
import { identityFromRecoverySeed, loadProtocol, type Identity } from '../../../ts/protocol';
import { itemOf, openHarness, type Harness } from '../backend/receiver/harness';

/** Hex with spaces and line breaks allowed, for readability. */
const hex = (...parts: string[]): string => parts.join('').replace(/\s+/g, '');
const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// T = 1_700_000_000_000 ms = 0x18b_cfe5_6800. Varint: 7-bit groups from the low end, continuation bit set on all
// but the last: 0x00|0x80, 0x50|0x80, 0x15|0x80, 0x7f|0x80, 0x3c|0x80, 0x31 -> 80 d0 95 ff bc 31 (6 bytes).
const T = 1_700_000_000_000;
const T_VARINT = '80d095ffbc31';
// T + 1 only changes the lowest group: 81 d0 95 ff bc 31.
const T1_VARINT = '81d095ffbc31';
// The quoted / reacted / unsent message's author: "05" + "ab" x 32, 66 ASCII characters (length 0x42).
const AUTHOR = `05${'ab'.repeat(32)}`;
const AUTHOR_UTF8 = `3035${'6162'.repeat(32)}`;
// 86400 s = 0x15180: groups 0x00, 0x23, 0x05 -> 80 a3 05.  43200 s = 0xa8c0: groups 0x40, 0x51, 0x02 -> c0 d1 02.
const DAY_VARINT = '80a305';
const HALF_DAY_VARINT = 'c0d102';

/** Content.expirationType (12, varint: tag 0x60) and Content.expirationTimer (13, varint: tag 0x68). */
const EXP_OFF = '6000 6800';
const EXP_AFTER_SEND_DAY = `6002 68${DAY_VARINT}`;
const EXP_AFTER_READ_HALF_DAY = `6001 68${HALF_DAY_VARINT}`;

const decoded = (h: string): Content => {
  const r = decodeContent(bytes(hex(h)));
  if (!r.ok) throw new Error(`undecodable: ${r.error.message}`);
  return r.value;
};
/** A uint64 as a number, whether protobufjs gives a number or a Long. */
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(String(v)));

describe('reaction (spec messaging §6.4)', () => {
  // Reaction: 08 id(varint) | 12 author(len) | 1a emoji(len) | 20 action(varint)
  // = 1+6 + 2+66 + 2+4 + 2 = 83 = 0x53 bytes.
  const reaction = (action: '00' | '01'): string => hex('08', T_VARINT, '12 42', AUTHOR_UTF8, '1a 04 f09f918d', '20', action);
  // LokiProfile { 0a displayName "Alice" }: 0a 05 416c696365 = 7 bytes.
  const PROFILE = 'aa06 07 0a05 416c696365'; // DataMessage.profile is field 101, len: (101<<3)|2 = 810 -> varint aa 06
  // DataMessage: 5a (field 11 reaction, len) 53 + 83 bytes, then the profile (10 bytes) = 95 = 0x5f.
  const REACT_HEX = hex('0a 5f', '5a 53', reaction('00'), PROFILE, EXP_AFTER_SEND_DAY);
  // REMOVE (action 1), no profile, conversation off: DataMessage = 2 + 83 = 85 = 0x55.
  const REMOVE_HEX = hex('0a 55', '5a 53', reaction('01'), EXP_OFF);

  it('REACT: the target, the emoji, action 0, the profile and the expiration fields', () => {
    const c = reactionContent({
      target: { timestamp: T, author: AUTHOR },
      emoji: '👍',
      action: 'react',
      profile: { profile: { displayName: 'Alice' } },
      expiration: { type: 'after-send', timer: 86_400 },
    });
    expect(toHex(encodeContent(c))).toBe(REACT_HEX);
  });

  it('REMOVE: action 1, and "off" written as UNKNOWN with timer 0', () => {
    const c = reactionContent({ target: { timestamp: T, author: AUTHOR }, emoji: '👍', action: 'remove' });
    expect(toHex(encodeContent(c))).toBe(REMOVE_HEX);
  });

  it('refuses a reaction without an emoji (receivers drop those)', () => {
    expect(() => reactionContent({ target: { timestamp: T, author: AUTHOR }, emoji: '', action: 'react' })).toThrow(/emoji/);
  });

  it('reads back as the receiver sees it: target, emoji, action, and the after-send day', () => {
    const c = decoded(REACT_HEX);
    const r = c.dataMessage?.reaction;
    expect(num(r?.id)).toBe(T);
    expect(r?.author).toBe(AUTHOR);
    expect(r?.emoji).toBe('👍');
    expect(r?.action).toBe(SignalService.DataMessage.Reaction.Action.REACT);
    expect(c.dataMessage?.profile?.displayName).toBe('Alice');
    expect(expirationOf(c)).toEqual({ type: 'after-send', timer: 86_400 });
    expect(decoded(REMOVE_HEX).dataMessage?.reaction?.action).toBe(SignalService.DataMessage.Reaction.Action.REMOVE);
    expect(expirationOf(decoded(REMOVE_HEX))).toBeUndefined();
  });
});

describe('quote (spec messaging §6.2)', () => {
  // Quote: 08 id | 12 author = 7 + 68 = 75 = 0x4b; DataMessage: 0a 02 "hi" | 42 (field 8, len) 4b + 75 = 81 = 0x51.
  const QUOTE_HEX = hex('0a 51', '0a 02 6869', '42 4b', '08', T_VARINT, '12 42', AUTHOR_UTF8);

  it('writes only the quoted message timestamp and author into DataMessage.quote', () => {
    expect(toHex(encodeContent({ dataMessage: { body: 'hi', ...quoteField({ timestamp: T, author: AUTHOR }) } }))).toBe(QUOTE_HEX);
  });

  it('reads back the quoted id and author', () => {
    const q = decoded(QUOTE_HEX).dataMessage?.quote;
    expect(num(q?.id)).toBe(T);
    expect(q?.author).toBe(AUTHOR);
  });
});

describe('read receipt (spec messaging §6.8)', () => {
  // ReceiptMessage: 08 01 (type READ) | 10 T | 10 T+1: proto2 repeated scalars are unpacked, one tag each.
  // = 2 + 7 + 7 = 16 = 0x10; Content.receiptMessage is field 5, len: 2a. No expiration fields: receipts never disappear.
  const RECEIPT_HEX = hex('2a 10', '08 01', '10', T_VARINT, '10', T1_VARINT);

  it('lists each read message timestamp, type READ, no expiration fields', () => {
    expect(toHex(encodeContent(readReceiptContent([T, T + 1])))).toBe(RECEIPT_HEX);
  });

  it('refuses an empty receipt', () => {
    expect(() => readReceiptContent([])).toThrow(/at least one/);
  });

  it('reads back both timestamps, also from the packed form another encoder may write', () => {
    const c = decoded(RECEIPT_HEX);
    expect(c.receiptMessage?.type).toBe(SignalService.ReceiptMessage.Type.READ);
    expect(c.receiptMessage?.timestamp?.map(num)).toEqual([T, T + 1]);
    expect(expirationOf(c)).toBeUndefined();
    // Packed: 12 (field 2, len) 0c + the two varints (12 bytes); ReceiptMessage = 2 + 14 = 16.
    const packed = decoded(hex('2a 10', '08 01', '12 0c', T_VARINT, T1_VARINT));
    expect(packed.receiptMessage?.timestamp?.map(num)).toEqual([T, T + 1]);
  });
});

describe('typing indicator (spec messaging §6.9)', () => {
  // TypingMessage: 08 T | 10 action = 7 + 2 = 9; Content.typingMessage is field 6, len: 32.
  const STARTED_HEX = hex('32 09', '08', T_VARINT, '10 00');
  const STOPPED_HEX = hex('32 09', '08', T_VARINT, '10 01');

  it('STARTED is action 0, STOPPED action 1, with the envelope timestamp and no expiration fields', () => {
    expect(toHex(encodeContent(typingContent(T, 'started')))).toBe(STARTED_HEX);
    expect(toHex(encodeContent(typingContent(T, 'stopped')))).toBe(STOPPED_HEX);
  });

  it('reads back', () => {
    expect(decoded(STARTED_HEX).typingMessage?.action).toBe(SignalService.TypingMessage.Action.STARTED);
    expect(decoded(STOPPED_HEX).typingMessage?.action).toBe(SignalService.TypingMessage.Action.STOPPED);
    expect(num(decoded(STOPPED_HEX).typingMessage?.timestamp)).toBe(T);
  });
});

describe('unsend request (spec messaging §6.10)', () => {
  // UnsendRequest: 08 T | 12 author = 75 = 0x4b; Content.unsendRequest is field 9, len: 4a. Never disappears.
  const UNSEND_HEX = hex('4a 4b', '08', T_VARINT, '12 42', AUTHOR_UTF8);

  it('names the message by its timestamp and author', () => {
    expect(toHex(encodeContent(unsendContent({ timestamp: T, author: AUTHOR })))).toBe(UNSEND_HEX);
  });

  it('reads back', () => {
    const u = decoded(UNSEND_HEX).unsendRequest;
    expect(num(u?.timestamp)).toBe(T);
    expect(u?.author).toBe(AUTHOR);
  });
});

describe('expiration fields (spec messaging §6.12)', () => {
  // A text message: Content.dataMessage (0a) 04 { 0a 02 "hi" } then the two Content fields.
  const TEXT = '0a 04 0a 02 6869';

  it('off: UNKNOWN and timer 0, both written', () => {
    expect(toHex(encodeContent({ dataMessage: { body: 'hi' }, ...expirationFields(undefined) }))).toBe(hex(TEXT, EXP_OFF));
    // A zero timer is off whatever the type.
    expect(toHex(encodeContent({ dataMessage: { body: 'hi' }, ...expirationFields({ type: 'after-send', timer: 0 }) }))).toBe(hex(TEXT, EXP_OFF));
  });

  it('after-send: DELETE_AFTER_SEND (2) and the timer in seconds', () => {
    expect(toHex(encodeContent({ dataMessage: { body: 'hi' }, ...expirationFields({ type: 'after-send', timer: 86_400 }) }))).toBe(hex(TEXT, EXP_AFTER_SEND_DAY));
  });

  it('after-read: DELETE_AFTER_READ (1) and the timer in seconds', () => {
    expect(toHex(encodeContent({ dataMessage: { body: 'hi' }, ...expirationFields({ type: 'after-read', timer: 43_200 }) }))).toBe(hex(TEXT, EXP_AFTER_READ_HALF_DAY));
  });

  it('the receiver reads each mode, and treats UNKNOWN with a timer or a type with timer 0 as off', () => {
    expect(expirationOf(decoded(hex(TEXT, EXP_OFF)))).toBeUndefined();
    expect(expirationOf(decoded(hex(TEXT, EXP_AFTER_SEND_DAY)))).toEqual({ type: 'after-send', timer: 86_400 });
    expect(expirationOf(decoded(hex(TEXT, EXP_AFTER_READ_HALF_DAY)))).toEqual({ type: 'after-read', timer: 43_200 });
    expect(expirationOf(decoded(hex(TEXT, `6000 68${DAY_VARINT}`)))).toBeUndefined();
    expect(expirationOf(decoded(hex(TEXT, '6002 6800')))).toBeUndefined();
    // Fields absent: off.
    expect(expirationOf(decoded(hex(TEXT)))).toBeUndefined();
    // The legacy DataMessage.expireTimer (field 5, varint: tag 28) alone is ignored.
    // DataMessage = 4 + 1 + 3 = 8 bytes.
    expect(expirationOf(decoded(hex('0a 08 0a 02 6869 28', DAY_VARINT)))).toBeUndefined();
  });
});

describe('expiration timer update (spec messaging §6.12)', () => {
  // DataMessage { 20 (field 4 flags, varint) 02 }: no body, no profile.
  it('flags EXPIRATION_TIMER_UPDATE with the new setting', () => {
    expect(toHex(encodeContent(expirationTimerUpdateContent({ type: 'after-send', timer: 86_400 })))).toBe(hex('0a 02 2002', EXP_AFTER_SEND_DAY));
    expect(toHex(encodeContent(expirationTimerUpdateContent({ type: 'after-read', timer: 43_200 })))).toBe(hex('0a 02 2002', EXP_AFTER_READ_HALF_DAY));
  });

  it('turning it off writes UNKNOWN and timer 0', () => {
    expect(toHex(encodeContent(expirationTimerUpdateContent(undefined)))).toBe(hex('0a 02 2002', EXP_OFF));
  });

  it('reads back as a timer update with the new setting', () => {
    const c = decoded(hex('0a 02 2002', EXP_AFTER_SEND_DAY));
    expect(c.dataMessage?.flags).toBe(SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE);
    expect(c.dataMessage?.body ?? '').toBe('');
    expect(expirationOf(c)).toEqual({ type: 'after-send', timer: 86_400 });
  });
});

describe('media saved notification (spec messaging §6.15)', () => {
  // DataExtractionNotification: 08 02 (MEDIA_SAVED) | 10 T = 2 + 7 = 9; Content field 8, len: 42.
  const NOTICE = hex('42 09', '08 02', '10', T_VARINT);

  it('an after-send conversation timer is written as after-read, keeping its length', () => {
    expect(toHex(encodeContent(mediaSavedContent(T, { type: 'after-send', timer: 86_400 })))).toBe(hex(NOTICE, `6001 68${DAY_VARINT}`));
    expect(toHex(encodeContent(mediaSavedContent(T, { type: 'after-read', timer: 43_200 })))).toBe(hex(NOTICE, EXP_AFTER_READ_HALF_DAY));
  });

  it('off writes UNKNOWN and timer 0', () => {
    expect(toHex(encodeContent(mediaSavedContent(T)))).toBe(hex(NOTICE, EXP_OFF));
  });

  it('reads back', () => {
    const c = decoded(hex(NOTICE, `6001 68${DAY_VARINT}`));
    expect(c.dataExtractionNotification?.type).toBe(SignalService.DataExtractionNotification.Type.MEDIA_SAVED);
    expect(num(c.dataExtractionNotification?.timestamp)).toBe(T);
    expect(expirationOf(c)).toEqual({ type: 'after-read', timer: 86_400 });
  });
});

describe('the receive pipeline on the hand-made bytes', () => {
  // Each Content above, decoded from its hex, sealed to us and run through the real receiver (SQLite, libsodium):
  // what becomes a timeline message, and what the message rules refuse.
  let me: Identity;
  let peer: Identity;
  let h: Harness;
  const NOW = T + 60_000;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xe1));
    peer = identityFromRecoverySeed(new Uint8Array(16).fill(0xe2));
  });
  beforeEach(() => {
    h = openHarness(me, NOW);
  });
  afterEach(() => h.close());

  /** The Content of `h` with every author field (66 characters, "05ab…") replaced by `author`. */
  const withAuthor = (contentHex: string, author: string): Content => decoded(hex(contentHex).replace(AUTHOR_UTF8, Buffer.from(author).toString('hex')));
  const receive = (content: Content, t: number) => h.receiver.process([itemOf(peer, me.sessionId, content, t)], []);

  it('a reply and an after-send message are stored as messages with their text and timer', async () => {
    const reply = await receive(withAuthor(hex('0a 51', '0a 02 6869', '42 4b', '08', T_VARINT, '12 42', AUTHOR_UTF8), me.sessionId), T + 10);
    expect(reply.added.map((m) => m.text)).toEqual(['hi']);
    const timed = await receive(decoded(hex(`0a 04 0a 02 6869`, EXP_AFTER_SEND_DAY)), T + 20);
    // An after-send timer runs from the sent time.
    expect(timed.added[0]?.expiresAt).toBe(T + 20 + 86_400_000);
    expect(h.messages.list(peer.sessionId, undefined, 10).find((m) => m.id === timed.added[0]?.id)?.expiration).toEqual({ type: 'after-send', seconds: 86_400 });
  });

  it('reactions, receipts and typing indicators never become timeline messages', async () => {
    const reaction = await receive(withAuthor(hex('0a 55', '5a 53', '08', T_VARINT, '12 42', AUTHOR_UTF8, '1a 04 f09f918d', '20 00', EXP_OFF), me.sessionId), T + 30);
    const receipt = await receive(decoded(hex('2a 10', '08 01', '10', T_VARINT, '10', T1_VARINT)), T + 40);
    // A typing indicator's timestamp must equal the envelope's: T here.
    const typing = await receive(decoded(hex('32 09', '08', T_VARINT, '10 00')), T);
    for (const out of [reaction, receipt, typing]) expect(out).toMatchObject({ added: [], dropped: 0 });
    expect(h.messages.list(peer.sessionId, undefined, 10)).toEqual([]);
  });

  it('an unsend request is honoured only from the message author', async () => {
    const original = await receive(decoded(hex('0a 04 0a 02 6869')), T);
    expect(original.added).toHaveLength(1);
    // Naming someone else (us) as the author: refused by the message rules.
    const forged = await receive(withAuthor(hex('4a 4b', '08', T_VARINT, '12 42', AUTHOR_UTF8), me.sessionId), T + 50);
    expect(forged).toMatchObject({ dropped: 1, removed: [] });
    expect(h.messages.list(peer.sessionId, undefined, 10)).toHaveLength(1);
    // The author's own request (its author field is the sender's ID) removes it.
    const genuine = await receive(withAuthor(hex('4a 4b', '08', T_VARINT, '12 42', AUTHOR_UTF8), peer.sessionId), T + 60);
    expect(genuine.dropped).toBe(0);
    expect(h.messages.list(peer.sessionId, undefined, 10).filter((m) => m.text === 'hi')).toEqual([]);
  });
});
