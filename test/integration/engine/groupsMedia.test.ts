// Media and quotes in a groups v2 group on a devnet, member side: the admin is played by the harness built
// from the protocol layer's admin primitives (groupAdmin.ts). A file the member sends into the group is
// uploaded to the devnet's file server and its pointer, opened by the admin with the group's keys, downloads
// and decrypts to the original bytes (digest checked); a file and a quote the admin sends into the group are
// shown on the member's side, the file downloaded and the quote resolved to the member's own message; the
// admin unsending the member's file message deletes it with its file on the member's device.
import { randomBytes } from 'node:crypto';
import type { Backend } from '../../../ts/backend';
import type { MessageView } from '../../../ts/ipc/contract';
import { loadCustomNetwork } from '../../../ts/network/config';
import { createHttpClient } from '../../../ts/network/http';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import { MemoryNetworkStore } from '../../../ts/network/store';
import { decryptAttachment, encryptAttachment, identityFromRecoverySeed, loadProtocol, secureRandom } from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';
import { TestGroupAdmin } from './groupAdmin';
import { findMessage, pointerOf, readAttachment, sha256Hex, stage, uploadBlob, waitForAttachment } from './mediaHelpers';

jest.setTimeout(90_000);

describe('groups v2: media and quotes (devnet)', () => {
  const env = devnetBackends('groups-media-', { nodes: 9, swarmSize: 3, noSogs: true, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 100);
  let net: SessionNetwork;
  let bob: Backend;
  let bobId: string;
  let admin: TestGroupAdmin;

  beforeAll(async () => {
    await loadProtocol();
    net = new SessionNetwork({ config: await loadCustomNetwork(env.devnet.info.seedUrl, createHttpClient()), store: new MemoryNetworkStore() });
    net.start();
    bob = await env.open('bob', { configPushDelayMs: 0 });
    bobId = (await bob.handlers['account.create']({ displayName: 'Bob' })).sessionId;
    admin = new TestGroupAdmin(net, identityFromRecoverySeed(secureRandom(16)), 'Media Group', Date.now());
    admin.setMember(bobId, 'Bob');
    await admin.rekeyAndPush();
    await admin.invite(bobId);
    await until('the invitation', async () => {
      await pollOk(bob);
      return (await bob.handlers['conversations.list']({ requests: true })).find((c) => c.id === admin.id);
    });
    await bob.handlers['conversations.accept']({ id: admin.id });
  });
  afterAll(() => net.stop());

  const sentOk = (id: string): Promise<MessageView> =>
    until(`message ${id} sent`, async () => {
      const m = await findMessage(bob, admin.id, (x) => x.id === id);
      if (m?.status === 'failed') throw new Error(`send failed: ${m.error ?? ''}`);
      return m?.status === 'sent' ? m : undefined;
    });

  let bobFile: MessageView;

  it('a file the member sends into the group: the admin opens the pointer and its blob decrypts to the original', async () => {
    const original = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(40_000)]));
    const staged = await stage(bob, original, { fileName: 'minutes.pdf' });
    const sent = await bob.handlers['messages.send']({ to: admin.id, text: 'the minutes', attachments: [{ stageId: staged.stageId }] });
    bobFile = await sentOk(sent.id);
    expect(bobFile.attachments?.[0]).toMatchObject({ state: 'downloaded', fileName: 'minutes.pdf', size: original.length });

    // The message as the group's swarm holds it, opened with the group's keys.
    const inGroup = (await admin.read()).filter((m) => m.sender === bobId && m.timestampMs === sent.timestamp);
    expect(inGroup).toHaveLength(1);
    const dm = inGroup[0]!.content.dataMessage!;
    expect(dm.body).toBe('the minutes');
    const p = dm.attachments![0]!;
    expect([p.contentType, p.size, p.fileName]).toEqual(['application/pdf', original.length, 'minutes.pdf']);
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/file\/[A-Za-z0-9_-]+$/);
    const blob = await net.downloadFile(p.url!);
    const plain = decryptAttachment({ blob, key: p.key!, digest: p.digest!, size: p.size! });
    if (!plain.ok) throw plain.error;
    expect(sha256Hex(plain.value)).toBe(sha256Hex(original));
    // A wrong digest is refused: the check above is a real one.
    const badDigest = p.digest!.slice();
    badDigest[0] = (badDigest[0] as number) ^ 1;
    expect(decryptAttachment({ blob, key: p.key!, digest: badDigest, size: p.size! }).ok).toBe(false);
  });

  it('a file and a quote the admin sends into the group: downloaded and resolved on the member’s side', async () => {
    const original = new Uint8Array(randomBytes(30_000));
    const enc = encryptAttachment(original, secureRandom);
    const uploaded = await uploadBlob(net, enc.blob);
    const t = await admin.send({
      dataMessage: {
        body: 'thanks, here are mine',
        attachments: [pointerOf(enc, uploaded.url, { fileName: 'notes.bin' })],
        quote: { id: bobFile.timestamp, author: bobId, text: 'the minutes' },
      },
    });
    const byTime = (m: MessageView): boolean => m.timestamp === t && m.sender === admin.identity.sessionId;
    let m = await until('the admin’s message', async () => {
      await pollOk(bob);
      return findMessage(bob, admin.id, byTime);
    });
    expect(m).toMatchObject({ direction: 'incoming', text: 'thanks, here are mine' });
    expect(m.quote).toEqual({ author: bobId, timestamp: bobFile.timestamp, messageId: bobFile.id, text: 'the minutes', attachment: expect.objectContaining({ fileName: 'minutes.pdf' }) });
    expect(m.quote?.messageId).toBe(bobFile.id);
    expect(m.mentionsMe).toBe(true);
    // The admin is not one of Bob's approved contacts: as in the official apps (trust is per sender), the file
    // waits for Bob to download it.
    expect(m.attachments?.[0]).toMatchObject({ state: 'not-downloaded', fileName: 'notes.bin', size: original.length });
    await bob.handlers['attachments.download']({ messageId: m.id });
    m = await waitForAttachment(bob, admin.id, byTime, ['downloaded', 'failed', 'expired'], { poll: false });
    expect(m.attachments?.[0]).toMatchObject({ state: 'downloaded', fileName: 'notes.bin', size: original.length });
    expect(sha256Hex((await readAttachment(bob, m.id, 0)).bytes)).toBe(sha256Hex(original));
  });

  it('the admin unsends the member’s file message: it goes with its file on the member’s device', async () => {
    expect((await readAttachment(bob, bobFile.id, 0)).bytes.length).toBeGreaterThan(0);
    await admin.send({ unsendRequest: { timestamp: bobFile.timestamp, author: bobId } });
    const gone = await until('the file message deleted by the admin', async () => {
      await pollOk(bob);
      const m = await findMessage(bob, admin.id, (x) => x.id === bobFile.id);
      return m?.deleted ? m : undefined;
    });
    expect(gone.text).toBe('');
    expect(gone.attachments ?? []).toEqual([]);
    await expect(bob.handlers['attachments.read']({ messageId: bobFile.id, index: 0, variant: 'full', offset: 0 })).rejects.toThrow();
  });
});
