// Groups v2 member commands through session-cli (spec/cli.md "Communities and groups"), each command its own
// process on a devnet; the group's admin is the test harness built from the protocol layer's admin primitives.
// Bob (the CLI) sees the invitation in `requests` with kind group, accepts it, lists the members, receives the
// admin's message, sends one (the admin opens it), reacts, lists the group's `messages`, sends a file with
// `send --attach` (the admin opens the pointer with the group keys and the blob decrypts to the file) and
// `download`s the admin's file, `unsend`s one of its messages (the group gets the unsend request), and leaves
// (the group is told).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { decryptAttachment, encryptAttachment, identityFromRecoverySeed, loadProtocol, secureRandom } from '../../../ts/protocol';
import { TestGroupAdmin } from '../engine/groupAdmin';
import { pointerOf, sha256Hex, uploadBlob } from '../engine/mediaHelpers';
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

  it('requests, accept, group members, receive, send, react, messages, send --attach, download, unsend, leave', async () => {
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

    // `messages` on the group's id: both sides' messages in order, our reaction on the admin's.
    expect(await ok('messages', admin.id)).toEqual([
      expect.objectContaining({ id: received[0]!.id, conversationId: admin.id, sender: admin.identity.sessionId, text: 'hello Bob', reactions: [{ emoji: '👍', count: 1, senders: [bob] }] }),
      expect.objectContaining({ id: sent.id, conversationId: admin.id, sender: bob, text: 'hello admin', status: 'sent' }),
    ]);

    // send --attach: the pointer the group holds opens with the group's keys and the blob is the file.
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(secureRandom(20_000))]);
    fs.writeFileSync(path.join(tmp, 'agenda.pdf'), file);
    const withFile = await one('send', admin.id, 'the agenda', '--attach', path.join(tmp, 'agenda.pdf'));
    expect(withFile).toMatchObject({ status: 'sent' });
    const p = (await admin.read()).find((m) => m.sender === bob && m.timestampMs === withFile.timestamp)?.content.dataMessage?.attachments?.[0];
    expect(p).toMatchObject({ fileName: 'agenda.pdf', contentType: 'application/pdf', size: file.length });
    const opened = decryptAttachment({ blob: await net.downloadFile(p!.url!), key: p!.key!, digest: p!.digest!, size: p!.size! });
    if (!opened.ok) throw opened.error;
    expect(sha256Hex(opened.value)).toBe(sha256Hex(file));

    // download: the admin's file, decrypted into --out.
    const theirs = new Uint8Array(secureRandom(12_000));
    const enc = encryptAttachment(theirs, secureRandom);
    const at = await admin.send({ dataMessage: { body: 'mine', attachments: [pointerOf(enc, (await uploadBlob(net, enc.blob)).url, { fileName: 'notes.bin' })] } });
    const withTheirs = await ok('receive', '--wait', '20');
    expect(withTheirs).toEqual([
      expect.objectContaining({ conversationId: admin.id, timestamp: at, text: 'mine', attachments: [expect.objectContaining({ index: 0, fileName: 'notes.bin', size: theirs.length })] }),
    ]);
    const out = path.join(tmp, 'out');
    const got = await one('download', String(withTheirs[0]!.id), '--out', out);
    expect(got).toMatchObject({ messageId: withTheirs[0]!.id, index: 0, path: path.join(out, 'notes.bin'), size: theirs.length, sha256: sha256Hex(theirs) });
    expect(sha256Hex(fs.readFileSync(path.join(out, 'notes.bin')))).toBe(sha256Hex(theirs));

    // unsend our own group message: the group gets the unsend request for it, and it is gone here.
    expect(await one('unsend', String(sent.id))).toEqual({ id: sent.id, deleted: true });
    expect((await admin.read()).some((m) => m.sender === bob && Number(m.content.unsendRequest?.timestamp) === sent.timestamp && m.content.unsendRequest?.author === bob)).toBe(true);
    const after = await ok('messages', admin.id);
    expect(after.filter((m) => m.text === 'hello admin')).toEqual([]);
    expect(after.filter((m) => m.id === sent.id).every((m) => m.deleted === true)).toBe(true);

    expect(await one('leave', admin.id)).toEqual({ id: admin.id, left: true });
    expect((await admin.read()).some((m) => m.sender === bob && m.content.dataMessage?.groupUpdateMessage?.memberLeftMessage)).toBe(true);
    expect(await ok('conversations')).toEqual([]);
  });
});
