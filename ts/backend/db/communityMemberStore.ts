// SQL for what a room member's own posts say about them beyond their name: the Content of their newest post
// in the room (its DataMessage.blocksCommunityMessageRequests, spec advanced A.10), read back from the stored
// message. Kept apart from communityStore so the receive path's statements stay as they are.
import type { Db } from './database';

export interface CommunityMemberStore {
  /** The stored Content bytes of the member's newest post in the room, if any. */
  newestContent(conversationId: string, sender: string): Uint8Array | undefined;
}

export function createCommunityMemberStore(db: Db): CommunityMemberStore {
  const select = db.prepare<[string, string], { content: Buffer }>(
    `SELECT content FROM messages WHERE conversation_id = ? AND sender = ? AND content IS NOT NULL AND server_id IS NOT NULL
      ORDER BY sent_at DESC LIMIT 1`,
  );
  return {
    newestContent(conversationId, sender) {
      const r = select.get(conversationId, sender);
      return r ? new Uint8Array(r.content) : undefined;
    },
  };
}
