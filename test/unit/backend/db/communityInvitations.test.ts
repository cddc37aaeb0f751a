// A received community invitation (DataMessage.communityInvitation, spec messaging §6.5) reads as a joinable
// card: its share URL (normalised, ready for communities.join) and name, wherever message views come from
// (single reads, timeline pages); one whose URL is not a share URL stays an unsupported part, as before.
import { createConversationStore } from '../../../../ts/backend/db/conversationStore';
import { createMessagePageStore } from '../../../../ts/backend/db/messagePages';
import { createMessageStore } from '../../../../ts/backend/db/messageStore';
import { encodeContent, loadProtocol } from '../../../../ts/protocol';
import { encryptedTestDb } from './testDb';

const A = `05${'aa'.repeat(32)}`;
const KEY = 'c3'.repeat(32);

beforeAll(loadProtocol);

describe('community invitations in message views', () => {
  const t = encryptedTestDb('community-invitations-');

  const receive = (id: string, sentAt: number, invitation: { url: string; name: string }, body = '') => {
    const messages = createMessageStore(t.db);
    messages.insert({
      id,
      conversationId: A,
      sender: A,
      direction: 'incoming',
      body,
      sentAt,
      receivedAt: sentAt,
      status: 'received',
      content: encodeContent({ dataMessage: { body, communityInvitation: invitation, timestamp: sentAt } }),
      // What the receiver stores for the part (receiver.ts).
      unsupported: ['community-invitation'],
    });
    return messages;
  };

  it('shows the URL and name of a valid invitation, and keeps an invalid one as an unsupported part', () => {
    createConversationStore(t.db).touch(A, 'private', 1);
    receive('ok', 10, { url: `HTTP://Example.ORG:80/Lobby?public_key=${KEY.toUpperCase()}`, name: 'The Lobby' });
    receive('no-name', 11, { url: `https://sogs.example.net/r/dev?public_key=${KEY}`, name: ' ' });
    const messages = receive('bad', 12, { url: 'https://example.org/lobby', name: 'No key' });
    expect(messages.get('ok')).toMatchObject({ communityInvitation: { url: `http://example.org/Lobby?public_key=${KEY}`, name: 'The Lobby' } });
    expect(messages.get('ok')?.unsupported).toBeUndefined();
    expect(messages.get('no-name')?.communityInvitation).toEqual({ url: `https://sogs.example.net/dev?public_key=${KEY}`, name: 'dev' });
    expect(messages.get('bad')?.communityInvitation).toBeUndefined();
    expect(messages.get('bad')?.unsupported).toEqual(['community-invitation']);
    // The timeline's pages read them the same way (one query for the batch).
    const page = createMessagePageStore(t.db).page(A, {}, 10);
    expect(page?.messages.map((m) => [m.id, m.communityInvitation?.name ?? null, m.unsupported ?? null])).toEqual([
      ['ok', 'The Lobby', null],
      ['no-name', 'dev', null],
      ['bad', null, ['community-invitation']],
    ]);
  });
});
