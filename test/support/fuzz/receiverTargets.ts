// Fuzz target for Content protobufs from the network through the real receive pipeline (real SQLite,
// real libsodium): valid Contents of every kind, mutated at the byte level (then decoded, as any sender's
// bytes would be) or field by field, sent to us sealed and signed by a peer or by our other device. The
// receiver must account for each item exactly once (added, dropped, duplicate or ignored), never throw,
// keep what it stores bounded, and still take a plain message afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConversationStore } from '../../../ts/backend/db/conversationStore';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { createMessageStore } from '../../../ts/backend/db/messageStore';
import { runMigrations } from '../../../ts/backend/db/migrate';
import { MIGRATIONS } from '../../../ts/backend/db/migrations';
import { createReceivedContentStore } from '../../../ts/backend/db/receivedContentStore';
import { createEventBus } from '../../../ts/backend/events';
import { silentLogger } from '../../../ts/backend/log';
import { createConversationsService } from '../../../ts/backend/services/conversations';
import { createReceiver, type IncomingItem } from '../../../ts/backend/services/receiver';
import { SignalService, decodeContent, encode1o1Message, encodeContent, identityFromRecoverySeed, loadProtocol, secureRandom, type ContentProps, type Identity } from '../../../ts/protocol';
import { FuzzFailure, generate, hostileString, mutateBytes, mutateValue, roughSize, runFuzz, type FuzzReport, type Rng } from './core';

const T0 = 1_780_000_000_000;
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

function samples(me: Identity): ContentProps[] {
  const pointer = (id: number) => ({ deprecatedId: id, contentType: 'image/jpeg', key: bytes(64, 0x11), size: 5_000, digest: bytes(32, 0x22), fileName: 'cat.jpg', width: 640, height: 480, caption: 'a cat', url: `http://filev2.getsession.org/file/${id}` });
  const profile = { displayName: 'Alice', profilePicture: 'http://filev2.getsession.org/file/77', lastProfileUpdateSeconds: 1_780_000_000 };
  return [
    { dataMessage: { body: 'plain text' } },
    { dataMessage: { body: 'with files', attachments: [pointer(101), pointer(102)] } },
    { dataMessage: { body: 'replying', quote: { id: T0 - 5, author: me.sessionId, text: 'old text', attachments: [{ contentType: 'image/png', fileName: 'x.png' }] } } },
    { dataMessage: { body: 'see https://example.org/page', preview: [{ url: 'https://example.org/page', title: 'Example', image: pointer(104) }] } },
    { dataMessage: { reaction: { id: T0 - 5, author: me.sessionId, emoji: '👍', action: SignalService.DataMessage.Reaction.Action.REACT }, profile } },
    { dataMessage: { body: 'hi, new avatar', profile, profileKey: bytes(32, 0x34) } },
    { dataMessage: { communityInvitation: { url: `https://open.example.org/lobby?public_key=${'ab'.repeat(32)}`, name: 'Lobby' } } },
    { dataMessage: { flags: SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE }, expirationType: SignalService.Content.ExpirationType.DELETE_AFTER_READ, expirationTimer: 3600 },
    { dataMessage: { body: 'sent from my phone', attachments: [pointer(105)], syncTarget: '' } },
    { dataMessage: { body: 'disappearing' }, expirationType: SignalService.Content.ExpirationType.DELETE_AFTER_SEND, expirationTimer: 60 },
    { receiptMessage: { type: SignalService.ReceiptMessage.Type.READ, timestamp: [T0 - 5, T0 - 4] } },
    { typingMessage: { timestamp: T0, action: SignalService.TypingMessage.Action.STARTED } },
    { dataExtractionNotification: { type: SignalService.DataExtractionNotification.Type.MEDIA_SAVED, timestamp: T0 - 5 } },
    { unsendRequest: { timestamp: T0 - 1_000, author: me.sessionId } },
    { messageRequestResponse: { isApproved: true, profile: { displayName: 'Alice' } } },
    { callMessage: { type: SignalService.CallMessage.Type.OFFER, sdps: ['v=0'], uuid: 'call-1' } },
  ];
}

const FIELD_NAMES = ['dataMessage', 'body', 'attachments', 'quote', 'preview', 'reaction', 'profile', 'displayName', 'syncTarget', 'flags', 'expirationType', 'expirationTimer', 'id', 'author', 'text', 'emoji', 'action', 'url', 'title', 'fileName', 'size', 'key', 'timestamp', 'type', 'unsendRequest', 'receiptMessage', 'typingMessage'];

/** A Content a sender could put on the wire: encoded bytes mutated and decoded again, or mutated fields. */
function hostileContent(r: Rng, base: ContentProps): ContentProps | undefined {
  try {
    if (r.chance(0.6)) {
      const d = decodeContent(mutateBytes(r, encodeContent(base)));
      return d.ok ? (d.value as unknown as ContentProps) : undefined;
    }
    const mutated = mutateValue(r, base, FIELD_NAMES) as ContentProps;
    if (r.chance(0.2) && mutated && typeof mutated === 'object') {
      // Long and hostile texts where they are shown.
      const dm = (mutated as { dataMessage?: Record<string, unknown> }).dataMessage;
      if (dm && typeof dm === 'object') dm.body = hostileString(r, 200_000);
    }
    encodeContent(mutated);
    return mutated;
  } catch {
    return undefined; // not encodable: no sender can send it
  }
}

/** Runs `count` hostile Contents through a fresh receiver; failures are collected in the report. */
export async function receiverTarget(seed: number, count: number): Promise<FuzzReport> {
  await loadProtocol();
  const me = identityFromRecoverySeed(bytes(16, 0xc1));
  const peer = identityFromRecoverySeed(bytes(16, 0xc2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-receiver-'));
  const db = openEncryptedDatabase(path.join(dir, 'session.db'), bytes(32, 9));
  try {
    runMigrations(db, MIGRATIONS, silentLogger);
    let now = T0 + 10_000;
    const messages = createMessageStore(db);
    const conversations = createConversationStore(db);
    const events = createEventBus(silentLogger);
    const conversationsService = createConversationsService({ store: conversations, messages, events, now: () => now, db, ownId: () => me.sessionId });
    const receiver = createReceiver({ db, identity: me, messages, received: createReceivedContentStore(db), conversations, conversationsService, events, log: silentLogger, now: () => now, randomBytes: secureRandom });
    const base = samples(me);
    let hash = 0;
    const item = (sender: Identity, content: ContentProps): IncomingItem => {
      const out = encode1o1Message({ sender, recipient: me.sessionId, content, timestampMs: now - 1_000, random: secureRandom });
      return { hash: `fuzz-${seed}-${++hash}`, data: out.wrapper, expiration: now + 86_400_000 };
    };
    const report = await runFuzz('received Content', generate(seed, count, (r) => ({ content: hostileContent(r, r.pick(base)), fromMe: r.chance(0.2) })), async ({ content, fromMe }) => {
      now += 7;
      if (content === undefined) return false;
      let it: IncomingItem;
      try {
        it = item(fromMe ? me : peer, content);
      } catch {
        return false; // the sender's encoder refuses it: it never reaches anyone
      }
      const o = await receiver.process([it], []);
      const accounted = o.added.length + o.dropped + o.duplicates + o.ignored;
      if (accounted !== 1) throw new FuzzFailure(`one item accounted ${accounted} times (${JSON.stringify({ added: o.added.length, dropped: o.dropped, duplicates: o.duplicates, ignored: o.ignored })})`);
      for (const m of o.added) if (roughSize(m) > 400_000) throw new FuzzFailure(`stored message of ${roughSize(m)} bytes`);
      return o.added.length > 0;
    });
    // Still working: a plain message afterwards is stored.
    now += 7;
    const after = await receiver.process([item(peer, { dataMessage: { body: 'still here' } })], []);
    if (after.added.length !== 1) report.failures.push(`a plain message after the fuzz was not stored: ${JSON.stringify({ ...after, added: after.added.length, stats: receiver.stats })}`);
    return report;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
