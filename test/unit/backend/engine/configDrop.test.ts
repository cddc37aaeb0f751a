// The receive-side rules that read the configs, end to end through two backends on the in-memory network:
// a 1:1 message older than the newest Contacts config by more than 2 minutes is dropped when that config
// lacks its conversation (spec messaging §5.3 step 3: a deleted conversation does not come back), a recent
// one is a message request as usual, and a blocked sender (blocked in the Contacts config) is dropped; a
// new note shows a hidden Note to Self again.
import type { BackendOptions } from '../../../../ts/backend';
import { inMemoryBackends, until } from './fixture';

const SOMEONE = `05${'7a'.repeat(32)}`;

describe('config-based drop rules (in-memory network)', () => {
  const env = inMemoryBackends('cfgdrop-', 20);
  const engine = (skewMs = 0): Partial<BackendOptions> => ({
    engine: {
      pollIntervalMs: 20,
      configPushDelayMs: 0,
      sendRetry: { attempts: 3, minDelayMs: 10, maxDelayMs: 20 },
      createNetwork: () => {
        const net = env.swarms.network();
        return { ...net, networkNow: () => Date.now() + skewMs };
      },
    },
  });

  it('drops an old message whose conversation a newer Contacts config lacks, keeps a recent one, drops blocked senders', async () => {
    const bob = await env.open('bob', engine());
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    // Bob's device stores a Contacts config (blocking someone) and reads it back from his swarm.
    await bob.handlers['sync.pollNow']({});
    await bob.handlers['conversations.setBlocked']({ id: SOMEONE, blocked: true });
    await bob.followUps.settle({ signal: AbortSignal.timeout(5_000) });
    await bob.handlers['sync.pollNow']({});

    // A message written 10 minutes before that config, from someone the config does not know.
    const late = await env.open('late', engine(-10 * 60_000));
    await late.handlers['account.create']({ displayName: 'Late' });
    await late.handlers['messages.send']({ to: b.sessionId, text: 'from long ago' });
    await until('stored', () => (env.swarms.inbox.get(b.sessionId)?.length ?? 0) >= 1);
    await until('dropped', async () => {
      await bob.handlers['sync.pollNow']({});
      return (bob.engineStats().dropReasons['config_more_recent'] ?? 0) === 1;
    });
    expect(await bob.handlers['conversations.list']({})).toEqual([]);

    // A message written now is a request as usual.
    const now = await env.open('now', engine());
    const n = await now.handlers['account.create']({ displayName: 'Now' });
    await now.handlers['messages.send']({ to: b.sessionId, text: 'hello' });
    await until('request listed', async () => {
      await bob.handlers['sync.pollNow']({});
      return (await bob.handlers['conversations.list']({ requests: true })).some((c) => c.id === n.sessionId);
    });

    // Blocking them (in the Contacts config) drops what they send next.
    await bob.handlers['conversations.setBlocked']({ id: n.sessionId, blocked: true });
    await now.handlers['messages.send']({ to: b.sessionId, text: 'again' });
    await until('blocked sender dropped', async () => {
      await bob.handlers['sync.pollNow']({});
      return (bob.engineStats().dropReasons['blocked_sender'] ?? 0) === 1;
    });
    expect(await bob.handlers['conversations.list']({})).toEqual([]);
  });

  it('shows a hidden Note to Self again when a new note arrives, through the UserProfile config', async () => {
    const alice = await env.open('alice', engine());
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    await alice.handlers['sync.pollNow']({});
    await alice.handlers['messages.send']({ to: a.sessionId, text: 'first note' });
    expect(await alice.handlers['conversations.setNoteToSelfHidden']({ hidden: true })).toMatchObject({ id: a.sessionId, hidden: true });
    expect((await alice.handlers['conversations.list']({})).map((c) => c.id)).toEqual([]);
    await alice.handlers['messages.send']({ to: a.sessionId, text: 'second note' });
    expect(await alice.handlers['conversations.list']({})).toEqual([expect.objectContaining({ id: a.sessionId, hidden: false })]);
    await alice.followUps.settle({ signal: AbortSignal.timeout(5_000) });
    // The shown state is what the account's other devices get.
    const second = await env.open('alice2', engine());
    const { mnemonic } = await alice.handlers['account.getRecoveryPassword']({});
    await second.handlers['account.restore']({ mnemonic });
    await until('the note on the second device', async () => {
      await second.handlers['sync.pollNow']({});
      return (await second.handlers['conversations.list']({})).some((c) => c.id === a.sessionId && c.hidden === false);
    });
  });
});

