// The disappearing-messages service on a real encrypted database with a scripted config and network: a
// received timer change older than the newest one we hold does not undo it (history fetched again after a
// restore), Note to Self takes after-send only, and reading after-read messages shortens their copies on our
// swarm in one request per distinct end, retried when the swarm refuses, never for messages without a hash.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createExpirationStore } from '../../../../ts/backend/db/expirationStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { createEventBus } from '../../../../ts/backend/events';
import { silentLogger } from '../../../../ts/backend/log';
import { createConversationsService } from '../../../../ts/backend/services/conversations';
import { createDisappearingService } from '../../../../ts/backend/services/disappearing';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { ExpirationView } from '../../../../ts/ipc/contract';
import { identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../../ts/protocol';
import { waitUntil } from '../../../support/until';
import { encryptedTestDb } from '../db/testDb';

const NOW = 1_800_000_000_000;
const PEER = `05${'c4'.repeat(32)}`;

describe('disappearing-messages service', () => {
  const testDb = encryptedTestDb('disappearing-');
  let me: Identity;
  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(new Uint8Array(16).fill(0x3c));
  });

  const build = (expire?: EngineNetwork['expireMessages']) => {
    const db = testDb.db;
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    const events = createEventBus(silentLogger);
    const configCalls: [string, ExpirationView | undefined][] = [];
    const service = createDisappearingService({
      db,
      messages,
      conversations,
      conversationsService: createConversationsService({ store: conversations, messages, events, now: () => NOW, db }),
      store: createExpirationStore(db),
      config: () => ({
        setExpiration: (id, s) => {
          configCalls.push([id, s]);
          return true;
        },
        noteToSelfExpiry: () => undefined,
      }),
      identity: () => me,
      events,
      log: silentLogger,
      now: () => NOW,
      randomBytes: secureRandom,
      runtime: () => undefined,
      network: () => (expire ? ({ expireMessages: expire } as unknown as EngineNetwork) : undefined),
      shortenRetry: { attempts: 3, delayMs: 10 },
    });
    conversations.touch(PEER, 'private', NOW);
    return { db, messages, events, service, configCalls };
  };

  it('a timer change older than the newest one held does not undo it; Note to Self keeps after-send', () => {
    const { messages, service, configCalls } = build();
    messages.insert({
      id: 'c1',
      conversationId: PEER,
      sender: PEER,
      direction: 'incoming',
      body: '',
      sentAt: NOW - 1_000,
      receivedAt: NOW,
      status: 'received',
      control: { type: 'expiration-timer', mode: 'after-send', seconds: 3600 },
    });
    expect(service.remoteSetting(PEER, { type: 'after-read', seconds: 60 }, NOW - 5_000)).toBe(false);
    expect(configCalls).toEqual([]);
    expect(service.remoteSetting(PEER, undefined, NOW)).toBe(true);
    expect(configCalls).toEqual([[PEER, undefined]]);
    expect(service.remoteSetting(me.sessionId, { type: 'after-read', seconds: 60 }, NOW)).toBe(true);
    expect(configCalls.at(-1)).toEqual([me.sessionId, { type: 'after-send', seconds: 60 }]);
  });

  it('shortens read after-read messages on our swarm: one request per end, retried after a refusal', async () => {
    const calls: { hashes: string[]; expiry: number; mode: string }[] = [];
    let refuse = 1;
    const { messages, events, service } = build(async (_signer, hashes, expiry, mode) => {
      calls.push({ hashes: [...hashes], expiry, mode });
      if (refuse-- > 0) return [{ node: 'n1', ok: false, reason: 'busy' }];
      return [{ node: 'n1', ok: true, expiry, updated: [...hashes] }];
    });
    const base = { conversationId: PEER, sender: PEER, direction: 'incoming' as const, body: 'x', receivedAt: NOW, status: 'read' as const, expirationType: 'after-read' as const };
    messages.insert({ ...base, id: 'a', sentAt: NOW - 3, hash: 'ha', expirationTimer: 60, expiresAt: NOW + 60_000 });
    messages.insert({ ...base, id: 'b', sentAt: NOW - 2, hash: 'hb', expirationTimer: 60, expiresAt: NOW + 60_000 });
    messages.insert({ ...base, id: 'c', sentAt: NOW - 1, hash: 'hc', expirationTimer: 300, expiresAt: NOW + 300_000 });
    // Not ours to shorten: no swarm hash, an after-send message, a message whose timer has not started.
    messages.insert({ ...base, id: 'd', sentAt: NOW - 4, expirationTimer: 60, expiresAt: NOW + 60_000 });
    messages.insert({ ...base, id: 'e', sentAt: NOW - 5, hash: 'he', expirationType: 'after-send', expirationTimer: 60, expiresAt: NOW + 60_000 });
    messages.insert({ ...base, id: 'f', sentAt: NOW - 6, hash: 'hf', status: 'received', expirationTimer: 60 });
    const stop = service.watchReads();
    const views = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => messages.get(id)).filter((v) => v !== undefined);
    events.emit('messages.updated', { messages: views });
    // The same update again (progress, reactions) asks nothing more.
    events.emit('messages.updated', { messages: views });
    await waitUntil('both ends confirmed', () => calls.filter((c) => c.expiry === NOW + 60_000).length === 2 && calls.some((c) => c.expiry === NOW + 300_000), 5_000, 10);
    stop();
    const byEnd = (expiry: number) => calls.filter((c) => c.expiry === expiry);
    expect(byEnd(NOW + 60_000).map((c) => c.hashes.sort())).toEqual([
      ['ha', 'hb'],
      ['ha', 'hb'],
    ]);
    expect(byEnd(NOW + 300_000).map((c) => c.hashes)).toEqual([['hc']]);
    expect(calls.every((c) => c.mode === 'shorten')).toBe(true);
    expect(calls).toHaveLength(3);
  });
});
