// Seed fetch (spec §1.2–1.3): exact request, response validation against the spec's literals, rounds and back-off.
import { NetworkError } from '../../../ts/network/errors';
import { fetchPoolFromSeeds, parseSeedResponse, seedRequestBody } from '../../../ts/network/seeds';
import type { HttpResponse } from '../../../ts/network/http';
import { FakeHttp, jsonResponse, ManualClock, seededRandom, textResponse } from './fakes';

const ED = 'a1'.repeat(32);
const X = 'b2'.repeat(32);
const entry = (ip: string, port = 22100): Record<string, unknown> => ({
  public_ip: ip,
  storage_port: port,
  pubkey_ed25519: ED,
  pubkey_x25519: X,
  requested_unlock_height: 0,
});
// The spec §11 example answer, with the extra keys oxend adds.
const specAnswer = (states: unknown[]): HttpResponse =>
  jsonResponse(200, { jsonrpc: '2.0', id: 0, status: 'OK', result: { service_node_states: states, height: 1000 } });

describe('seed request', () => {
  it('is the exact get_n_service_nodes body of spec §1.2', () => {
    expect(JSON.parse(seedRequestBody())).toEqual({
      jsonrpc: '2.0',
      method: 'get_n_service_nodes',
      params: {
        active_only: true,
        fields: {
          public_ip: true,
          storage_port: true,
          pubkey_x25519: true,
          pubkey_ed25519: true,
          requested_unlock_height: true,
          height: true,
        },
      },
    });
  });
});

describe('parseSeedResponse', () => {
  it('maps entries to pool nodes', () => {
    expect(parseSeedResponse(specAnswer([entry('127.0.1.1')]))).toEqual([
      { ip: '127.0.1.1', port: 22100, ed25519: ED, x25519: X },
    ]);
  });

  it('drops empty and 0.0.0.0 addresses but needs one node left', () => {
    expect(parseSeedResponse(specAnswer([entry(''), entry('0.0.0.0'), entry('1.2.3.4')]))).toHaveLength(1);
    expect(() => parseSeedResponse(specAnswer([entry('0.0.0.0')]))).toThrow(NetworkError);
    expect(() => parseSeedResponse(specAnswer([]))).toThrow(NetworkError);
  });

  it('requires content-type to be exactly application/json', () => {
    const res = jsonResponse(200, { result: { service_node_states: [entry('1.2.3.4')], height: 1 } }, 'application/json; charset=utf-8');
    expect(() => parseSeedResponse(res)).toThrow(expect.objectContaining({ kind: 'bad-response', detail: expect.stringMatching(/content-type/) }));
  });

  it('requires HTTP 200', () => {
    expect(() => parseSeedResponse(textResponse(500, 'oops'))).toThrow(NetworkError);
  });

  it.each(['public_ip', 'storage_port', 'pubkey_ed25519', 'pubkey_x25519', 'requested_unlock_height'])(
    'one entry without %s invalidates the whole answer',
    (field) => {
      const broken = entry('5.6.7.8');
      delete broken[field];
      expect(() => parseSeedResponse(specAnswer([entry('1.2.3.4'), broken]))).toThrow(NetworkError);
    },
  );

  it('rejects keys that are not 64 hex and a missing height', () => {
    expect(() => parseSeedResponse(specAnswer([{ ...entry('1.2.3.4'), pubkey_ed25519: 'abc' }]))).toThrow(NetworkError);
    expect(() => parseSeedResponse(jsonResponse(200, { result: { service_node_states: [entry('1.2.3.4')] } }))).toThrow(
      expect.objectContaining({ detail: expect.stringMatching(/height/) }),
    );
  });
});

describe('fetchPoolFromSeeds', () => {
  const seeds = [
    { url: 'http://s1/', tls: { kind: 'plain' as const } },
    { url: 'http://s2/', tls: { kind: 'plain' as const } },
  ];

  it('asks every seed with the camouflage headers and takes the first valid answer', async () => {
    const http = new FakeHttp((req) =>
      req.url === 'http://s1/json_rpc' ? textResponse(503, 'busy') : specAnswer([entry('1.2.3.4'), entry('1.2.4.4', 1)]),
    );
    const clock = new ManualClock();
    const nodes = await fetchPoolFromSeeds(seeds, { http, clock, random: seededRandom().random });
    expect(nodes).toHaveLength(2);
    expect(http.requests.map((r) => r.url).sort()).toEqual(['http://s1/json_rpc', 'http://s2/json_rpc']);
    expect(http.requests[0]).toMatchObject({
      method: 'POST',
      timeoutMs: 5000,
      headers: { 'User-Agent': 'WhatsApp', 'Accept-Language': 'en-us' },
    });
    expect(clock.sleeps).toEqual([]);
  });

  it('makes 4 rounds with 1 s, 2 s, 4 s back-off, then fails with seed-failed', async () => {
    const http = new FakeHttp(() => textResponse(500, 'down'));
    const clock = new ManualClock();
    const err = await fetchPoolFromSeeds(seeds, { http, clock, random: Math.random }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'seed-failed' });
    expect(http.requests).toHaveLength(8);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('stops at once when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const http = new FakeHttp(() => textResponse(500, 'down'));
    await expect(fetchPoolFromSeeds(seeds, { http, clock: new ManualClock(), random: Math.random, signal: ac.signal })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });
});
