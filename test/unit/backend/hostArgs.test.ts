import { HostArgsError, normalizeSeedUrl, parseHostArgs } from '../../../ts/backend/hostArgs';

describe('parseHostArgs', () => {
  it('parses every option in both forms and leaves the rest in order', () => {
    expect(parseHostArgs(['--data-dir', '/tmp/x', '--profile=alice', 'send', '--port', '0', '--to', 'bob'])).toEqual({
      dataDir: '/tmp/x',
      profile: 'alice',
      port: 0,
      rest: ['send', '--to', 'bob'],
    });
    expect(parseHostArgs(['--network', 'testnet']).network).toBe('testnet');
    expect(parseHostArgs(['--seed', 'http://127.0.0.1:4000']).seedUrl).toBe('http://127.0.0.1:4000/');
  });

  it('keeps everything after -- as rest', () => {
    expect(parseHostArgs(['--', '--port', 'x']).rest).toEqual(['--', '--port', 'x']);
  });

  it.each([
    [['--seed', 'ftp://x/'], /must start with http:\/\/ or https:\/\//],
    [['--seed', 'not a url'], /not a URL/],
    [['--profile', 'a b'], /Invalid profile name "a b"/],
    [['--profile', 'x'.repeat(65)], /Invalid profile name/],
    [['--network', 'devnet'], /expected mainnet or testnet/],
    [['--port', '70000'], /Invalid port "70000"/],
    [['--port', '-1'], /Invalid port "-1"/],
    [['--data-dir'], /--data-dir needs a value/],
    [['--profile', 'a', '--profile', 'b'], /more than once/],
    [['--network', 'testnet', '--seed', 'http://127.0.0.1:1/'], /either --network or --seed/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseHostArgs(argv)).toThrow(HostArgsError);
    expect(() => parseHostArgs(argv)).toThrow(message);
  });

  it('normalizes seed URLs to end with a slash', () => {
    expect(normalizeSeedUrl('https://seed.example:4443')).toBe('https://seed.example:4443/');
    expect(normalizeSeedUrl('http://127.0.0.1:1/base')).toBe('http://127.0.0.1:1/base/');
    expect(() => normalizeSeedUrl('http://u:p@h/')).toThrow(/credentials/);
  });
});
