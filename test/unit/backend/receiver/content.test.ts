// Nothing valid is lost: one Content for every DataMessage part of spec/messaging.md §3.2 and every other
// Content kind goes through the real receive pipeline (real SQLite, real libsodium). Each is stored with
// its raw Content (byte-exact), and each timeline message either shows its text or lists the parts this
// version cannot show; attachments become rows of their own (one per pointer, in order); content that is
// not a timeline message is kept under its protocol identity.
import type { ReceivedContentKind } from '../../../../ts/backend/db/receivedContentStore';
import type { MessageView, UnsupportedPart } from '../../../../ts/ipc/contract';
import { SignalService, decodeContent, identityFromRecoverySeed, loadProtocol, type ContentProps, type Identity } from '../../../../ts/protocol';
import { itemOf, messageRow, openHarness, type Harness } from './harness';

const T0 = 1_780_000_000_000;

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);
const pointer = (id: number) => ({
  deprecatedId: id,
  contentType: 'image/jpeg',
  key: bytes(64, 0x11),
  size: 5_000,
  digest: bytes(32, 0x22),
  fileName: 'cat.jpg',
  flags: 0,
  width: 640,
  height: 480,
  caption: 'a cat',
  url: `http://filev2.getsession.org/file/${id}`,
});
/** A length-delimited field number 40 that this version does not know (a future Content payload). */
const FUTURE_CONTENT_FIELD = new Uint8Array([0xc2, 0x02, 0x02, 0x08, 0x01]);
/** Varint field 500 = 1 inside a DataMessage (a future DataMessage part). */
const FUTURE_DATA_FIELD = new Uint8Array([0xa0, 0x1f, 0x01]);
/** The legacy DataMessage.expireTimer (field 5) = 60: ignored on receive (spec messaging §6.12). */
const LEGACY_EXPIRE_TIMER = new Uint8Array([0x28, 0x3c]);
/** An empty legacy ClosedGroupControlMessage (DataMessage field 104): legacy groups, shown as unknown. */
const LEGACY_GROUP_CONTROL = new Uint8Array([0xc2, 0x06, 0x00]);

type Expect =
  | { message: { text: string; unsupported?: UnsupportedPart[]; attachments?: number; conversation?: 'peer' | 'self'; direction?: 'incoming' | 'outgoing'; invitation?: string } }
  | { content: ReceivedContentKind }
  | { notStored: true };

interface Case {
  name: string;
  from: 'peer' | 'me';
  content: ContentProps;
  expect: Expect;
}

describe('the receiver keeps every Content', () => {
  let me: Identity;
  let peer: Identity;
  let h: Harness;

  beforeAll(async () => {
    await loadProtocol();
    me = identityFromRecoverySeed(bytes(16, 0xc1));
    peer = identityFromRecoverySeed(bytes(16, 0xc2));
  });
  beforeEach(() => {
    h = openHarness(me, T0 + 10_000);
  });
  afterEach(() => h.close());

  const cases = (): Case[] => {
    const profile = { displayName: 'Alice', profilePicture: 'http://filev2.getsession.org/file/77', lastProfileUpdateSeconds: 1_780_000_000 };
    return [
      // --- DataMessage parts (spec messaging §3.2) ---
      { name: 'body', from: 'peer', content: { dataMessage: { body: 'plain text' } }, expect: { message: { text: 'plain text' } } },
      { name: 'attachments only', from: 'peer', content: { dataMessage: { attachments: [pointer(101), pointer(102)] } }, expect: { message: { text: '', attachments: 2 } } },
      {
        name: 'body with a voice-message attachment',
        from: 'peer',
        content: { dataMessage: { body: 'listen', attachments: [{ ...pointer(103), contentType: 'audio/mpeg', flags: SignalService.AttachmentPointer.Flags.VOICE_MESSAGE }] } },
        expect: { message: { text: 'listen', attachments: 1 } },
      },
      {
        name: 'quote',
        from: 'peer',
        content: { dataMessage: { body: 'replying', quote: { id: T0 - 5, author: me.sessionId, text: 'old text', attachments: [{ contentType: 'image/png', fileName: 'x.png' }] } } },
        // The quote is shown (its reference is stored); the text and attachments it repeats are ignored (spec messaging §6.2).
        expect: { message: { text: 'replying' } },
      },
      {
        name: 'link preview',
        from: 'peer',
        content: { dataMessage: { body: 'see https://example.org/page', preview: [{ url: 'https://example.org/page', title: 'Example', image: pointer(104) }] } },
        // A link preview is shown (its image is row 32, not one of the attachments).
        expect: { message: { text: 'see https://example.org/page' } },
      },
      {
        name: 'reaction',
        from: 'peer',
        content: { dataMessage: { reaction: { id: T0 - 5, author: me.sessionId, emoji: '👍', action: SignalService.DataMessage.Reaction.Action.REACT }, profile } },
        expect: { content: 'reaction' },
      },
      {
        name: 'reaction removal',
        from: 'peer',
        content: { dataMessage: { reaction: { id: T0 - 5, author: me.sessionId, emoji: '👍', action: SignalService.DataMessage.Reaction.Action.REMOVE } } },
        expect: { content: 'reaction' },
      },
      { name: 'profile and profile key with a body', from: 'peer', content: { dataMessage: { body: 'hi, new avatar', profile, profileKey: bytes(32, 0x33) } }, expect: { message: { text: 'hi, new avatar' } } },
      { name: 'profile only', from: 'peer', content: { dataMessage: { profile, profileKey: bytes(32, 0x34) } }, expect: { content: 'profile' } },
      {
        name: 'community invitation',
        from: 'peer',
        content: { dataMessage: { communityInvitation: { url: `https://open.example.org/lobby?public_key=${'ab'.repeat(32)}`, name: 'Lobby' } } },
        // Shown as a joinable card (its share URL and name), nothing unsupported.
        expect: { message: { text: '', unsupported: undefined, invitation: 'Lobby' } },
      },
      {
        // An invitation is not a message (spec/cli.md): kept as content, handed to the groups service.
        name: 'group update (groups v2 invite)',
        from: 'peer',
        content: { dataMessage: { groupUpdateMessage: { inviteMessage: { groupSessionId: `03${'cd'.repeat(32)}`, name: 'Team', memberAuthData: bytes(100, 1), adminSignature: bytes(64, 2) } } } },
        expect: { content: 'group-update' },
      },
      {
        // A promotion is not a message either: kept as content, handed to the groups service (an admin's seed).
        name: 'group update (promotion)',
        from: 'peer',
        content: { dataMessage: { groupUpdateMessage: { promoteMessage: { groupIdentitySeed: bytes(32, 3), name: 'Team' } } } },
        expect: { content: 'group-update' },
      },
      {
        name: 'expiration timer update (flags)',
        from: 'peer',
        content: {
          dataMessage: { flags: SignalService.DataMessage.Flags.EXPIRATION_TIMER_UPDATE },
          expirationType: SignalService.Content.ExpirationType.DELETE_AFTER_READ,
          expirationTimer: 3600,
        },
        // Shown as a control message (disappearing messages), nothing unsupported.
        expect: { message: { text: '', unsupported: undefined } },
      },
      {
        name: 'sync copy of our own message (syncTarget)',
        from: 'me',
        content: { dataMessage: { body: 'sent from my phone', attachments: [pointer(105)], syncTarget: '' } },
        expect: { message: { text: 'sent from my phone', attachments: 1, conversation: 'peer', direction: 'outgoing' } },
      },
      {
        name: 'sync copy of our own reaction',
        from: 'me',
        content: { dataMessage: { reaction: { id: T0 - 7, author: '', emoji: '❤️', action: 0 }, syncTarget: '' } },
        expect: { content: 'reaction' },
      },
      { name: 'blocksCommunityMessageRequests with a body', from: 'peer', content: { dataMessage: { body: 'flagged', blocksCommunityMessageRequests: true } }, expect: { message: { text: 'flagged' } } },
      { name: 'blocksCommunityMessageRequests alone', from: 'peer', content: { dataMessage: { blocksCommunityMessageRequests: true } }, expect: { content: 'other' } },
      { name: 'legacy timestamp field', from: 'peer', content: { dataMessage: { body: 'old client', timestamp: T0 } }, expect: { message: { text: 'old client' } } },
      { name: 'legacy expireTimer field', from: 'peer', content: { dataMessage: { body: 'legacy timer', $unknowns: [LEGACY_EXPIRE_TIMER] } }, expect: { message: { text: 'legacy timer' } } },
      { name: 'legacy group control message', from: 'peer', content: { dataMessage: { $unknowns: [LEGACY_GROUP_CONTROL] } }, expect: { message: { text: '', unsupported: ['unknown'] } } },
      { name: 'unknown DataMessage part', from: 'peer', content: { dataMessage: { body: 'with a future part', $unknowns: [FUTURE_DATA_FIELD] } }, expect: { message: { text: 'with a future part', unsupported: ['unknown'] } } },
      {
        name: 'every visible part at once',
        from: 'peer',
        content: {
          dataMessage: {
            body: 'everything https://example.org',
            attachments: [pointer(106)],
            quote: { id: T0 - 5, author: me.sessionId },
            preview: [{ url: 'https://example.org', title: 'Example' }],
            communityInvitation: { url: `https://open.example.org/r?public_key=${'ab'.repeat(32)}`, name: 'R' },
            profile,
            $unknowns: [FUTURE_DATA_FIELD],
          },
        },
        expect: { message: { text: 'everything https://example.org', unsupported: ['unknown'], attachments: 1, invitation: 'R' } },
      },
      // --- The other Content kinds ---
      { name: 'read receipt', from: 'peer', content: { receiptMessage: { type: SignalService.ReceiptMessage.Type.READ, timestamp: [T0 - 5, T0 - 4] } }, expect: { content: 'read-receipt' } },
      { name: 'typing indicator', from: 'peer', content: { typingMessage: { timestamp: 0, action: SignalService.TypingMessage.Action.STARTED } }, expect: { notStored: true } },
      {
        name: 'data extraction notification',
        from: 'peer',
        content: { dataExtractionNotification: { type: SignalService.DataExtractionNotification.Type.MEDIA_SAVED, timestamp: T0 - 5 } },
        // Shown as the "Media saved by …" control message, nothing unsupported.
        expect: { message: { text: '', unsupported: undefined } },
      },
      {
        name: 'data extraction notification (screenshot)',
        from: 'peer',
        content: { dataExtractionNotification: { type: SignalService.DataExtractionNotification.Type.SCREENSHOT, timestamp: T0 - 5 } },
        expect: { message: { text: '', unsupported: ['data-extraction'] } },
      },
      { name: 'unsend request (target not here)', from: 'peer', content: { unsendRequest: { timestamp: T0 - 1_000, author: '' } }, expect: { content: 'unsend' } },
      { name: 'message request response', from: 'peer', content: { messageRequestResponse: { isApproved: true, profile: { displayName: 'Alice' }, profileKey: bytes(32, 5) } }, expect: { content: 'request-response' } },
      { name: 'call: pre-offer', from: 'peer', content: { callMessage: { type: SignalService.CallMessage.Type.PRE_OFFER, uuid: 'call-1' } }, expect: { message: { text: '', unsupported: ['call'] } } },
      { name: 'call: offer', from: 'peer', content: { callMessage: { type: SignalService.CallMessage.Type.OFFER, sdps: ['v=0'], uuid: 'call-1' } }, expect: { content: 'call' } },
      { name: 'call: ICE candidates', from: 'peer', content: { callMessage: { type: SignalService.CallMessage.Type.ICE_CANDIDATES, sdps: ['candidate:1'], sdpMLineIndexes: [0], sdpMids: ['0'], uuid: 'call-1' } }, expect: { content: 'call' } },
      { name: 'call: end', from: 'peer', content: { callMessage: { type: SignalService.CallMessage.Type.END_CALL, uuid: 'call-1' } }, expect: { content: 'call' } },
      { name: 'legacy shared config message', from: 'peer', content: { sharedConfigMessage: { kind: SignalService.SharedConfigMessage.Kind.CONTACTS, seqno: 3, data: bytes(40, 6) } }, expect: { content: 'shared-config' } },
      { name: 'unknown Content payload', from: 'peer', content: { $unknowns: [FUTURE_CONTENT_FIELD] }, expect: { message: { text: '', unsupported: ['unknown'] } } },
      { name: 'community-only Pro signature with a body', from: 'peer', content: { dataMessage: { body: 'signed' }, proSigForCommunityMessageOnly: bytes(64, 7) }, expect: { message: { text: 'signed' } } },
      { name: 'Session Pro message with a body', from: 'peer', content: { dataMessage: { body: 'pro' }, proMessage: { profileBitset: 1 } }, expect: { message: { text: 'pro' } } },
    ];
  };

  it('stores every DataMessage part and Content kind, shows its text or lists what it cannot show, and drops nothing', async () => {
    const all = cases();
    const items = all.map((c, i) => {
      const t = T0 + i;
      const sender = c.from === 'me' ? me : peer;
      const content: ContentProps = structuredClone(c.content);
      // Fill in the ids only known here (the sync target, a typing indicator's own timestamp, unsend authors).
      if (content.dataMessage?.syncTarget === '') content.dataMessage.syncTarget = peer.sessionId;
      if (content.dataMessage?.reaction && content.dataMessage.reaction.author === '') content.dataMessage.reaction.author = peer.sessionId;
      if (content.typingMessage) content.typingMessage.timestamp = t;
      if (content.unsendRequest) content.unsendRequest.author = sender.sessionId;
      return { c, t, sender, item: itemOf(sender, me.sessionId, content, t) };
    });
    const out = await h.receiver.process(
      items.map((x) => x.item),
      [],
    );
    expect(h.receiver.stats.dropReasons).toEqual({});
    expect(out.dropped).toBe(0);
    expect(out.duplicates).toBe(0);
    const messageCases = items.filter((x) => 'message' in x.c.expect);
    expect(out.added).toHaveLength(messageCases.length);
    expect(out.added.length + out.ignored).toBe(all.length);
    // Every hash is remembered, stored or not.
    expect(h.messages.seenAmong(items.map((x) => x.item.hash)).size).toBe(all.length);

    const listed = new Map<string, MessageView>();
    for (const id of [peer.sessionId]) for (const m of h.messages.list(id, undefined, 1000)) listed.set(`${m.sender}|${m.timestamp}`, m);

    for (const { c, t, sender, item } of items) {
      const e = c.expect;
      if ('message' in e) {
        const row = messageRow(h.db, sender.sessionId, t);
        expect({ name: c.name, stored: row !== undefined }).toEqual({ name: c.name, stored: true });
        if (!row) continue;
        // The raw Content is byte-exact and decodes to what was sent.
        expect(new Uint8Array(row.content as Buffer)).toEqual(item.contentBytes);
        const decoded = decodeContent(new Uint8Array(row.content as Buffer));
        expect(decoded.ok).toBe(true);
        if (decoded.ok && c.content.dataMessage?.body) expect(decoded.value.dataMessage?.body).toBe(c.content.dataMessage.body);
        const view = listed.get(`${sender.sessionId}|${t}`);
        // Row 32 is a link-preview image, not an attachment.
        const rows = h.attachmentQueue.forMessage(view?.id ?? '').filter((r) => r.index < 32);
        const shown = { name: c.name, text: view?.text, unsupported: view?.unsupported, invitation: view?.communityInvitation?.name, direction: view?.direction, conversationId: view?.conversationId, attachments: rows.length };
        expect(shown).toEqual({
          name: c.name,
          text: e.message.text,
          unsupported: e.message.unsupported,
          invitation: e.message.invitation,
          direction: e.message.direction ?? 'incoming',
          conversationId: peer.sessionId,
          attachments: e.message.attachments ?? 0,
        });
        // Each row carries its pointer as sent, in order.
        const sent = c.content.dataMessage?.attachments ?? [];
        expect(rows.map((r) => [r.index, r.url, r.fileName, r.contentType, r.size])).toEqual(sent.map((p, i) => [i, p.url, p.fileName, p.contentType, p.size]));
        // Shown means something: text, attachments, or at least one placeholder part.
        expect(view && (view.text !== '' || rows.length > 0 || (view.unsupported?.length ?? 0) > 0 || view.control !== undefined || view.communityInvitation !== undefined)).toBe(true);
        expect(view).not.toHaveProperty('content');
        expect(h.messages.rawContent(view?.id ?? '')).toEqual(item.contentBytes);
      } else if ('content' in e) {
        const stored = h.received.get(sender.sessionId, t);
        expect({ name: c.name, kind: stored?.kind }).toEqual({ name: c.name, kind: e.content });
        expect(stored?.content).toEqual(item.contentBytes);
        expect(stored?.hash).toBe(item.hash);
        expect(messageRow(h.db, sender.sessionId, t)).toBeUndefined();
      } else {
        expect(messageRow(h.db, sender.sessionId, t)).toBeUndefined();
        expect(h.received.get(sender.sessionId, t)).toBeUndefined();
      }
    }
    // A reaction keeps its target, so it can be applied (and deleted with its message).
    const reaction = items.find((x) => x.c.name === 'reaction');
    expect(h.received.get(peer.sessionId, reaction?.t ?? 0)?.target).toEqual({ sender: me.sessionId, sentAt: T0 - 5 });
    // The profile in a message, a bare profile update and the request response all named the contact.
    expect(h.conversations.contact(peer.sessionId)).toMatchObject({ profileName: 'Alice', didApproveMe: true });
    // One event batch for the poll, without raw content.
    expect(h.log['messages.added']).toHaveLength(1);
    expect(JSON.stringify(h.log['messages.added'])).not.toContain('"content"');
  });

  it('keeps the rules that make input invalid: those items are dropped and counted, and still marked seen', async () => {
    const stranger = identityFromRecoverySeed(bytes(16, 0xc3));
    const bad = [
      itemOf(peer, me.sessionId, { dataMessage: { body: 'x', flags: 8 } }, T0 + 1),
      itemOf(peer, me.sessionId, { dataMessage: { attachments: Array.from({ length: 33 }, (_, i) => pointer(i)) } }, T0 + 2),
      itemOf(peer, me.sessionId, { messageRequestResponse: { isApproved: false } }, T0 + 3),
      itemOf(stranger, me.sessionId, { unsendRequest: { timestamp: T0 - 1, author: peer.sessionId } }, T0 + 4),
      itemOf(peer, me.sessionId, { expirationTimer: 0 }, T0 + 5),
      { hash: 'garbage', data: new Uint8Array([1, 2, 3]), expiration: 1, contentBytes: new Uint8Array(0) },
    ];
    const out = await h.receiver.process(bad, []);
    expect(out).toMatchObject({ added: [], dropped: 6 });
    expect(h.receiver.stats.dropReasons).toEqual({
      unknown_flags: 1,
      too_many_attachments: 1,
      request_response_not_approved: 1,
      unsend_not_author: 1,
      unsupported_content: 1,
      wrapper_invalid: 1,
    });
    expect(h.messages.seenAmong(bad.map((b) => b.hash)).size).toBe(6);
    expect((h.db.prepare('SELECT count(*) AS n FROM received_content').get() as { n: number }).n).toBe(0);
  });

  it('drops everything from a blocked sender except a group promotion, which is kept (not shown)', async () => {
    h.conversations.setBlocked(peer.sessionId, true, 1);
    const out = await h.receiver.process(
      [
        itemOf(peer, me.sessionId, { dataMessage: { body: 'let me in' } }, T0 + 1),
        itemOf(peer, me.sessionId, { dataMessage: { reaction: { id: 1, author: me.sessionId, emoji: '😠', action: 0 } } }, T0 + 2),
        itemOf(peer, me.sessionId, { dataMessage: { groupUpdateMessage: { promoteMessage: { groupIdentitySeed: bytes(32, 3), name: 'Team' } } } }, T0 + 3),
      ],
      [],
    );
    expect(out).toMatchObject({ added: [], dropped: 2, ignored: 1 });
    expect(h.receiver.stats.dropReasons).toEqual({ blocked_sender: 2 });
    expect(h.received.get(peer.sessionId, T0 + 3)?.kind).toBe('group-update');
    expect(h.messages.list(peer.sessionId, undefined, 10)).toEqual([]);
  });

  it('keeps the Content of our own message when its sync copy comes back to the device that sent it', async () => {
    h.conversations.touch(peer.sessionId, 'private', T0);
    h.messages.insert({ id: 'sent-here', conversationId: peer.sessionId, sender: me.sessionId, direction: 'outgoing', body: 'from this device', sentAt: T0, receivedAt: T0, status: 'sent' });
    expect(h.messages.rawContent('sent-here')).toBeUndefined();
    const copy = itemOf(me, me.sessionId, { dataMessage: { body: 'from this device', syncTarget: peer.sessionId } }, T0);
    const out = await h.receiver.process([copy], []);
    expect(out).toMatchObject({ added: [], duplicates: 1, dropped: 0 });
    expect(h.messages.rawContent('sent-here')).toEqual(copy.contentBytes);
    // A later copy never replaces it.
    await h.receiver.process([itemOf(me, me.sessionId, { dataMessage: { body: 'other bytes', syncTarget: peer.sessionId } }, T0)], []);
    expect(h.messages.rawContent('sent-here')).toEqual(copy.contentBytes);
  });

  it('dedupes stored content by (sender, timestamp) like messages', async () => {
    const receipt: ContentProps = { receiptMessage: { type: SignalService.ReceiptMessage.Type.READ, timestamp: [T0] } };
    await h.receiver.process([itemOf(peer, me.sessionId, receipt, T0 + 1)], []);
    const again = await h.receiver.process([itemOf(peer, me.sessionId, receipt, T0 + 1)], []);
    expect(again).toMatchObject({ duplicates: 1, ignored: 0, dropped: 0 });
    expect(h.received.listForConversation(peer.sessionId)).toHaveLength(1);
  });
});
