// Communities through session-cli (contract v2, "Communities and groups"), every command its own process on
// one devnet with its community server: Alice joins the lobby from its share URL and posts; the admin (a
// visible admin of every room by --sogs-admin) joins, reads her post with `receive` and `messages` (blinded
// sender, her name, the server's time and id), reacts to it, downloads a file she posted, bans her, and her
// next post exits 1; `conversations` lists the room with kind community and `leave` drops it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { encodeRecoveryPassword, identityFromRecoverySeed, loadProtocol } from '../../../ts/protocol';
import { buildCli, startCli, type CliRun } from './cliProcess';

jest.setTimeout(240_000);

type Row = Record<string, unknown>;
const ADMIN_SEED = Uint8Array.from(Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex'));

describe('session-cli communities (devnet)', () => {
  let devnet: Devnet;
  let tmp: string;
  const dir = (name: string) => path.join(tmp, name);
  const cli = (dataDir: string, args: string[]): Promise<CliRun> => startCli(devnet.info.seedUrl, dataDir, args).done;
  const ok = async (dataDir: string, ...args: string[]): Promise<Row[]> => {
    const r = await cli(dataDir, args);
    if (r.code !== 0) throw new Error(`session-cli ${args[0]} exited ${r.code}: ${r.stderr.trim()}`);
    return r.lines;
  };
  const one = async (dataDir: string, ...args: string[]): Promise<Row> => {
    const lines = await ok(dataDir, ...args);
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  beforeAll(async () => {
    await loadProtocol();
    buildCli();
    devnet = await startDevnet({ nodes: 12, sogsAdmins: [identityFromRecoverySeed(ADMIN_SEED).sessionId] });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'session-cli-communities-'));
  }, 120_000);

  afterAll(async () => {
    await devnet?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('join, send, messages, moderate (ban), conversations and leave', async () => {
    const sogs = devnet.info.sogs!;
    const url = `${sogs.url}/lobby?public_key=${sogs.pubkey}`;
    const id = `${sogs.url}/lobby`;
    const [alice] = await Promise.all([
      one(dir('alice'), 'create', '--name', 'Alice'),
      one(dir('admin'), 'restore', encodeRecoveryPassword(ADMIN_SEED), '--name', 'Admin'),
    ]);

    expect(await one(dir('alice'), 'join', url)).toEqual({ id, name: 'Lobby', url, kind: 'community' });
    expect(await one(dir('admin'), 'join', url.replace('/lobby', '/LOBBY'))).toMatchObject({ id, kind: 'community' });

    const sent = await one(dir('alice'), 'send', id, 'hello from the CLI');
    expect(sent).toMatchObject({ status: 'sent' });

    const received = await ok(dir('admin'), 'receive');
    expect(received).toEqual([expect.objectContaining({ conversationId: id, text: 'hello from the CLI' })]);
    const [row] = await ok(dir('admin'), 'messages', id);
    expect(row).toMatchObject({ conversationId: id, text: 'hello from the CLI', senderName: 'Alice', direction: 'incoming', timestamp: sent.timestamp });
    expect(String(row!.sender)).toMatch(/^15[0-9a-f]{64}$/);
    expect(row!.postedAt).toEqual(expect.any(Number));
    expect(row!.serverId).toEqual(expect.any(Number));

    const [own] = await ok(dir('alice'), 'messages', id);
    expect(own).toMatchObject({ id: sent.id, sender: row!.sender, senderSessionId: alice.sessionId, direction: 'outgoing', status: 'sent', serverId: row!.serverId });

    // Reactions in a room go to the server; its counts come back.
    expect(await one(dir('admin'), 'react', String(row!.id), '👍')).toEqual({ id: row!.id, reactions: [expect.objectContaining({ emoji: '👍', count: 1 })] });

    // A file goes to the room's file endpoint; `download` fetches it from there.
    const file = path.join(tmp, 'notes.txt');
    fs.writeFileSync(file, 'room notes\n'.repeat(20));
    const withFile = await one(dir('alice'), 'send', id, 'notes', '--attach', file);
    expect(withFile).toMatchObject({ status: 'sent' });
    expect(await ok(dir('admin'), 'receive')).toEqual([expect.objectContaining({ text: 'notes' })]);
    const fileRow = (await ok(dir('admin'), 'messages', id)).find((r) => r.text === 'notes')!;
    const [saved] = await ok(dir('admin'), 'download', String(fileRow.id), '--out', dir('downloads'));
    expect(saved).toMatchObject({ fileName: 'notes.txt', size: fs.statSync(file).size });
    expect(fs.readFileSync(String(saved!.path))).toEqual(fs.readFileSync(file));

    // Alice is no moderator; the admin bans her by her blinded id; her next post is refused (exit 1).
    const aliceTry = await cli(dir('alice'), ['moderate', id, 'ban', String(row!.sender)]);
    expect(aliceTry.code).toBe(1);
    expect(await one(dir('admin'), 'moderate', id, 'ban', String(row!.sender))).toEqual({ id, user: row!.sender, action: 'ban' });
    const refused = await cli(dir('alice'), ['send', id, 'still here?']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^session-cli: .*(refused|banned)/m);

    expect(await ok(dir('alice'), 'conversations')).toEqual([expect.objectContaining({ id, kind: 'community', name: 'Lobby' })]);
    expect(await one(dir('alice'), 'leave', id)).toEqual({ id, left: true });
    expect(await ok(dir('alice'), 'conversations')).toEqual([]);
  });
});
