// The profile part of outgoing Content (spec messaging §6.7), encoded and decoded field by field: the
// picture URL and key only together, the update time, nothing without a name or a picture.
import { NO_PROFILE, profileFields, requestResponseContent, textContent, type OutgoingProfile } from '../../../ts/backend/services/outbox';
import { decodeContent, encodeContent, loadProtocol } from '../../../ts/protocol';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const URL = 'http://filev2.getsession.org/file/abc123';

const roundTrip = (p: OutgoingProfile) => {
  const bytes = encodeContent(textContent('hi', p));
  const r = decodeContent(bytes);
  if (!r.ok) throw r.error;
  return r.value;
};

describe('outgoing profile', () => {
  beforeAll(loadProtocol);

  it('carries name, update time, picture URL and key together', () => {
    const c = roundTrip({ displayName: 'Alice', updatedSeconds: 1_750_000_000, picture: { url: URL, key: KEY } });
    expect(c.dataMessage?.body).toBe('hi');
    expect(c.dataMessage?.profile?.displayName).toBe('Alice');
    expect(Number(c.dataMessage?.profile?.lastProfileUpdateSeconds)).toBe(1_750_000_000);
    expect(c.dataMessage?.profile?.profilePicture).toBe(URL);
    expect(Buffer.from(c.dataMessage?.profileKey ?? []).equals(Buffer.from(KEY))).toBe(true);
  });

  it('leaves out the picture and the key when either is missing or the key is not 32 bytes', () => {
    for (const picture of [{ url: '', key: KEY }, { url: URL, key: new Uint8Array(0) }, { url: URL, key: KEY.slice(0, 16) }]) {
      const f = profileFields({ displayName: 'Alice', updatedSeconds: 5, picture });
      expect(f).toEqual({ profile: { displayName: 'Alice', lastProfileUpdateSeconds: 5 } });
    }
  });

  it('sends a picture without a name, and nothing without either', () => {
    expect(profileFields({ displayName: '', updatedSeconds: 7, picture: { url: URL, key: KEY } })).toEqual({
      profile: { lastProfileUpdateSeconds: 7, profilePicture: URL },
      profileKey: KEY,
    });
    expect(profileFields(NO_PROFILE)).toEqual({});
    expect(profileFields({ displayName: '', updatedSeconds: 9 })).toEqual({});
  });

  it('puts the same fields in the message-request response', () => {
    const bytes = encodeContent(requestResponseContent({ displayName: 'Alice', updatedSeconds: 3, picture: { url: URL, key: KEY } }));
    const r = decodeContent(bytes);
    if (!r.ok) throw r.error;
    const m = r.value.messageRequestResponse;
    expect(m?.isApproved).toBe(true);
    expect(m?.profile?.displayName).toBe('Alice');
    expect(m?.profile?.profilePicture).toBe(URL);
    expect(Number(m?.profile?.lastProfileUpdateSeconds)).toBe(3);
    expect(Buffer.from(m?.profileKey ?? []).equals(Buffer.from(KEY))).toBe(true);
  });
});
