// A large backlog waiting in the swarm of an account that was offline: the receiver must catch up on every
// message. The storage server caps a retrieve's answer (max_size -2: 3.9 MB of its size estimate) and sets
// `more`, so the first page is as large as a page gets (over 5 million base64 characters in its onion
// reply) and the rest follows in further retrieves from `last_hash`. Long bodies keep the count small.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend, type Backend } from '../../../ts/backend';
import type { Logger } from '../../../ts/backend/log';
import type { MessageView } from '../../../ts/ipc/contract';
import { encode1o1Message, encodeRecoveryPassword, identityFromRecoverySeed, loadProtocol, secureRandom, type Identity } from '../../../ts/protocol';
import { DevnetDb } from '../../../tools/devnet/db';
import { startDevnet, type Devnet } from '../../../tools/devnet';
import { messageHash } from '../../../tools/devnet/swarm';
import { waitUntil } from '../../support/until';

const N = 2_000;
const SENDERS = 50;
const BODY = 'a long message body that makes the backlog fill a retrieve page with fewer messages. '.repeat(24);
/** The storage server's size estimate of a retrieve answer (spec network §4: 100 + hash + 4/3 of the data per message). */
const RETRIEVE_PAGE = 7_800_000 / 2;
let estimate = 0;

let stateDir = '';
let dataDir = '';
let devnet: Devnet | undefined;
let backend: Backend | undefined;
const warnings: string[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  warn: (m, d) => warnings.push(`${m} ${d instanceof Error ? d.message : d === undefined ? '' : JSON.stringify(d)}`),
  error: (m, d) => warnings.push(`${m} ${d instanceof Error ? d.message : d === undefined ? '' : JSON.stringify(d)}`),
};

const recipientSeed = new Uint8Array(16).fill(0xb7);

beforeAll(async () => {
  await loadProtocol();
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backlog-devnet-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backlog-data-'));
  const recipient = identityFromRecoverySeed(recipientSeed);
  const first = await startDevnet({ nodes: 12, stateDir });
  const members = first.swarmNodes(recipient.sessionId).map((n) => n.ed25519);
  await first.stop();
  const senders: Identity[] = Array.from({ length: SENDERS }, (_, i) => {
    const seed = new Uint8Array(16);
    new DataView(seed.buffer).setUint32(0, 0x20000 + i);
    return identityFromRecoverySeed(seed);
  });
  const pk33 = Buffer.from(recipient.sessionId, 'hex');
  const db = new DevnetDb(path.join(stateDir, 'devnet.sqlite'));
  try {
    const t0 = Date.now() - N;
    const expiry = Date.now() + 86_400_000;
    for (let i = 0; i < N; i++) {
      const data = encode1o1Message({
        sender: senders[i % SENDERS] as Identity,
        recipient: recipient.sessionId,
        content: { dataMessage: { body: `${i} ${BODY}` } },
        timestampMs: t0 + i,
        random: secureRandom,
      }).wrapper;
      const hash = messageHash(pk33, 0, data);
      estimate += 100 + hash.length + Math.floor((data.length * 4) / 3);
      for (const node of members) db.store(node, recipient.sessionId, { hash, timestamp: t0 + i, expiry, data, namespace: 0 }, false);
    }
  } finally {
    db.close();
  }
  devnet = await startDevnet({ nodes: 12, stateDir });
}, 120_000);

afterAll(async () => {
  await backend?.close();
  await devnet?.stop();
  for (const d of [stateDir, dataDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

test('a restored account catches up on a backlog larger than one retrieve page', async () => {
  // The backlog needs at least two pages, the first one full.
  expect(estimate).toBeGreaterThan(RETRIEVE_PAGE * 1.2);
  backend = await openBackend({
    dataDir,
    seedUrl: devnet!.info.seedUrl,
    host: 'cli',
    appVersion: '0.0.0',
    logger,
    engine: { pollIntervalMs: 500, restoreWaitMs: 500 },
  });
  const seen = new Set<string>();
  backend.on('messages.added', (p: { messages: MessageView[] }) => {
    for (const m of p.messages) if (m.direction === 'incoming') seen.add(m.text);
  });
  await backend.handlers['account.restore']({ mnemonic: encodeRecoveryPassword(recipientSeed), displayName: 'Backlog' });
  await waitUntil(`all ${N} messages`, () => seen.size >= N, 60_000, 100).catch((e: unknown) => {
    throw new Error(`${seen.size} of ${N} messages arrived; the poller logged: ${warnings.join(' | ') || 'nothing'} (${String(e)})`);
  });
  for (let i = 0; i < N; i++) expect(seen.has(`${i} ${BODY}`)).toBe(true);
  expect(warnings).toEqual([]);
}, 120_000);
