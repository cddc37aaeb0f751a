// Follow-up delivery: the sync copy a sent message queues for our own swarm survives a crash before its
// store (it goes out on the next start), a follow-up that keeps failing is retried, then reported by
// `settle` (never dropped) and tried again on the next start; `settle` from a mark waits for the change's
// own follow-ups.
import type { Backend } from '../../../../ts/backend';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import { NetworkError } from '../../../../ts/network';
import { decode1o1Message, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../../ts/protocol';
import { inMemoryBackends, until } from './fixture';

const SEED = new Uint8Array(16).fill(0x42);
const BOB = `05${'b0'.repeat(32)}`;

describe('follow-ups (in-memory network)', () => {
  const env = inMemoryBackends('followups-', 20);
  let me: Identity;
  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(SEED);
  });

  /** The in-memory network, with stores to our own swarm made to hang or fail while `ownSwarm` says so. */
  const ownSwarmControlled = (ownSwarm: { mode: 'ok' | 'hang' | 'fail'; attempts: number }) => () => {
    const net = env.swarms.network();
    const wrapped: EngineNetwork = {
      ...net,
      storeMessage: async (pubkey, ns, data, ttl) => {
        if (pubkey === me.sessionId) {
          ownSwarm.attempts++;
          if (ownSwarm.mode === 'hang') return new Promise(() => undefined);
          if (ownSwarm.mode === 'fail') throw new NetworkError('unreachable', { detail: 'own swarm down' });
        }
        return net.storeMessage(pubkey, ns, data, ttl);
      },
    };
    return wrapped;
  };

  const openAlice = (ownSwarm: { mode: 'ok' | 'hang' | 'fail'; attempts: number }): Promise<Backend> =>
    env.open('alice', {
      randomBytes: (n) => (n === 16 ? SEED.slice() : secureRandom(n)),
      engine: { pollIntervalMs: 60_000, sendRetry: { attempts: 3, minDelayMs: 10, maxDelayMs: 20 }, createNetwork: ownSwarmControlled(ownSwarm) },
    });

  /** The sync copies in our own swarm, decrypted: [syncTarget, body]. */
  const syncCopies = () =>
    (env.swarms.inbox.get(me.sessionId) ?? []).map((m) => {
      const d = decode1o1Message(me, m.data);
      if (!d.ok) throw new Error(d.error.message);
      return [d.value.syncTarget, d.value.content.dataMessage?.body];
    });

  it('sends a sync copy queued before a crash on the next start', async () => {
    const ownSwarm = { mode: 'hang' as 'ok' | 'hang' | 'fail', attempts: 0 };
    let alice = await openAlice(ownSwarm);
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const sent = await alice.handlers['messages.send']({ to: BOB, text: 'before the crash' });
    await until('the message stored on Bob\'s swarm', () => (env.swarms.inbox.get(BOB) ?? []).length === 1);
    await until('the sync copy being stored', () => ownSwarm.attempts === 1);
    // The process dies while the sync copy is on its way: nothing of it reached the swarm.
    const before = await alice.followUps.settle({ signal: AbortSignal.timeout(50) });
    expect(before).toEqual({ settled: false, pending: 1, pendingEarlier: 0, failed: [] });
    // Seen from a later change's mark, the stuck copy is an earlier one.
    expect(await alice.followUps.settle({ since: alice.followUps.mark(), signal: AbortSignal.timeout(50) })).toEqual({ settled: false, pending: 1, pendingEarlier: 1, failed: [] });
    await env.close(alice);
    expect(syncCopies()).toEqual([]);

    ownSwarm.mode = 'ok';
    alice = await openAlice(ownSwarm);
    expect(await alice.followUps.settle({ signal: AbortSignal.timeout(5_000) })).toEqual({ settled: true, pending: 0, pendingEarlier: 0, failed: [] });
    expect(syncCopies()).toEqual([[BOB, 'before the crash']]);
    expect((await alice.handlers['messages.list']({ conversationId: BOB })).map((m) => [m.id, m.status])).toEqual([[sent.id, 'sent']]);
  });

  it('retries a failing follow-up, reports it, and tries it again on the next start', async () => {
    const ownSwarm = { mode: 'fail' as 'ok' | 'hang' | 'fail', attempts: 0 };
    let alice = await openAlice(ownSwarm);
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const mark = alice.followUps.mark();
    const sent = await alice.handlers['messages.send']({ to: BOB, text: 'copy fails' });
    const report = await alice.followUps.settle({ since: mark, signal: AbortSignal.timeout(5_000) });
    expect(report.settled).toBe(true);
    expect(report.pending).toBe(0);
    expect(report.failed).toEqual([
      expect.objectContaining({ source: 'outbox', kind: 'sync', destination: me.sessionId, messageId: sent.id, attempts: 3, earlier: false }),
    ]);
    expect(report.failed[0]!.error).toMatch(/\S/);
    expect(ownSwarm.attempts).toBe(3); // retried with back-off before giving up
    expect(syncCopies()).toEqual([]);
    // The message itself was delivered; only its copy for our other devices is missing.
    expect((await alice.handlers['messages.list']({ conversationId: BOB }))[0]!.status).toBe('sent');

    // A later change settles from its own mark: the earlier failure is listed as earlier, not as its own.
    const later = await alice.followUps.settle({ since: alice.followUps.mark(), signal: AbortSignal.timeout(1_000) });
    expect(later.failed.map((f) => [f.kind, f.earlier])).toEqual([['sync', true]]);

    await env.close(alice);
    ownSwarm.mode = 'ok';
    alice = await openAlice(ownSwarm);
    expect(await alice.followUps.settle({ signal: AbortSignal.timeout(5_000) })).toEqual({ settled: true, pending: 0, pendingEarlier: 0, failed: [] });
    expect(syncCopies()).toEqual([[BOB, 'copy fails']]);
  });

  it('waits for a request response queued by accepting a request', async () => {
    const ownSwarm = { mode: 'ok' as 'ok' | 'hang' | 'fail', attempts: 0 };
    const alice = await openAlice(ownSwarm);
    await alice.handlers['account.create']({ displayName: 'Alice' });
    // Bob writes first (a message request for Alice).
    const bob = await env.open('bob');
    await bob.handlers['account.create']({ displayName: 'Bob' });
    const bobId = (await bob.handlers['account.get']({}))!.sessionId;
    await bob.handlers['messages.send']({ to: me.sessionId, text: 'hi Alice' });
    await until('Bob\'s request', async () => {
      await alice.handlers['sync.pollNow']({});
      return (await alice.handlers['conversations.list']({ requests: true })).length === 1;
    });
    const before = (env.swarms.inbox.get(bobId) ?? []).length;
    const mark = alice.followUps.mark();
    await alice.handlers['conversations.accept']({ id: bobId });
    expect(await alice.followUps.settle({ since: mark, signal: AbortSignal.timeout(5_000) })).toEqual({ settled: true, pending: 0, pendingEarlier: 0, failed: [] });
    // Settled means stored: the response is on Bob's swarm already.
    expect((env.swarms.inbox.get(bobId) ?? []).length).toBe(before + 1);
  });
});
