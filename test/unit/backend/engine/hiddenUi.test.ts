// The two "hide" settings of the desktop UI through the backend's handlers, on real encrypted databases
// with an in-memory network: the Message Requests banner stays hidden across restarts until a new
// request arrives, and hiding the recovery password is stored, cannot be undone, and ends its banner.
import type { Backend } from '../../../../ts/backend';
import { inMemoryBackends, record, until } from './fixture';

describe('hidden UI settings (in-memory network)', () => {
  const env = inMemoryBackends('hidden-ui-', 60_000);
  const { open: openB, close } = env;
  const send = async (from: Backend, to: string, text: string): Promise<void> => {
    const before = env.swarms.inbox.get(to)?.length ?? 0;
    await from.handlers['messages.send']({ to, text });
    await until(`"${text}" stored`, () => (env.swarms.inbox.get(to)?.length ?? 0) > before);
  };
  // The settings handler may throw synchronously (the transports turn that into a rejection too).
  const unhide = async (b: Backend) => b.handlers['settings.set']({ key: 'hideRecoveryPassword', value: false });
  const receive = async (b: Backend, count: number): Promise<void> => {
    await until(`${count} received`, async () => {
      await b.handlers['sync.pollNow']({});
      return b.engineStats().added >= count;
    });
  };

  it('keeps the requests banner hidden across a restart and through more messages of a known request, and shows it for a new request', async () => {
    const alice = await openB('alice');
    const carol = await openB('carol');
    let bob = await openB('bob');
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const c = await carol.handlers['account.create']({ displayName: 'Carol' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    expect((await bob.handlers['settings.getAll']({})).hideMessageRequestBanner).toBe(false);

    await send(alice, b.sessionId, 'first');
    await receive(bob, 1);
    const hidden = await bob.handlers['settings.set']({ key: 'hideMessageRequestBanner', value: true });
    expect(hidden.hideMessageRequestBanner).toBe(true);

    await close(bob);
    bob = await openB('bob');
    expect((await bob.handlers['settings.getAll']({})).hideMessageRequestBanner).toBe(true);

    // More from the same, still pending request: not a new request, the banner stays hidden.
    const changes = record(bob, 'settings.changed');
    await send(alice, b.sessionId, 'second');
    await receive(bob, 1);
    expect(await bob.handlers['conversations.list']({ requests: true })).toEqual([expect.objectContaining({ id: a.sessionId, unreadCount: 2 })]);
    expect((await bob.handlers['settings.getAll']({})).hideMessageRequestBanner).toBe(true);
    expect(changes).toEqual([]);

    // A request from someone new shows it again, announced to the UI.
    await send(carol, b.sessionId, 'hello from carol');
    await receive(bob, 2);
    expect((await bob.handlers['settings.getAll']({})).hideMessageRequestBanner).toBe(false);
    expect(changes).toEqual([expect.objectContaining({ key: 'hideMessageRequestBanner', value: false })]);
    expect((await bob.handlers['conversations.list']({ requests: true })).map((r) => r.id).sort()).toEqual([a.sessionId, c.sessionId].sort());
  });

  it('does not show the hidden banner for a message in an accepted conversation', async () => {
    const alice = await openB('alice');
    const bob = await openB('bob');
    await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    const a = (await alice.handlers['account.get']({}))!;
    await send(alice, b.sessionId, 'hi');
    await receive(bob, 1);
    await bob.handlers['conversations.accept']({ id: a.sessionId });
    await bob.handlers['settings.set']({ key: 'hideMessageRequestBanner', value: true });
    await send(alice, b.sessionId, 'again');
    await receive(bob, 2);
    expect((await bob.handlers['settings.getAll']({})).hideMessageRequestBanner).toBe(true);
  });

  it('hides the recovery password for good: stored, ends the banner, cannot be turned back off; the CLI can still read it', async () => {
    let alice = await openB('alice');
    const created = await alice.handlers['account.create']({ displayName: 'Alice' });
    expect(await alice.handlers['account.get']({})).toMatchObject({ showRecoveryBanner: true });
    const accountEvents = record(alice, 'account.changed');

    const after = await alice.handlers['settings.set']({ key: 'hideRecoveryPassword', value: true });
    expect(after.hideRecoveryPassword).toBe(true);
    expect(accountEvents).toEqual([{ account: expect.objectContaining({ showRecoveryBanner: false }) }]);
    await expect(unhide(alice)).rejects.toMatchObject({ code: 'conflict' });
    // Setting it again changes nothing and is not an error.
    expect((await alice.handlers['settings.set']({ key: 'hideRecoveryPassword', value: true })).hideRecoveryPassword).toBe(true);

    await close(alice);
    alice = await openB('alice');
    expect((await alice.handlers['settings.getAll']({})).hideRecoveryPassword).toBe(true);
    expect(await alice.handlers['account.get']({})).toMatchObject({ showRecoveryBanner: false });
    await expect(unhide(alice)).rejects.toMatchObject({ code: 'conflict' });
    expect((await alice.handlers['account.getRecoveryPassword']({})).mnemonic).toBe(created.mnemonic);

    // Clearing the data starts over: a new account on this device sees its recovery password again.
    await alice.handlers['data.clear']({ network: false });
    expect((await alice.handlers['settings.getAll']({})).hideRecoveryPassword).toBe(false);
  });
});
