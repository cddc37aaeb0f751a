// Two devices of one account on a devnet, through the backend's handlers: device A creates the account,
// sets its name, writes to a contact, reads their reply, pins them and blocks someone; device B restores
// from the same recovery password and shows the same name, contacts, pin, block and read state, all from
// the configs in the account's swarm; then changes on B (nickname, unpin, mark unread) reach A.
import type { Backend } from '../../../ts/backend';
import type { ConversationSummary } from '../../../ts/ipc/contract';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(180_000);

const STRANGER = `05${'5e'.repeat(32)}`;
const FRIEND = `05${'f7'.repeat(32)}`;
const FAST = { configPushDelayMs: 0, restoreWaitMs: 20_000 };

describe('config sync between two devices of one account (devnet)', () => {
  const env = devnetBackends('config-sync-', { nodes: 12, swarmSize: 4 }, 60_000);

  const settled = async (b: Backend): Promise<void> => {
    const r = await b.followUps.settle({ signal: AbortSignal.timeout(60_000) });
    if (!r.settled || r.failed.length > 0) throw new Error(`follow-ups not stored: ${JSON.stringify(r)}`);
  };
  const conversation = async (b: Backend, id: string): Promise<ConversationSummary | undefined> =>
    (await b.handlers['conversations.list']({})).find((c) => c.id === id);

  it('A’s name, contacts, pin, block and read state reach a restored B, and B’s changes reach A', async () => {
    const a = await env.open('device-a', FAST);
    const xavier = await env.open('xavier', FAST);
    const created = await a.handlers['account.create']({ displayName: 'Alice' });
    const x = await xavier.handlers['account.create']({ displayName: 'Xavier' });
    // The first complete poll of a new account merges its (empty) configs: pushing is allowed from then on.
    await pollOk(a);
    await a.handlers['account.setDisplayName']({ displayName: 'Alice Two' });

    await a.handlers['messages.send']({ to: x.sessionId, text: 'hello Xavier' });
    await settled(a);
    await until('Xavier gets the message', async () => {
      await pollOk(xavier);
      return (await xavier.handlers['conversations.list']({})).length === 1;
    });
    await xavier.handlers['messages.send']({ to: created.sessionId, text: 'hi Alice' });
    await until('A gets the reply', async () => {
      await pollOk(a);
      return (await conversation(a, x.sessionId))?.unreadCount === 1;
    });
    await a.handlers['conversations.markRead']({ id: x.sessionId });
    await a.handlers['conversations.setPinned']({ id: x.sessionId, pinned: true });
    await a.handlers['conversations.setBlocked']({ id: STRANGER, blocked: true });
    await settled(a);
    const onA = await conversation(a, x.sessionId);
    expect(onA).toMatchObject({ unreadCount: 0, pinnedPriority: 1, name: 'Xavier' });

    // Device B: the same recovery password.
    const { mnemonic } = await a.handlers['account.getRecoveryPassword']({});
    const b = await env.open('device-b', FAST);
    const restored = await b.handlers['account.restore']({ mnemonic, displayName: 'Typed fallback' });
    expect(restored).toEqual({ sessionId: created.sessionId, displayName: 'Alice Two' });
    expect((await b.handlers['account.get']({}))?.displayName).toBe('Alice Two');

    const onB = await until('B shows the conversation with A’s state', async () => {
      await pollOk(b);
      const c = await conversation(b, x.sessionId);
      return c && c.lastMessage ? c : undefined;
    });
    expect(onB).toMatchObject({ name: 'Xavier', profileName: 'Xavier', pinnedPriority: 1, unreadCount: 0, isApproved: true, lastReadTimestamp: onA?.lastReadTimestamp });
    expect(await b.handlers['contacts.listBlocked']({})).toEqual([{ id: STRANGER }]);
    expect(await b.handlers['contacts.list']({})).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: x.sessionId, profileName: 'Xavier', approved: true, approvedMe: true, blocked: false })]),
    );

    // Changes on B reach A.
    await b.handlers['conversations.setNickname']({ id: x.sessionId, nickname: 'Buddy' });
    await b.handlers['conversations.setPinned']({ id: x.sessionId, pinned: false });
    await b.handlers['conversations.markUnread']({ id: x.sessionId });
    await settled(b);
    const changed = await until('A shows B’s changes', async () => {
      await pollOk(a);
      const c = await conversation(a, x.sessionId);
      return c?.nickname === 'Buddy' && c.pinnedPriority === undefined && c.markedUnread === true ? c : undefined;
    });
    expect(changed).toMatchObject({ name: 'Buddy', profileName: 'Xavier' });
    // And A's display name stayed what A set: B pushed no empty or fallback profile over it.
    expect((await a.handlers['account.get']({}))?.displayName).toBe('Alice Two');
  });

  it('restores while the swarm is unreachable: the fallback name waits for the merge, and the account’s stored state survives', async () => {
    const a = await env.open('outage-a', FAST);
    const created = await a.handlers['account.create']({ displayName: 'Alice' });
    await pollOk(a);
    await a.handlers['conversations.setNickname']({ id: FRIEND, nickname: 'Pal' });
    await a.handlers['conversations.setBlocked']({ id: STRANGER, blocked: true });
    await settled(a);
    const { mnemonic } = await a.handlers['account.getRecoveryPassword']({});

    // The account's swarm answers nothing but errors for 20 s.
    for (const n of env.devnet.swarmNodes(created.sessionId)) env.devnet.failNode(n.ed25519, { status: 503, durationMs: 20_000 });
    const outageEnds = Date.now() + 20_000;
    const b = await env.open('outage-b', { configPushDelayMs: 0 }); // the real 15 s wait
    const started = Date.now();
    const restored = await b.handlers['account.restore']({ mnemonic, displayName: 'Typed fallback' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_000);
    expect(restored).toEqual({ sessionId: created.sessionId, displayName: 'Typed fallback' });
    // Nothing could be merged, so nothing is pushed: B's fallback name is a local change waiting.
    const waiting = await b.followUps.settle({ signal: AbortSignal.timeout(500) });
    expect(waiting).toMatchObject({ settled: false, failed: [] });
    expect(waiting.pending).toBeGreaterThan(0);

    // The swarm comes back: B merges first, then pushes; what A stored survives on both devices.
    await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now())));
    await until('B merged the account’s configs', async () => {
      await pollOk(b);
      return (await b.handlers['contacts.list']({})).some((c) => c.id === FRIEND && c.nickname === 'Pal');
    }, 60_000);
    expect(await b.handlers['contacts.listBlocked']({})).toEqual([{ id: STRANGER }]);
    await settled(b);
    await until('A still has its contacts after B pushed', async () => {
      await pollOk(a);
      const contacts = await a.handlers['contacts.list']({});
      return contacts.some((c) => c.id === FRIEND && c.nickname === 'Pal') && contacts.some((c) => c.id === STRANGER && c.blocked);
    });
    // Both devices converge on one name.
    const nameOnB = (await b.handlers['account.get']({}))?.displayName;
    await until('A shows the converged name', async () => {
      await pollOk(a);
      return (await a.handlers['account.get']({}))?.displayName === nameOnB;
    });
  });
});

