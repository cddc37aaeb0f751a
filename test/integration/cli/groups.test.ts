// Groups v2 member commands through session-cli (spec/cli.md "Communities and groups"), each command its own
// process on a devnet; the group's admin is the test harness built from the protocol layer's admin primitives.
// Bob (the CLI) sees the invitation in `requests` with kind group, accepts it, lists the members, receives the
// admin's message, sends one (the admin opens it), reacts, and leaves (the group is told).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { identityFromRecoverySeed, loadProtocol, secureRandom } from '../../../ts/protocol';
import { TestGroupAdmin } from '../engine/groupAdmin';
import { buildCli, startCli } from './cliProcess';

jest.setTimeout(180_000);

type Row = Record<string, unknown>;

describe('session-cli groups, member side (devnet)', () => {
  let devnet: Devnet;
  let tmp: string;
  let net: SessionNetwork;
  const ok = async (...args: string[]): Promise<Row[]> => {
    const r = await startCli(devnet.info.seedUrl, path.join(tmp, 'bob'), args).done;
    if (r.code !== 0) throw new Error(`session-cli ${args[0]} exited ${r.code}: ${r.stderr.trim()}`);
    return r.lines;
  };
  const one = async (...args: string[]): Promise<Row> => {
    const lines = await ok(...args);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  beforeAll(async () => {
    await loadProtocol();
    buildCli();
    devnet = await startDevnet({ nodes: 9, swarmSize: 3, noSogs: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-groups-'));
    net = new SessionNetwork({ config: await loadCustomNetwork(devnet.info.seedUrl, createHttpClient()), store: new MemoryNetworkStore() });
    net.start();
  }, 120_000);

  afterAll(async () => {
    net?.stop();
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('requests, accept, group members, receive, send, react, leave', async () => {
    const bob = String((await one('create', '--name', 'Bob')).sessionId);
    const admin = new TestGroupAdmin(net, identityFromRecoverySeed(secureRandom(16)), 'CLI Group', Date.now());
    admin.setMember(bob, 'Bob');
    await admin.rekeyAndPush();
    await admin.invite(bob);

    // An invitation is not a message: receive prints nothing, requests lists it with kind group.
    expect(await ok('receive')).toEqual([]);
    expect(await ok('requests')).toEqual([expect.objectContaining({ id: admin.id, kind: 'group', name: 'CLI Group', isRequest: true })]);

    expect(await one('accept', admin.id)).toMatchObject({ id: admin.id, kind: 'group', isRequest: false, name: 'CLI Group' });
    // The invite response is stored in the group by the time accept exits.
    expect((await admin.read()).some((m) => m.sender === bob && m.content.dataMessage?.groupUpdateMessage?.inviteResponse?.isApproved)).toBe(true);
    expect(await ok('conversations')).toEqual([expect.objectContaining({ id: admin.id, kind: 'group' })]);
    expect(await ok('group', 'members', admin.id)).toEqual(
      [
        { sessionId: admin.identity.sessionId, name: 'Admin', role: 'admin', status: 'joined' },
        { sessionId: bob, name: 'Bob', role: 'member', status: 'invite-sent' },
      ].sort((a, b) => a.sessionId.localeCompare(b.sessionId)),
    );

    await admin.sendText('hello Bob');
    const received = await ok('receive', '--wait', '20');
    expect(received).toEqual([expect.objectContaining({ conversationId: admin.id, sender: admin.identity.sessionId, text: 'hello Bob' })]);

    const sent = await one('send', admin.id, 'hello admin');
    expect(sent).toMatchObject({ status: 'sent' });
    expect((await admin.read()).find((m) => m.sender === bob && m.content.dataMessage?.body === 'hello admin')).toMatchObject({ timestampMs: sent.timestamp });

    await one('react', String(received[0]!.id), '👍');
    expect((await admin.read()).some((m) => m.sender === bob && m.content.dataMessage?.reaction?.emoji === '👍')).toBe(true);

    expect(await one('leave', admin.id)).toEqual({ id: admin.id, left: true });
    expect((await admin.read()).some((m) => m.sender === bob && m.content.dataMessage?.groupUpdateMessage?.memberLeftMessage)).toBe(true);
    expect(await ok('conversations')).toEqual([]);
  });
});
