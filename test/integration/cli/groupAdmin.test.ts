// Groups v2 admin commands through session-cli (spec/cli.md "Communities and groups"; issue 17's three-client
// scenario), each command its own process on one devnet: Alice `group create`s a group with Bob and Carol, who
// find the invitation in `requests` with kind group and `accept` it; Alice's `group members` shows them joined;
// messages go both ways; Alice sets the group's timer and `group invite`s Dave (who finds the invitation);
// she `group promote`s Bob, who can then `group rename` it; Alice `group remove`s Carol
// (Carol's client shows the group kicked and gets no later message, Bob still does) and `group delete`s the
// group (Bob's client shows it deleted).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { buildCli, startCli } from './cliProcess';

jest.setTimeout(240_000);

type Row = Record<string, unknown>;
type Who = 'alice' | 'bob' | 'carol' | 'dave';

describe('session-cli groups, admin side (devnet, three clients)', () => {
  let devnet: Devnet;
  let tmp: string;

  /** One command in its own process on `who`'s profile; it must exit 0. */
  const cli = async (who: Who, ...args: string[]): Promise<Row[]> => {
    const r = await startCli(devnet.info.seedUrl, path.join(tmp, who), args).done;
    if (r.code !== 0) throw new Error(`${who}: session-cli ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return r.lines;
  };
  /** One command expected to fail: its exit code and stderr. */
  const fails = async (who: Who, ...args: string[]): Promise<{ code: number | null; stderr: string }> => {
    const r = await startCli(devnet.info.seedUrl, path.join(tmp, who), args).done;
    return { code: r.code, stderr: r.stderr };
  };
  const one = async (who: Who, ...args: string[]): Promise<Row> => {
    const lines = await cli(who, ...args);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };
  /**
   * `receive`, then `check`, again until `done` holds on what it read (the other side's change is stored when its
   * command exits, but one poll may ask a swarm member that has not got it yet).
   */
  const receiveUntil = async <T>(who: Who, check: () => Promise<T>, done: (v: T) => boolean, tries = 5): Promise<T> => {
    let v: T;
    let i = 0;
    do {
      await cli(who, 'receive');
      v = await check();
    } while (++i < tries && !done(v));
    return v;
  };
  /** `receive --wait` until a message with `text` came (control messages may come first); everything printed. */
  const receiveText = async (who: Who, text: string, tries = 4): Promise<Row[]> => {
    const all: Row[] = [];
    for (let i = 0; i < tries && !all.some((m) => m.text === text); i++) all.push(...(await cli(who, 'receive', '--wait', '20')));
    return all;
  };
  const groupRow = async (who: Who, id: string, list: 'conversations' | 'requests' = 'conversations'): Promise<Row | undefined> =>
    (await cli(who, list)).find((c) => c.id === id);
  const bySession = (rows: Row[]) => [...rows].sort((a, b) => String(a.sessionId).localeCompare(String(b.sessionId)));

  beforeAll(async () => {
    buildCli();
    devnet = await startDevnet({ nodes: 9, swarmSize: 3, noSogs: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-group-admin-'));
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('create, accept, chat both ways, promote, rename by the new admin, remove (kicked), delete (destroyed)', async () => {
    const [alice, bob, carol, dave] = (
      await Promise.all((['alice', 'bob', 'carol', 'dave'] as const).map((who) => one(who, 'create', '--name', who[0]!.toUpperCase() + who.slice(1))))
    ).map((r) => String(r.sessionId)) as [string, string, string, string];

    // --- create: the group with every member listed, Alice as its admin; usage errors before anything is sent.
    expect(await fails('alice', 'group', 'create', 'Book club', bob, alice)).toEqual({ code: 2, stderr: expect.stringMatching(/^session-cli: Your own Session ID cannot be given to "group create"/) });
    const created = await one('alice', 'group', 'create', 'Book club', bob, carol);
    const id = String(created.id);
    expect(id).toMatch(/^03[0-9a-f]{64}$/);
    expect(created).toEqual({
      id,
      name: 'Book club',
      members: bySession([
        { sessionId: alice, name: 'Alice', role: 'admin', status: 'joined' },
        { sessionId: bob, name: expect.any(String), role: 'member', status: 'invite-sent' },
        { sessionId: carol, name: expect.any(String), role: 'member', status: 'invite-sent' },
      ]),
    });
    expect(await groupRow('alice', id)).toMatchObject({ id, kind: 'group', name: 'Book club', group: expect.objectContaining({ admin: true, kicked: false, destroyed: false }) });

    // --- invitations: not messages; listed by requests with kind group (Alice is no contact of theirs), then accepted.
    const [bobInvites, carolInvites] = await Promise.all(
      (['bob', 'carol'] as const).map((who) => receiveUntil(who, () => cli(who, 'requests'), (rows) => rows.some((r) => r.id === id))),
    );
    for (const rows of [bobInvites!, carolInvites!]) {
      expect(rows).toEqual([expect.objectContaining({ id, kind: 'group', name: 'Book club', isRequest: true, group: expect.objectContaining({ admin: false, invitationPending: true }) })]);
    }
    const [bobAccepted, carolAccepted] = await Promise.all([one('bob', 'accept', id), one('carol', 'accept', id)]);
    for (const row of [bobAccepted, carolAccepted]) expect(row).toMatchObject({ id, kind: 'group', isRequest: false, name: 'Book club' });

    // --- Alice's client reads the invite responses: both joined.
    const joined = await receiveUntil(
      'alice',
      () => cli('alice', 'group', 'members', id),
      (rows) => rows.filter((r) => r.status === 'joined').length === 3,
    );
    expect(bySession(joined)).toEqual(
      bySession([
        { sessionId: alice, name: 'Alice', role: 'admin', status: 'joined' },
        { sessionId: bob, name: expect.any(String), role: 'member', status: 'joined' },
        { sessionId: carol, name: expect.any(String), role: 'member', status: 'joined' },
      ]),
    );

    // --- chat both ways.
    const hello = await one('alice', 'send', id, 'welcome, readers');
    expect(hello).toMatchObject({ status: 'sent' });
    const [bobGot, carolGot] = await Promise.all([receiveText('bob', 'welcome, readers'), receiveText('carol', 'welcome, readers')]);
    for (const got of [bobGot, carolGot]) {
      expect(got.filter((m) => m.control === undefined)).toEqual([expect.objectContaining({ conversationId: id, sender: alice, text: 'welcome, readers', timestamp: hello.timestamp })]);
    }
    const reply = await one('bob', 'send', id, 'thanks Alice');
    const aliceGot = await receiveText('alice', 'thanks Alice');
    expect(aliceGot.filter((m) => m.text === 'thanks Alice')).toEqual([expect.objectContaining({ conversationId: id, sender: bob, timestamp: reply.timestamp })]);
    expect((await cli('alice', 'messages', id)).filter((m) => m.control === undefined).map((m) => [m.sender, m.text])).toEqual([
      [alice, 'welcome, readers'],
      [bob, 'thanks Alice'],
    ]);

    // --- a member cannot rename; Alice promotes Bob, who then can.
    const [notAdmin, unknown] = await Promise.all([fails('carol', 'group', 'rename', id, 'Mine now'), fails('dave', 'group', 'delete', `03${'00'.repeat(32)}`)]);
    expect(notAdmin).toEqual({ code: 1, stderr: expect.stringMatching(/^session-cli: .*admin/i) });
    expect(unknown).toEqual({ code: 1, stderr: expect.stringMatching(/^session-cli: No such group/) });
    // --- Alice sets the group's timer and invites Dave (later; he only sees the invitation).
    expect(await one('alice', 'timer', id, 'send:3600')).toMatchObject({ id, kind: 'group', expiration: { type: 'send', seconds: 3600 } });
    const invited = await one('alice', 'group', 'invite', id, dave);
    expect(invited).toEqual({ id, members: expect.arrayContaining([{ sessionId: dave, role: 'member', status: 'invite-sent' }, { sessionId: alice, role: 'admin', status: 'joined' }]) });
    expect(invited.members).toHaveLength(4);
    const daveSees = receiveUntil('dave', () => cli('dave', 'requests'), (rows) => rows.some((r) => r.id === id));
    daveSees.catch(() => undefined); // awaited below, after Bob's steps it runs alongside

    const promoted = await cli('alice', 'group', 'promote', id, bob);
    expect(promoted.find((m) => m.sessionId === bob)).toEqual({ sessionId: bob, name: expect.any(String), role: 'admin', status: expect.stringMatching(/^promotion-(sending|sent)$|^joined$/) });
    const bobAdmin = await receiveUntil('bob', () => groupRow('bob', id), (row) => (row?.group as Row | undefined)?.admin === true);
    expect(bobAdmin).toMatchObject({ id, expiration: { type: 'send', seconds: 3600 }, group: expect.objectContaining({ admin: true }) });
    expect(await daveSees).toEqual([expect.objectContaining({ id, kind: 'group', isRequest: true, group: expect.objectContaining({ invitationPending: true }) })]);
    expect(await one('bob', 'group', 'rename', id, 'Reading circle')).toEqual({ id, name: 'Reading circle' });
    const renamed = await receiveUntil('alice', () => groupRow('alice', id), (row) => row?.name === 'Reading circle');
    expect(renamed).toMatchObject({ id, name: 'Reading circle' });

    // --- Alice removes Carol: Carol's client shows the group kicked and gets no later message; Bob does.
    const removed = await one('alice', 'group', 'remove', id, carol);
    expect(removed).toEqual({ id, members: expect.any(Array) });
    expect((removed.members as Row[]).filter((m) => m.sessionId === carol && m.status !== 'removed')).toEqual([]);
    const kicked = await receiveUntil('carol', () => groupRow('carol', id), (row) => (row?.group as Row | undefined)?.kicked === true);
    expect(kicked).toMatchObject({ id, kind: 'group', group: expect.objectContaining({ kicked: true, admin: false }) });
    expect((await fails('carol', 'send', id, 'still here?')).code).toBe(2);
    const after = await one('alice', 'send', id, 'after the removal');
    expect(await receiveText('bob', 'after the removal')).toEqual(expect.arrayContaining([expect.objectContaining({ conversationId: id, text: 'after the removal', timestamp: after.timestamp })]));
    expect((await cli('carol', 'receive')).filter((m) => m.conversationId === id && m.control === undefined)).toEqual([]);
    expect((await cli('carol', 'messages', id)).filter((m) => m.text === 'after the removal')).toEqual([]);
    expect((await cli('alice', 'group', 'members', id)).map((m) => m.sessionId).sort()).toEqual([alice, bob, dave].sort());

    // --- Alice deletes the group for everyone: Bob's client shows it deleted.
    expect(await one('alice', 'group', 'delete', id)).toEqual({ id, deleted: true });
    expect(await groupRow('alice', id)).toMatchObject({ id, group: expect.objectContaining({ destroyed: true }) });
    const destroyed = await receiveUntil('bob', () => groupRow('bob', id), (row) => (row?.group as Row | undefined)?.destroyed === true);
    expect(destroyed).toMatchObject({ id, kind: 'group', group: expect.objectContaining({ destroyed: true }) });
  });
});
