import { UsageError, parseArgs, parseConversationId, parseRecipient, parseSessionId } from '../../../ts/cli/args';

const BOB = '05' + 'ab'.repeat(32);
const CAROL = '05' + 'c3'.repeat(32);
const GROUP = '03' + 'd4'.repeat(32);
const WORDS = 'ruined ' + 'word '.repeat(11) + 'last';

describe('parseArgs', () => {
  it.each([
    [['create', '--name', 'Alice'], { name: 'create', displayName: 'Alice' }],
    [['create', '--name=Alice Smith'], { name: 'create', displayName: 'Alice Smith' }],
    [['restore', WORDS], { name: 'restore', mnemonic: WORDS }],
    [['restore', ...WORDS.split(' ')], { name: 'restore', mnemonic: WORDS }],
    [['restore', '-', '--name', 'Al'], { name: 'restore', displayName: 'Al' }],
    [['whoami'], { name: 'whoami' }],
    [['send', BOB, 'hi'], { name: 'send', to: BOB, text: 'hi' }],
    [['send', BOB.toUpperCase().replace('0X', ''), 'hi'], { name: 'send', to: BOB, text: 'hi' }],
    [['send', 'alice-ons', 'hi'], { name: 'send', to: 'alice-ons', text: 'hi' }],
    [['send', BOB, '--', '-5 degrees'], { name: 'send', to: BOB, text: '-5 degrees' }],
    [['send', BOB, '--', '--json'], { name: 'send', to: BOB, text: '--json' }],
    [['receive'], { name: 'receive' }],
    [['receive', '--wait', '20'], { name: 'receive', waitSeconds: 20 }],
    [['receive', '--wait=0.5'], { name: 'receive', waitSeconds: 0.5 }],
    [['messages', BOB], { name: 'messages', conversationId: BOB }],
    [['conversations'], { name: 'conversations' }],
    [['requests'], { name: 'requests' }],
    [['accept', BOB], { name: 'accept', conversationId: BOB }],
    [['accept', '03' + 'AB'.repeat(32)], { name: 'accept', conversationId: '03' + 'ab'.repeat(32) }],
    [['decline', BOB.toUpperCase()], { name: 'decline', conversationId: BOB }],
    [['delete', 'ABCDEF0123456789abcdef0123456789'], { name: 'delete', messageId: 'abcdef0123456789abcdef0123456789' }],
    [['path'], { name: 'path' }],
    [['help'], { name: 'help' }],
    [['name', 'Alice Prime'], { name: 'name', displayName: 'Alice Prime' }],
    [['name', '--', '-dash-'], { name: 'name', displayName: '-dash-' }],
    [['contacts'], { name: 'contacts' }],
    [['nickname', BOB.toUpperCase(), 'Bobby'], { name: 'nickname', sessionId: BOB, nickname: 'Bobby' }],
    [['nickname', '--clear', BOB], { name: 'nickname', sessionId: BOB, nickname: null }],
    [['nickname', BOB, '--', '--clear'], { name: 'nickname', sessionId: BOB, nickname: '--clear' }],
    [['block', BOB], { name: 'block', sessionId: BOB }],
    [['unblock', BOB], { name: 'unblock', sessionId: BOB }],
    [['pin', BOB], { name: 'pin', conversationId: BOB }],
    [['unpin', '03' + 'EF'.repeat(32)], { name: 'unpin', conversationId: '03' + 'ef'.repeat(32) }],
    [['read', 'https://sogs.example/Lobby'], { name: 'read', conversationId: 'https://sogs.example/lobby' }],
    [['mark-unread', BOB], { name: 'mark-unread', conversationId: BOB }],
    [['decline', '03' + 'ab'.repeat(32)], { name: 'decline', conversationId: '03' + 'ab'.repeat(32) }],
    // --- groups: send, leave and group members on a 03 id ---
    [['send', '03' + 'AB'.repeat(32), 'hi all'], { name: 'send', to: '03' + 'ab'.repeat(32), text: 'hi all' }],
    [['leave', '03' + 'ab'.repeat(32)], { name: 'leave', conversationId: '03' + 'ab'.repeat(32) }],
    [['group', 'members', '03' + 'Cd'.repeat(32)], { name: 'group', sub: 'members', conversationId: '03' + 'cd'.repeat(32) }],
    // --- groups: the admin commands ---
    [['group', 'create', 'Team', BOB.toUpperCase()], { name: 'group', sub: 'create', groupName: 'Team', members: [BOB] }],
    [['group', 'create', '  Team Ω 🎉 ', BOB, CAROL], { name: 'group', sub: 'create', groupName: 'Team Ω 🎉', members: [BOB, CAROL] }],
    [['group', 'create', '--', '-dash-', BOB], { name: 'group', sub: 'create', groupName: '-dash-', members: [BOB] }],
    [['group', 'create', 'é'.repeat(50), BOB], { name: 'group', sub: 'create', groupName: 'é'.repeat(50), members: [BOB] }],
    [['group', 'invite', GROUP.toUpperCase(), BOB, CAROL], { name: 'group', sub: 'invite', conversationId: GROUP, members: [BOB, CAROL] }],
    [['group', 'remove', GROUP, CAROL], { name: 'group', sub: 'remove', conversationId: GROUP, members: [CAROL] }],
    [['group', 'promote', GROUP, BOB], { name: 'group', sub: 'promote', conversationId: GROUP, sessionId: BOB }],
    [['group', 'rename', GROUP, 'New name'], { name: 'group', sub: 'rename', conversationId: GROUP, groupName: 'New name' }],
    [['group', 'delete', GROUP], { name: 'group', sub: 'delete', conversationId: GROUP }],
    [['--json', 'group', 'delete', GROUP], { name: 'group', sub: 'delete', conversationId: GROUP }],
    [['set', 'read-receipts', 'on'], { name: 'set', key: 'read-receipts', value: true }],
    [['set', 'Link-Previews', 'OFF'], { name: 'set', key: 'link-previews', value: false }],
    [['get', 'community-message-requests'], { name: 'get', key: 'community-message-requests' }],
    // --- communities ---
    [['join', `http://127.0.0.1:4000/Lobby?public_key=${'ab'.repeat(32)}`], { name: 'join', url: `http://127.0.0.1:4000/Lobby?public_key=${'ab'.repeat(32)}` }],
    [['leave', 'http://127.0.0.1:4000/Lobby'], { name: 'leave', conversationId: 'http://127.0.0.1:4000/lobby' }],
    [['moderate', 'https://sogs.example/dev', 'BAN', '15' + 'CD'.repeat(32)], { name: 'moderate', conversationId: 'https://sogs.example/dev', action: 'ban', user: '15' + 'cd'.repeat(32) }],
    [['moderate', 'https://sogs.example/dev', 'unmod', BOB], { name: 'moderate', conversationId: 'https://sogs.example/dev', action: 'unmod', user: BOB }],
    [['send', 'https://sogs.example/Dev', 'hi all'], { name: 'send', to: 'https://sogs.example/dev', text: 'hi all' }],
    [['send', '15' + 'ab'.repeat(32), 'psst'], { name: 'send', to: '15' + 'ab'.repeat(32), text: 'psst' }],
    [['messages', 'https://sogs.example/dev'], { name: 'messages', conversationId: 'https://sogs.example/dev' }],
  ])('parses %j', (argv, command) => {
    expect(parseArgs(argv).command).toEqual(command);
  });

  it('keeps message text byte-exact', () => {
    const text = '  héllo 👩‍👩‍👧 \u200f\u202eשלום\u200d\u0000\n\t  ';
    expect(parseArgs(['send', BOB, text]).command).toEqual({ name: 'send', to: BOB, text });
    expect(parseArgs(['send', BOB, '--', text]).command).toEqual({ name: 'send', to: BOB, text });
  });

  it('accepts global options anywhere, in both forms', () => {
    const expected = { dataDir: '/d', seedUrl: 'http://127.0.0.1:4000/', profile: 'bob', json: true, verbose: true };
    expect(parseArgs(['--data-dir', '/d', '--seed', 'http://127.0.0.1:4000', '--profile', 'bob', '--json', '--verbose', 'whoami']).global).toEqual(expected);
    expect(parseArgs(['whoami', '--json', '--profile=bob', '--verbose', '--seed=http://127.0.0.1:4000', '--data-dir=/d']).global).toEqual(expected);
    expect(parseArgs(['send', '--json', BOB, '--network', 'testnet', 'hi']).global).toEqual({ network: 'testnet', json: true, verbose: false });
    expect(parseArgs(['--name', 'Al', 'create']).command).toEqual({ name: 'create', displayName: 'Al' });
    expect(parseArgs(['whoami']).global).toEqual({ json: false, verbose: false });
  });

  it('treats --help and -h anywhere as help', () => {
    expect(parseArgs(['send', '--help']).command).toEqual({ name: 'help' });
    expect(parseArgs(['-h']).command).toEqual({ name: 'help' });
    expect(parseArgs(['--bogus', '--help']).command).toEqual({ name: 'help' });
    // ...but not as a message text after --
    expect(parseArgs(['send', BOB, '--', '--help']).command).toEqual({ name: 'send', to: BOB, text: '--help' });
  });

  it.each([
    [[], /Missing command/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['create'], /Missing --name NAME/],
    [['create', '--name', '   '], /must not be empty/],
    [['create', 'Alice'], /Too many arguments for "create"/],
    [['restore'], /expected the 13-word recovery password/],
    [['send'], /Missing argument for "send"/],
    [['send', BOB], /Missing argument for "send"/],
    [['send', BOB, 'a', 'b'], /Too many arguments for "send".*quote the text/],
    [['send', BOB, ''], /must not be empty/],
    [['send', '05' + 'a'.repeat(63), 'hi'], /Invalid Session ID.*65 characters instead of 66/],
    [['send', '05' + 'g'.repeat(64), 'hi'], /Invalid Session ID.*only hex digits/],
    [['send', '06' + 'a'.repeat(64), 'hi'], /Invalid Session ID.*must start with 05/],
    [['send', '25' + 'a'.repeat(64), 'hi'], /blinded/],
    [['join', 'http://sogs.example/lobby'], /Invalid community URL/],
    [['join', `http://sogs.example/lobby?public_key=${'ab'.repeat(31)}`], /Invalid community URL/],
    [['leave', BOB], /leave takes a community room URL .* or a group ID/],
    [['moderate', 'http://sogs.example/lobby', 'kick', BOB], /Invalid action "kick"/],
    [['moderate', 'http://sogs.example/lobby', 'ban', 'nobody'], /Invalid user "nobody"/],
    [['send', '03' + 'a'.repeat(64) + 'a', 'hi'], /Invalid Session ID/],
    [['group', 'members', BOB], /Invalid group ID/],
    // --- groups: the admin commands ---
    [['group'], /Missing group command: expected one of members, create, invite, remove, promote, rename, delete/],
    [['group', 'kick', GROUP, BOB], /Unknown group command "kick"/],
    [['group', 'create'], /Missing argument for "group create": expected NAME and at least one SESSION_ID/],
    [['group', 'create', 'Team'], /Missing argument for "group create"/],
    [['group', 'create', BOB, CAROL], /Missing NAME for "group create"/],
    [['group', 'create', '   ', BOB], /group name must not be empty/],
    [['group', 'create', 'a'.repeat(101), BOB], /too long: at most 100 bytes of UTF-8 \(101 given\)/],
    [['group', 'create', 'é'.repeat(51), BOB], /too long: at most 100 bytes of UTF-8 \(102 given\)/],
    [['group', 'create', 'two\nlines', BOB], /control characters/],
    [['group', 'create', 'Team', BOB, BOB.toUpperCase()], /is given twice/],
    [['group', 'create', 'Team', 'nobody'], /Invalid Session ID "nobody"/],
    [['group', 'create', 'Team', GROUP], /that is a group ID, not an account/],
    [['group', 'create', 'Team', '15' + 'ab'.repeat(32)], /blinded/],
    [['group', 'create', 'Team', ...Array.from({ length: 100 }, (_, i) => '05' + i.toString(16).padStart(64, '0'))], /at most 100 members, you and 99 others \(100 given\)/],
    [['group', 'invite', GROUP], /Missing argument for "group invite": expected a group ID \(03...\) and at least one SESSION_ID/],
    [['group', 'invite', BOB, CAROL], /Invalid group ID .*that is a Session ID/],
    [['group', 'invite', '03' + 'ab'.repeat(31), CAROL], /Invalid group ID .*66 hex characters starting with 03/],
    [['group', 'remove', GROUP, 'x'], /Invalid Session ID "x"/],
    [['group', 'remove', GROUP, CAROL, CAROL], /given twice/],
    [['group', 'promote', GROUP], /Missing argument for "group promote"/],
    [['group', 'promote', GROUP, BOB, CAROL], /Too many arguments for "group promote"/],
    [['group', 'rename', GROUP], /Missing argument for "group rename"/],
    [['group', 'rename', GROUP, 'a', 'b'], /Too many arguments for "group rename".*quote a name with spaces/],
    [['group', 'rename', GROUP, ''], /must not be empty/],
    [['group', 'rename', 'https://sogs.example/dev', 'x'], /Invalid group ID/],
    [['group', 'delete'], /Missing argument for "group delete"/],
    [['group', 'delete', GROUP, GROUP], /Too many arguments for "group delete"/],
    [['group', 'delete', GROUP, '--name', 'x'], /--name does not apply to "group"/],
    [['send', '05abcdef12', 'hi'], /Invalid Session ID/],
    [['send', 'two words', 'hi'], /neither a Session ID .* nor an ONS name/],
    [['send', BOB, '-x'], /Unknown option -x \(put -- before a text/],
    [['messages'], /Missing argument for "messages"/],
    [['messages', 'nope'], /Invalid conversation ID/],
    [['accept', BOB, BOB], /Too many arguments for "accept"/],
    [['decline'], /Missing argument for "decline"/],
    [['delete'], /Missing argument for "delete": expected a MESSAGE_ID/],
    [['delete', 'xyz'], /Invalid message id "xyz"/],
    [['receive', '--wait'], /--wait needs a value/],
    [['receive', '--wait', 'soon'], /Invalid --wait "soon"/],
    [['receive', '--wait', '-1'], /Invalid --wait "-1"/],
    [['receive', 'now'], /Too many arguments for "receive"/],
    [['whoami', '--wait', '1'], /--wait does not apply to "whoami"/],
    [['receive', '--name', 'x'], /--name does not apply to "receive"/],
    [['whoami', '--bogus'], /Unknown option --bogus/],
    [['whoami', '--port', '80'], /Unknown option --port/],
    [['whoami', '--network', 'devnet'], /expected mainnet or testnet/],
    [['whoami', '--seed', 'ftp://x/'], /must start with http/],
    [['whoami', '--profile', 'a b'], /Invalid profile name/],
    [['whoami', '--data-dir'], /--data-dir needs a value/],
    [['whoami', '--network', 'testnet', '--seed', 'http://127.0.0.1:1/'], /either --network or --seed/],
    [['receive', '--wait', '1', '--wait', '2'], /more than once/],
    [['path', 'x'], /Too many arguments for "path"/],
  ])('rejects %j with a usage error', (argv, message) => {
    let caught: unknown;
    try {
      parseArgs(argv);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
  });

  it('never echoes recovery words in errors', () => {
    expect(() => parseArgs(['restore', ...WORDS.split(' '), '--wait', '3'])).toThrow(/--wait does not apply to "restore"/);
    try {
      parseArgs(['restore', ...WORDS.split(' '), '--bogus']);
    } catch (err) {
      expect((err as Error).message).not.toMatch(/ruined/);
    }
  });
});

describe('parseConversationId', () => {
  it('accepts Session IDs, group ids and room URLs, canonical as join prints them', () => {
    expect(parseConversationId(BOB.toUpperCase())).toBe(BOB);
    expect(parseConversationId('03' + 'ab'.repeat(32))).toBe('03' + 'ab'.repeat(32));
    expect(parseConversationId('http://127.0.0.1:8080/Room_1')).toBe('http://127.0.0.1:8080/room_1');
    expect(parseConversationId('HTTPS://Open.GetSession.org/session/')).toBe('https://open.getsession.org/session');
    expect(parseConversationId('https://h/r?public_key=' + 'ab'.repeat(32))).toBe('https://h/r');
    for (const bad of ['', 'ftp://h/r', 'https://h', 'https://h/r/s', 'https://h/r oom', '25' + 'a'.repeat(64), '05' + 'a'.repeat(65)]) {
      expect(() => parseConversationId(bad)).toThrow(UsageError);
    }
  });
});

describe('parseSessionId / parseRecipient', () => {
  it('lowercases valid IDs and passes ONS names through', () => {
    expect(parseSessionId(BOB.toUpperCase().replace(/^05/, '05'))).toBe(BOB);
    expect(parseRecipient('Alice_1')).toBe('Alice_1');
    expect(() => parseRecipient('')).toThrow(UsageError);
  });
});
