// Profile pictures end to end on a devnet: Alice stages a photo as her picture (squared, re-encoded,
// metadata stripped), which is encrypted and uploaded to the devnet's file server through onion requests;
// Bob receives a message from her, downloads and decrypts the picture, and serves exactly her processed
// image. Removing it reaches Bob with her next message.
import sharp from 'sharp';
import type { Backend } from '../../../ts/backend';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(180_000);

describe('profile pictures between two accounts (devnet)', () => {
  const env = devnetBackends('avatars-int-', { nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000 }, 60_000);

  const settled = async (b: Backend): Promise<void> => {
    const r = await b.followUps.settle({ signal: AbortSignal.timeout(60_000) });
    if (!r.settled || r.failed.length > 0) throw new Error(`follow-ups not stored: ${JSON.stringify(r)}`);
  };
  const messageArrives = async (b: Backend, from: string, text: string): Promise<void> => {
    await until(`"${text}" arrives`, async () => {
      await pollOk(b);
      return (await b.handlers['conversations.list']({})).find((c) => c.id === from)?.lastMessage?.text === text;
    });
  };

  it('Alice sets a picture; Bob gets it with her message; her removal reaches him', async () => {
    const alice = await env.open('alice', { configPushDelayMs: 0 });
    const bob = await env.open('bob', { configPushDelayMs: 0 });
    const a = await alice.handlers['account.create']({ displayName: 'Alice' });
    const b = await bob.handlers['account.create']({ displayName: 'Bob' });
    await pollOk(alice);

    const raw = Buffer.alloc(800 * 500 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 13) & 0xff;
    const photo = await sharp(raw, { raw: { width: 800, height: 500, channels: 3 } })
      .jpeg()
      .withExif({ IFD0: { Make: 'Camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
      .toBuffer();
    const { stageId } = await alice.handlers['attachments.stageBegin']({ fileName: 'me.jpg', contentType: 'image/jpeg', size: photo.length });
    await alice.handlers['attachments.stageChunk']({ stageId, offset: 0, dataBase64: photo.toString('base64') });
    await alice.handlers['attachments.stageEnd']({ stageId, purpose: 'avatar' });
    const account = await until('the picture uploaded', async () => {
      try {
        return await alice.handlers['account.setAvatar']({ stageId });
      } catch (err) {
        // Paths may still be building: the stage stays until the upload succeeds.
        if ((err as { code?: string }).code === 'network') return undefined;
        throw err;
      }
    });
    expect(account.avatarVersion).toMatch(/^[0-9a-f]{16}$/);
    const mine = await alice.handlers['avatars.get']({ id: a.sessionId });
    const processed = Buffer.from(mine?.dataBase64 ?? '', 'base64');
    const meta = await sharp(processed).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([500, 500, undefined]);

    await alice.handlers['messages.send']({ to: b.sessionId, text: 'look at my picture' });
    await settled(alice);
    await messageArrives(bob, a.sessionId, 'look at my picture');
    const theirs = await until('Alice’s picture at Bob', async () => (await bob.handlers['avatars.get']({ id: a.sessionId })) ?? undefined);
    expect(Buffer.from(theirs.dataBase64, 'base64').equals(processed)).toBe(true);
    expect(theirs.version).toBe(account.avatarVersion);
    expect((await bob.handlers['conversations.list']({})).find((c) => c.id === a.sessionId)?.avatarVersion).toBe(account.avatarVersion);

    await alice.handlers['account.setAvatar']({ stageId: null });
    await alice.handlers['messages.send']({ to: b.sessionId, text: 'no picture now' });
    await settled(alice);
    await messageArrives(bob, a.sessionId, 'no picture now');
    await until('the picture gone at Bob', async () => (await bob.handlers['avatars.get']({ id: a.sessionId })) === null);
  });
});
