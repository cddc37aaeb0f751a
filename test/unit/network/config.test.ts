// Network selection: mainnet/testnet constants and custom networks learning their file server from network.json.
import {
  customNetworkConfig,
  loadCustomNetwork,
  networkConfigFor,
  parseNetworkDescription,
  testnetConfig,
} from '../../../ts/network/config';
import { NetworkError } from '../../../ts/network/errors';
import { FakeHttp, jsonResponse, textResponse } from './fakes';

const DEVNET_JSON = {
  seedUrl: 'https://127.0.0.1:40000/',
  controlUrl: 'http://127.0.0.1:40001/',
  fileServer: {
    url: 'http://127.0.0.1:40002',
    x25519: 'AB'.repeat(32),
    ed25519: 'cd'.repeat(32),
  },
  nodes: [{ ip: '127.0.1.1', port: 40100, ed25519: 'ee'.repeat(32), x25519: 'ff'.repeat(32), swarmId: '1' }],
};

describe('network configs', () => {
  it('testnet uses the plain-HTTP seed and disables ONS', () => {
    const t = testnetConfig();
    expect(t.seeds).toEqual([{ url: 'http://seed2.getsession.org:38157/', tls: { kind: 'plain' } }]);
    expect(t.onsEnabled).toBe(false);
  });

  it('a custom https seed accepts self-signed certificates and uses the local-devnet agreement threshold', () => {
    const c = customNetworkConfig('https://127.0.0.1:40000');
    expect(c.seeds).toEqual([{ url: 'https://127.0.0.1:40000/', tls: { kind: 'unverified' } }]);
    expect(c.thresholds.requiredForAgreement).toBe(12);
    expect(c.thresholds.minPoolSize).toBe(8);
    expect(c.fileServer).toBeUndefined();
    expect(networkConfigFor('mainnet').thresholds.requiredForAgreement).toBe(24);
  });

  it('rejects a seed URL that is not http(s)', () => {
    expect(() => customNetworkConfig('ftp://x/')).toThrow(NetworkError);
    expect(() => customNetworkConfig('not a url')).toThrow(/Invalid seed URL/);
  });
});

describe('network.json', () => {
  it('parses the devnet ready-line format (file server keys lower-cased, extra keys ignored)', () => {
    expect(parseNetworkDescription(DEVNET_JSON)).toEqual({
      seedUrl: 'https://127.0.0.1:40000/',
      fileServer: { url: 'http://127.0.0.1:40002', x25519: 'ab'.repeat(32), ed25519: 'cd'.repeat(32) },
    });
  });

  it('reads the community server (sogs) and puts it in a custom network config', () => {
    const pk = 'AB'.repeat(32);
    const d = parseNetworkDescription({ sogs: { url: 'http://127.0.0.1:40123//', pubkey: pk, rooms: ['lobby', 7, 'Dev'] } });
    expect(d.sogs).toEqual({ url: 'http://127.0.0.1:40123', pubkey: pk.toLowerCase(), rooms: ['lobby', 'Dev'] });
    expect(customNetworkConfig('https://127.0.0.1:40000/', d).communityServer).toEqual(d.sogs);
    expect(() => parseNetworkDescription({ sogs: { url: 'ftp://x', pubkey: pk } })).toThrow(NetworkError);
    expect(() => parseNetworkDescription({ sogs: { url: 'http://x.example', pubkey: 'zz' } })).toThrow(NetworkError);
  });

  it('refuses a malformed file server entry', () => {
    expect(() => parseNetworkDescription({ fileServer: { url: 'http://x', x25519: 'zz' } })).toThrow(NetworkError);
    expect(() => parseNetworkDescription([])).toThrow(NetworkError);
  });

  it('loadCustomNetwork fetches {seedUrl}network.json without verifying the self-signed certificate', async () => {
    const http = new FakeHttp(() => jsonResponse(200, DEVNET_JSON));
    const cfg = await loadCustomNetwork('https://127.0.0.1:40000/', http);
    expect(http.requests[0]).toMatchObject({ url: 'https://127.0.0.1:40000/network.json', method: 'GET', tls: { kind: 'unverified' } });
    expect(cfg.fileServer?.url).toBe('http://127.0.0.1:40002');
  });

  it('without network.json the network still loads, with no file server', async () => {
    const http = new FakeHttp(() => textResponse(404, 'not found'));
    const cfg = await loadCustomNetwork('https://127.0.0.1:40000/', http);
    expect(cfg.fileServer).toBeUndefined();
    const down = new FakeHttp(() => Promise.reject(new NetworkError('unreachable')));
    expect((await loadCustomNetwork('http://127.0.0.1:1/', down)).fileServer).toBeUndefined();
  });

  it('an invalid network.json is an error, not silently ignored', async () => {
    const http = new FakeHttp(() => ({ status: 200, headers: {}, body: new TextEncoder().encode('{oops') }));
    await expect(loadCustomNetwork('https://127.0.0.1:40000/', http)).rejects.toMatchObject({ kind: 'bad-response' });
  });
});
