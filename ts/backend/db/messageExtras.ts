// The parts of a message view that join other rows, added to a batch of views in a few queries: the quoted
// message (text and first attachment, or "not found"), reactions (joined by the target's identity, so a
// reaction that arrived before its message shows once the message is here). Both count only within the
// view's own conversation: a reply or a reaction naming a message of another conversation shows nothing of it.
import type { MessageView, ReactionView } from '../../ipc/contract';
import { buildCommunityUrl, decodeContent, parseCommunityUrl } from '../../protocol';
import type { Db } from './database';

/** Index of a message's link-preview image among its attachment rows (0..31 are the attachments). */
export const LINK_PREVIEW_ATTACHMENT_INDEX = 32;

export function attachMessageExtras(db: Db): (views: MessageView[]) => MessageView[] {
  // Prepared on first use, so a store made on an older schema (migration tests) still opens.
  let q: ReturnType<typeof prepare> | undefined;
  return (views) => extras((q ??= prepare(db)), views);
}

function prepare(db: Db) {
  const selectMe = db.prepare<[], { session_id: string }>('SELECT session_id FROM identity WHERE id = 1');
  // Remembered once known (an account may be created after the store opened).
  let me: string | undefined;
  const ourId = (): string => (me ??= selectMe.get()?.session_id) ?? '';

  // Senders in the order their reactions arrived (by the reactions' sent time); emojis in order of first use.
  const selectReactions = db.prepare<[string], { conversation_id: string; target_sender: string; target_sent_at: number; emoji: string; reactor: string }>(
    `SELECT r.conversation_id, r.target_sender, r.target_sent_at, r.emoji, r.reactor FROM json_each(?) AS j
       JOIN reactions AS r ON r.target_sender = json_extract(j.value, '$[0]') AND r.target_sent_at = json_extract(j.value, '$[1]')
                          AND r.conversation_id = json_extract(j.value, '$[2]')
      WHERE r.action = 'react'
      ORDER BY r.sent_at, r.reactor`,
  );
  const selectQuoted = db.prepare<
    [string],
    { id: string; conversation_id: string; sender: string; sent_at: number; body: string; deleted: number; control: string | null; content_type: string | null; file_name: string | null; flags: number | null; thumb_id: string | null }
  >(
    `SELECT m.id, m.conversation_id, m.sender, m.sent_at, m.body, m.deleted, m.control, a.content_type, a.file_name, a.flags, a.thumb_id FROM json_each(?) AS j
       JOIN messages AS m ON m.sender = json_extract(j.value, '$[0]') AND m.sent_at = json_extract(j.value, '$[1]')
                         AND m.conversation_id = json_extract(j.value, '$[2]')
       LEFT JOIN attachments AS a ON a.message_id = m.id AND a.idx = 0`,
  );

  // --- communities (begin) ---
  // A room's reactions are the server's counts (spec advanced A.6), in the server's order.
  const selectRoomReactions = db.prepare<[string], { message_id: string; emoji: string; count: number; you: number; reactors: string }>(
    `SELECT r.message_id, r.emoji, r.count, r.you, r.reactors FROM json_each(?) AS j
       JOIN community_reactions AS r ON r.message_id = j.value
      WHERE r.count > 0 ORDER BY r.message_id, r.idx`,
  );
  // The stored Content of messages holding a community invitation (shown as a card: its URL and name).
  const selectContents = db.prepare<[string], { id: string; content: Buffer }>(
    'SELECT m.id, m.content FROM json_each(?) AS j JOIN messages AS m ON m.id = j.value WHERE m.content IS NOT NULL',
  );
  // --- communities (end) ---

  return { ourId, selectReactions, selectQuoted, selectRoomReactions, selectContents };
}

/** The invitation of a stored Content, if it names a valid share URL (spec messaging §6.5, advanced A.1). */
function invitationOf(content: Uint8Array): { url: string; name: string } | undefined {
  const c = decodeContent(content);
  const inv = c.ok ? c.value.dataMessage?.communityInvitation : undefined;
  if (!inv || typeof inv.url !== 'string') return undefined;
  const parsed = parseCommunityUrl(inv.url);
  if (!parsed.ok) return undefined;
  const name = typeof inv.name === 'string' && inv.name.trim() !== '' ? inv.name.trim().slice(0, 200) : parsed.value.room;
  return { url: buildCommunityUrl(parsed.value.baseUrl, parsed.value.room, parsed.value.pubkeyHex), name };
}

type Prepared = ReturnType<typeof prepare>;

function extras({ ourId, selectReactions, selectQuoted, selectRoomReactions, selectContents }: Prepared, views: MessageView[]): MessageView[] {
  if (views.length === 0) return views;
  // --- communities (begin) ---
  // A community invitation becomes a joinable card (its part is then no longer "unsupported").
  const inviting = views.filter((v) => v.unsupported?.includes('community-invitation'));
  if (inviting.length > 0) {
    const contents = new Map(selectContents.all(JSON.stringify(inviting.map((v) => v.id))).map((r) => [r.id, r.content]));
    for (const v of inviting) {
      const bytes = contents.get(v.id);
      const invitation = bytes ? invitationOf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)) : undefined;
      if (!invitation) continue;
      v.communityInvitation = invitation;
      const rest = (v.unsupported ?? []).filter((p) => p !== 'community-invitation');
      if (rest.length > 0) v.unsupported = rest;
      else delete v.unsupported;
    }
  }
  const room = views.filter((v) => v.serverId !== undefined);
  const roomReactions = new Map<string, ReactionView[]>();
  if (room.length > 0) {
    for (const r of selectRoomReactions.all(JSON.stringify(room.map((v) => v.id)))) {
      let reactors: string[] = [];
      try {
        const parsed = JSON.parse(r.reactors) as unknown;
        if (Array.isArray(parsed)) reactors = parsed.filter((x): x is string => typeof x === 'string');
      } catch {
        // a malformed list shows no names
      }
      const list = roomReactions.get(r.message_id) ?? [];
      list.push({ emoji: r.emoji, count: r.count, senders: reactors, mine: r.you === 1 });
      roomReactions.set(r.message_id, list);
    }
  }
  // --- communities (end) ---
  const key = (conversationId: string, sender: string, sentAt: number): string => `${conversationId}|${sender}|${sentAt}`;

  const reactions = new Map<string, Map<string, string[]>>();
  for (const r of selectReactions.all(JSON.stringify(views.map((v) => [v.sender, v.timestamp, v.conversationId])))) {
    const k = key(r.conversation_id, r.target_sender, r.target_sent_at);
    let byEmoji = reactions.get(k);
    if (!byEmoji) reactions.set(k, (byEmoji = new Map()));
    const senders = byEmoji.get(r.emoji) ?? [];
    senders.push(r.reactor);
    byEmoji.set(r.emoji, senders);
  }

  const quoting = views.filter((v) => v.quote !== undefined);
  const quoted = new Map<string, ReturnType<typeof selectQuoted.all>[number]>();
  if (quoting.length > 0) {
    for (const q of selectQuoted.all(JSON.stringify(quoting.map((v) => [v.quote?.author, v.quote?.timestamp, v.conversationId])))) {
      quoted.set(key(q.conversation_id, q.sender, q.sent_at), q);
    }
  }

  for (const v of views) {
    const inRoom = roomReactions.get(v.id);
    if (inRoom && !v.deleted) v.reactions = inRoom;
    const byEmoji = v.serverId === undefined ? reactions.get(key(v.conversationId, v.sender, v.timestamp)) : undefined;
    if (byEmoji && !v.deleted) {
      const list: ReactionView[] = [];
      for (const [emoji, senders] of byEmoji) list.push({ emoji, count: senders.length, senders, mine: senders.includes(ourId()) });
      v.reactions = list;
    }
    if (v.quote) {
      const q = quoted.get(key(v.conversationId, v.quote.author, v.quote.timestamp));
      // A quoted message deleted for everyone reads as not found, as its text is gone.
      if (q && q.deleted === 0 && q.control === null) {
        v.quote.messageId = q.id;
        if (q.body !== '') v.quote.text = q.body;
        if (q.content_type !== null) {
          v.quote.attachment = {
            contentType: q.content_type,
            ...(q.file_name !== null ? { fileName: q.file_name } : {}),
            voice: ((q.flags ?? 0) & 1) === 1,
            hasThumbnail: q.thumb_id !== null,
          };
        }
      }
    }
  }
  return views;
}
