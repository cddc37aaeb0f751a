// Sending a file through a devnet: staged in chunks, uploaded by the outbox through onion requests to the
// devnet's file server, and the pointer in the message that reaches the recipient's swarm opens the blob
// the file server holds (read from its folder) back into the original bytes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Backend } from '../../../ts/backend';
import { MEDIA_CHUNK_BYTES, type MessageView } from '../../../ts/ipc/contract';
import { SessionNetwork } from '../../../ts/network';
import { decode1o1Message, decodeRecoveryPassword, decryptAttachment, hasField, identityFromRecoverySeed, type Identity } from '../../../ts/protocol';
import { devnetBackends, pollOk, until } from './fixture';

jest.setTimeout(120_000);

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-send-devnet-'));
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));
const env = devnetBackends('media-send-', { nodes: 12, swarmSize: 4, fanoutTimeoutMs: 500, relayTimeoutMs: 2_000, stateDir }, 100);

/** What Alice's network client stored, by destination: the bytes the recipient's swarm holds. */
const stored: { pubkey: string; data: Uint8Array }[] = [];
class RecordingNetwork extends SessionNetwork {
  override async storeMessage(...args: Parameters<SessionNetwork['storeMessage']>): ReturnType<SessionNetwork['storeMessage']> {
    const result = await super.storeMessage(...args);
    stored.push({ pubkey: args[0], data: args[2] });
    return result;
  }
}

let alice: Backend;
let bob: Backend;
let bobIdentity: Identity;
let A = '';

beforeAll(async () => {
  alice = await env.open('alice', {
    createNetwork: (a) => new RecordingNetwork({ config: a.config, store: a.store, ownPubkey: a.ownPubkey, now: a.now, randomBytes: a.randomBytes }),
  });
  bob = await env.open('bob');
  A = (await alice.handlers['account.create']({ displayName: 'Alice' })).sessionId;
  const { mnemonic } = await bob.handlers['account.create']({ displayName: 'Bob' });
  const seed = decodeRecoveryPassword(mnemonic);
  if (!seed.ok) throw seed.error;
  bobIdentity = identityFromRecoverySeed(seed.value);
});

it('uploads a 1.5 MB file to the devnet file server and the recipient’s pointer decrypts its blob to the original', async () => {
  // Bob writes first: files to someone who has not answered our request yet are refused.
  await bob.handlers['messages.send']({ to: A, text: 'send me the file' });
  await until('Alice hears from Bob', async () => {
    await pollOk(alice);
    return (await alice.handlers['messages.takeNew']({ consumer: 't' })).length > 0;
  });

  const original = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1_500_000)]));
  const { stageId } = await alice.handlers['attachments.stageBegin']({ size: original.length, fileName: 'report.pdf' });
  for (let at = 0; at < original.length; at += MEDIA_CHUNK_BYTES) {
    const chunk = original.subarray(at, at + MEDIA_CHUNK_BYTES);
    await alice.handlers['attachments.stageChunk']({ stageId, offset: at, dataBase64: Buffer.from(chunk).toString('base64') });
  }
  expect(await alice.handlers['attachments.stageEnd']({ stageId })).toMatchObject({ contentType: 'application/pdf', size: original.length });

  const updates: MessageView[] = [];
  alice.on('messages.updated', (e) => updates.push(...e.messages));
  const sent = await alice.handlers['messages.send']({ to: bobIdentity.sessionId, text: '', attachments: [{ stageId }] });
  const done = await until('sent', () => updates.find((m) => m.id === sent.id && m.status === 'sent'));
  expect(done.attachments?.[0]).toMatchObject({ state: 'downloaded', fileName: 'report.pdf', size: original.length });
  expect(updates.some((m) => m.id === sent.id && m.attachments?.[0]?.state === 'uploading' && m.attachments[0].progress !== undefined)).toBe(true);

  // The message as Bob's swarm holds it.
  const toBob = stored
    .filter((s) => s.pubkey === bobIdentity.sessionId)
    .map((s) => decode1o1Message(bobIdentity, s.data))
    .flatMap((r) => (r.ok && r.value.timestampMs === sent.timestamp ? [r.value] : []));
  expect(toBob).toHaveLength(1);
  const dm = toBob[0]!.content.dataMessage!;
  expect(hasField(dm, 'body')).toBe(false);
  const p = dm.attachments![0]!;
  expect([p.contentType, p.size, p.fileName]).toEqual(['application/pdf', original.length, 'report.pdf']);
  // The devnet's own file server holds the blob (its URL, no fragment: it is this network's default server).
  expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/file\/[A-Za-z0-9_-]+$/);
  expect(String(p.deprecatedId)).toBe('0');
  const id = p.url!.split('/').pop()!;
  const blob = new Uint8Array(fs.readFileSync(path.join(stateDir, 'files', id)));
  const plain = decryptAttachment({ blob, key: p.key!, digest: p.digest!, size: p.size! });
  if (!plain.ok) throw plain.error;
  expect(Buffer.from(plain.value).equals(Buffer.from(original))).toBe(true);

  // And Bob's client gets the message itself.
  await until('Bob receives it', async () => {
    await pollOk(bob);
    return (await bob.handlers['messages.takeNew']({ consumer: 't' })).some((m) => m.timestamp === sent.timestamp);
  });
});
