// Community share URLs (advanced.md A.1). The key spellings are libsession's test_config_user_groups.cpp
// examples (hex, base64 and base32z of the same 32 bytes); the official default room is desktop's.
import { buildCommunityUrl, communityConversationId, decodeCommunityPubkey, parseCommunityConversationId, parseCommunityUrl } from '../../../../ts/protocol';

const HEX = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

function ok(url: string) {
  const r = parseCommunityUrl(url);
  if (!r.ok) throw new Error(`${url}: ${r.error.message}`);
  return r.value;
}

function fails(url: string): string {
  const r = parseCommunityUrl(url);
  if (r.ok) throw new Error(`${url} parsed`);
  expect(r.error.kind).toBe('invalid_argument');
  return r.error.message;
}

test('the libsession examples: schemes, default ports, /r/, case, hex/base64/base32z keys', () => {
  const cases: Array<[string, string, string]> = [
    ['https://example.com/SomeRoom?public_key=0123456789aBcdEF0123456789abCDEF0123456789ABCdef0123456789ABCDEF', 'https://example.com', 'SomeRoom'],
    ['HTTPS://EXAMPLE.COM/sOMErOOM?public_key=0123456789aBcdEF0123456789abCDEF0123456789ABCdef0123456789ABCDEF', 'https://example.com', 'sOMErOOM'],
    ['https://example.com/r/someroom?public_key=0123456789aBcdEF0123456789abCDEF0123456789ABCdef0123456789ABCDEF', 'https://example.com', 'someroom'],
    ['http://example.com/r/someroom?public_key=0123456789aBcdEF0123456789abCDEF0123456789ABCdef0123456789ABCDEF', 'http://example.com', 'someroom'],
    ['HTTPS://EXAMPLE.com:443/r/someroom?public_key=0123456789aBcdEF0123456789abCDEF0123456789ABCdef0123456789ABCDEF', 'https://example.com', 'someroom'],
    ['HTTP://EXAMPLE.com:80/r/someroom?public_key=0123456789aBcdEF0123456789abCDEF0123456789ABCdef0123456789ABCDEF', 'http://example.com', 'someroom'],
    ['http://example.com:80/r/someroom?public_key=ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8', 'http://example.com', 'someroom'],
    ['http://example.com:80/r/someroom?public_key=yrtwk3hjixg66yjdeiuauk6p7hy1gtm8tgih55abrpnsxnpm3zzo', 'http://example.com', 'someroom'],
  ];
  for (const [url, base, room] of cases) {
    expect(ok(url)).toEqual({ baseUrl: base, room, roomKey: room.toLowerCase(), pubkeyHex: HEX });
  }
});

test('desktop forms: no scheme (http), explicit ports, the devnet address, trailing slash, padded base64', () => {
  const key = 'a03c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238';
  expect(ok(`open.getsession.org/session?public_key=${key}`)).toEqual({ baseUrl: 'http://open.getsession.org', room: 'session', roomKey: 'session', pubkeyHex: key });
  expect(ok(`  http://127.0.0.1:40123/Lobby/?public_key=${key.toUpperCase()}  `)).toEqual({ baseUrl: 'http://127.0.0.1:40123', room: 'Lobby', roomKey: 'lobby', pubkeyHex: key });
  expect(ok(`https://sogs.example.org:8443/r/dev_room-1?public_key=${key}&other=1`).baseUrl).toBe('https://sogs.example.org:8443');
  expect(ok('http://example.com/x?public_key=ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8%3D').pubkeyHex).toBe(HEX);
  expect(ok('http://example.com/x?public_key=ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=').pubkeyHex).toBe(HEX);
});

test('bad links get clear errors', () => {
  expect(fails('')).toMatch(/Enter a community link/);
  expect(fails('ftp://example.com/room?public_key=' + HEX)).toMatch(/http:\/\/ or https:\/\//);
  expect(fails('https://example.com?public_key=' + HEX)).toMatch(/no room/);
  expect(fails('https://example.com/?public_key=' + HEX)).toMatch(/room name/);
  expect(fails('https://example.com/a/b?public_key=' + HEX)).toMatch(/room name/);
  expect(fails('https://example.com/' + 'r'.repeat(65) + '?public_key=' + HEX)).toMatch(/room name/);
  expect(fails('https://example.com/room')).toMatch(/no public key/);
  expect(fails('https://example.com/room?public_key=')).toMatch(/no public key/);
  expect(fails('https://example.com/room?public_key=' + HEX.slice(2))).toMatch(/invalid public key/);
  expect(fails('https://example.com/room?public_key=' + 'z'.repeat(64))).toMatch(/invalid public key/);
  expect(fails('https://localhost/room?public_key=' + HEX)).toMatch(/server address/);
  expect(fails('https://exa mple.com/room?public_key=' + HEX)).toMatch(/server address/);
  expect(fails('https://example.com:99999/room?public_key=' + HEX)).toMatch(/server address/);
  expect(() => decodeCommunityPubkey('yrtwk3hjixg66yjdeiuauk6p7hy1gtm8tgih55abrpnsxnpm3zzl')).toThrow(/invalid public key/);
});

test('share URL and conversation id', () => {
  expect(buildCommunityUrl('HTTP://127.0.0.1:40123/', 'Lobby', HEX)).toBe(`http://127.0.0.1:40123/Lobby?public_key=${HEX}`);
  expect(buildCommunityUrl('https://example.com:443', 'room', Buffer.from(HEX, 'hex'))).toBe(`https://example.com/room?public_key=${HEX}`);
  const parsed = ok(buildCommunityUrl('http://127.0.0.1:40123', 'Lobby', HEX));
  expect(parsed).toEqual({ baseUrl: 'http://127.0.0.1:40123', room: 'Lobby', roomKey: 'lobby', pubkeyHex: HEX });
  expect(communityConversationId('http://127.0.0.1:40123', 'Lobby')).toBe('http://127.0.0.1:40123/lobby');
  expect(parseCommunityConversationId('http://127.0.0.1:40123/lobby')).toEqual({ baseUrl: 'http://127.0.0.1:40123', roomKey: 'lobby' });
  expect(parseCommunityConversationId('HTTP://127.0.0.1:40123/lobby')).toBeUndefined();
  expect(parseCommunityConversationId('http://127.0.0.1:40123/Lobby')).toBeUndefined();
  expect(parseCommunityConversationId(`05${'00'.repeat(32)}`)).toBeUndefined();
  expect(() => buildCommunityUrl('http://127.0.0.1', 'bad room', HEX)).toThrow(/room token/);
  expect(() => communityConversationId('localhost', 'x')).toThrow(/Invalid community address/);
});
