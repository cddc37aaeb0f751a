// The receiver's part of disappearing messages (spec messaging §6.12): a timer update becomes a control
// message (nothing listed as unsupported) and is handed to the conversation's setting; an after-read message
// our other device already read (the synced read position covers it) arrives read, its end the swarm's
// expiry (shortened by the reader) or a timer from now; after-send arrivals end at the swarm's expiry when
// that is sooner than sentAt + timer.
import type { ExpirationView } from '../../../../ts/ipc/contract';
import { SignalService, identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';
import { itemOf, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;
const AFTER_SEND = SignalService.Content.ExpirationType.DELETE_AFTER_SEND;
const AFTER_READ = SignalService.Content.ExpirationType.DELETE_AFTER_READ;
const TIMER_UPDATE = SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE;

describe('receiver: timer updates and expiry sources', () => {
  let me: Identity;
  let peer: Identity;
  let h: Harness;
  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0xe1));
    peer = identityFromRecoverySeed(new Uint8Array(16).fill(0xe2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 1_000);
  });
  afterEach(() => h.close());

  const receiverWithHook = (changes: [string, ExpirationView | undefined, number][]) =>
    h.bareReceiver({ expirationChanged: (id, setting, sentAt) => changes.push([id, setting, sentAt]) });

  it('a timer update is a control message with the new setting, handed to the conversation (off too)', async () => {
    const changes: [string, ExpirationView | undefined, number][] = [];
    const r = receiverWithHook(changes);
    const out = await r.process(
      [
        itemOf(peer, me.sessionId, { dataMessage: { flags: TIMER_UPDATE }, expirationType: AFTER_READ, expirationTimer: 300 }, T0),
        itemOf(peer, me.sessionId, { dataMessage: { flags: TIMER_UPDATE }, expirationType: 0, expirationTimer: 0 }, T0 + 5),
      ],
      [],
    );
    expect(out.added.map((m) => [m.text, m.control, m.unsupported, m.expiration])).toEqual([
      ['', { type: 'expiration-timer', mode: 'after-read', seconds: 300 }, undefined, { type: 'after-read', seconds: 300 }],
      ['', { type: 'expiration-timer', mode: 'off', seconds: 0 }, undefined, undefined],
    ]);
    expect(changes).toEqual([
      [peer.sessionId, { type: 'after-read', seconds: 300 }, T0],
      [peer.sessionId, undefined, T0 + 5],
    ]);
    expect(h.messages.get(out.added[0]?.id as string)?.control).toEqual({ type: 'expiration-timer', mode: 'after-read', seconds: 300 });
  });

  it('an after-read message already read on another device arrives read, ending at the shortened swarm expiry', async () => {
    h.conversations.touch(peer.sessionId, 'private', T0 - 10);
    h.db.prepare('INSERT INTO conversation_read_state (conversation_id, last_read_at, marked_unread) VALUES (?, ?, 0)').run(peer.sessionId, T0 + 10);
    const shortened = itemOf(peer, me.sessionId, { dataMessage: { body: 'read over there' }, expirationType: AFTER_READ, expirationTimer: 60 }, T0);
    shortened.expiration = T0 + 20_000;
    const notYet = itemOf(peer, me.sessionId, { dataMessage: { body: 'read, not shortened yet' }, expirationType: AFTER_READ, expirationTimer: 60 }, T0 + 5);
    const newer = itemOf(peer, me.sessionId, { dataMessage: { body: 'not read yet' }, expirationType: AFTER_READ, expirationTimer: 60 }, T0 + 20);
    const out = await h.receiver.process([shortened, notYet, newer], []);
    expect(out.added.map((m) => [m.text, m.status, m.expiresAt])).toEqual([
      ['read over there', 'read', T0 + 20_000],
      ['read, not shortened yet', 'read', h.clock.now + 60_000],
      ['not read yet', 'received', undefined],
    ]);
  });

  it('an after-send arrival ends at the swarm expiry when sooner, never later than sentAt + timer', async () => {
    const sooner = itemOf(peer, me.sessionId, { dataMessage: { body: 'sooner' }, expirationType: AFTER_SEND, expirationTimer: 3600 }, T0);
    sooner.expiration = T0 + 60_000;
    const later = itemOf(peer, me.sessionId, { dataMessage: { body: 'later' }, expirationType: AFTER_SEND, expirationTimer: 3600 }, T0 + 1);
    const out = await h.receiver.process([sooner, later], []);
    expect(out.added.map((m) => [m.text, m.expiresAt])).toEqual([
      ['sooner', T0 + 60_000],
      ['later', T0 + 1 + 3_600_000],
    ]);
  });
});
