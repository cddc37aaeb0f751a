// The groups v2 tables (migration 0014) on a real encrypted database: an invitation row and its change into a
// joined group (the Info name wins over the invitation's once known, the auth data is replaced by a newer
// invitation), the member list and its count, the notification mode, and Info `d` / `D` lookups.
import { createAttachmentStore } from '../../../../ts/backend/db/attachmentStore';
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createGroupStore } from '../../../../ts/backend/db/groupStore';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { memberStatus } from '../../../../ts/backend/services/groups';
import { encryptedTestDb } from './testDb';

const GID = `03${'ab'.repeat(32)}`;
const ADMIN = `05${'11'.repeat(32)}`;
const BOB = `05${'22'.repeat(32)}`;
const T0 = 1_780_000_000_000;

describe('group store', () => {
  const t = encryptedTestDb('group-store-');

  it('keeps an invitation, then the joined group with its Info and Members', () => {
    const g = createGroupStore(t.db);
    g.upsert({ id: GID, state: 'invited', name: 'From the invite', authData: new Uint8Array(100).fill(1), invitedBy: ADMIN, invitedAt: T0 }, T0);
    expect(g.get(GID)).toMatchObject({ state: 'invited', name: 'From the invite', invitedBy: ADMIN, responsePending: false, memberCount: 0 });
    g.setState(GID, 'joined', T0 + 1);
    g.setResponsePending(GID, true);
    g.setInfo(GID, { name: 'Info name', description: 'About', deleteBefore: 0, deleteAttachmentsBefore: 0, expirySeconds: 0 }, T0 + 2);
    g.setMembers(GID, [
      { sessionId: ADMIN, name: 'Admin', admin: true, status: 'joined' },
      { sessionId: BOB, admin: false, status: 'invite-sent' },
    ]);
    expect(g.get(GID)).toMatchObject({ state: 'joined', name: 'Info name', description: 'About', responsePending: true, memberCount: 2 });
    expect(g.members(GID)).toEqual([
      { sessionId: ADMIN, name: 'Admin', admin: true, status: 'joined' },
      { sessionId: BOB, admin: false, status: 'invite-sent' },
    ]);
    // A newer invitation brings new auth data; the Info name stays.
    g.upsert({ id: GID, state: 'joined', name: 'Other', authData: new Uint8Array(100).fill(2) }, T0 + 3);
    expect(g.get(GID)).toMatchObject({ name: 'Info name', authData: new Uint8Array(100).fill(2) });
    expect(g.notificationMode(GID)).toBe('all');
    g.setNotificationMode(GID, 'mentions');
    expect(g.notificationMode(GID)).toBe('mentions');
    g.remove(GID);
    expect(g.get(GID)).toBeUndefined();
    expect(g.members(GID)).toEqual([]);
  });

  it('finds the messages and attachments Info d / D remove', () => {
    const g = createGroupStore(t.db);
    g.upsert({ id: GID, state: 'joined', authData: new Uint8Array(100) }, T0);
    createConversationStore(t.db).touch(GID, 'group', T0);
    const messages = createMessageStore(t.db);
    for (const [id, sentAt] of [
      ['old', T0],
      ['new', T0 + 10_000],
    ] as const) {
      messages.insert({ id, conversationId: GID, sender: ADMIN, direction: 'incoming', body: id, sentAt, receivedAt: sentAt, status: 'received' });
      createAttachmentStore(t.db).insertMany([{ messageId: id, index: 0, fileName: 'a.txt', contentType: 'text/plain', size: 5, state: 'not-downloaded' }]);
    }
    expect(g.messageIdsBefore(GID, T0 + 1)).toEqual(['old']);
    expect(g.deleteAttachmentsBefore(GID, T0 + 1)).toEqual(['old']);
    expect(createAttachmentStore(t.db).forMessage('old')).toEqual([]);
    expect(createAttachmentStore(t.db).forMessage('new')).toHaveLength(1);
  });

  it('names member statuses as the CLI does', () => {
    const m = { sessionId: BOB, name: '', picture: null, admin: false, inviteStatus: 0, promotionStatus: 0, removedStatus: 0, supplement: false, status: 'invite_accepted' as const };
    expect(memberStatus(m)).toBe('joined');
    expect(memberStatus({ ...m, inviteStatus: 1 })).toBe('invite-sent');
    expect(memberStatus({ ...m, inviteStatus: 2 })).toBe('invite-failed');
    expect(memberStatus({ ...m, inviteStatus: 3 })).toBe('invite-sending');
    expect(memberStatus({ ...m, admin: true, promotionStatus: 1 })).toBe('promotion-sent');
    expect(memberStatus({ ...m, admin: true })).toBe('joined');
    expect(memberStatus({ ...m, removedStatus: 2 })).toBe('removed');
  });
});
