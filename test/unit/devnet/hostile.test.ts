// The devnet's malicious-node transforms (tools/devnet/hostile.ts) on literal RPC answers: what each lie
// changes, that it keeps the answer well-formed where a client must look closer to see it, and the
// strict option check the control endpoint and the library share.
import {
  checkMisbehaveOptions,
  forgeSignatures,
  hostileStream,
  lieAboutSwarms,
  tamperPlaintext,
  tamperReply,
  truncated,
  type SwarmLies,
} from '../../../tools/devnet/hostile';
import type { HopResult } from '../../../tools/devnet/onion';

const realOther = { pubkey_ed25519: 'aa'.repeat(32), pubkey_x25519: 'bb'.repeat(32), ip: '127.0.5.1', port_https: 5001 };
let counter = 0;
const lies: SwarmLies = {
  random: (n) => new Uint8Array(n).fill(++counter % 250),
  otherSwarmMembers: () => [realOther, realOther, realOther],
  now: () => 1_700_000_000_000,
};

const SIG = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==';

describe('lieAboutSwarms', () => {
  it('swaps get_swarm members for 4 nodes that do not exist', () => {
    const out = lieAboutSwarms({ status: 200, body: { results: [{ code: 200, body: { snodes: [{ ip: '127.0.1.1' }], swarm: '12', t: 1 } }] } }, lies);
    const body = (out.body as { results: { code: number; body: { snodes: Record<string, unknown>[] } }[] }).results[0]!;
    expect(body.code).toBe(200);
    expect(body.body.snodes).toHaveLength(4);
    for (const fake of body.body.snodes) {
      expect(fake['pubkey_ed25519']).toMatch(/^[0-9a-f]{64}$/);
      expect(fake['pubkey_ed25519']).not.toBe(realOther.pubkey_ed25519);
      expect(fake['ip']).toMatch(/^127\.0\.24[7-9]\.1$|^127\.0\.250\.1$/);
    }
  });

  it('answers account requests with a 421 naming 2 real nodes of another swarm and 3 strangers, and lists only strangers for get_service_nodes', () => {
    const out = lieAboutSwarms(
      {
        status: 200,
        body: {
          results: [
            { code: 200, body: { messages: [], more: false } },
            { code: 200, body: { result: { service_node_states: [{ public_ip: '127.0.1.1' }] } } },
            { code: 400, body: 'invalid request' },
          ],
        },
      },
      lies,
    );
    const [retrieve, nodes, bad] = (out.body as { results: { code: number; body: Record<string, unknown> | string }[] }).results;
    expect(retrieve!.code).toBe(421);
    expect((retrieve!.body as { snodes: unknown[] }).snodes).toHaveLength(5);
    expect((retrieve!.body as { snodes: unknown[] }).snodes.slice(0, 2)).toEqual([realOther, realOther]);
    const states = ((nodes!.body as { result: { service_node_states: Record<string, unknown>[] } }).result.service_node_states);
    expect(states).toHaveLength(4);
    expect(states.every((s) => s['pubkey_ed25519'] !== realOther.pubkey_ed25519)).toBe(true);
    expect(bad).toEqual({ code: 400, body: 'invalid request' });
  });
});

describe('forgeSignatures', () => {
  it('flips one bit of every member signature and of every retrieved data, keeping them valid base64', () => {
    const out = forgeSignatures({
      status: 200,
      body: {
        results: [
          { code: 200, body: { swarm: { ['cc'.repeat(32)]: { hash: 'h', signature: SIG }, ['dd'.repeat(32)]: { failed: true } }, hash: 'h' } },
          { code: 200, body: { messages: [{ hash: 'x', data: 'aGVsbG8=' }], more: false } },
        ],
      },
    });
    const [store, retrieve] = (out.body as { results: { body: Record<string, unknown> }[] }).results;
    const swarm = store!.body['swarm'] as Record<string, Record<string, unknown>>;
    expect(swarm['cc'.repeat(32)]!['signature']).toBe('AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==');
    expect(swarm['dd'.repeat(32)]).toEqual({ failed: true });
    // "hello" → "iello": the hash no longer matches the data.
    expect((retrieve!.body['messages'] as { data: string }[])[0]!.data).toBe('aWVsbG8=');
  });
});

describe('replies', () => {
  it('bad-json cuts onion replies in half on the way and encrypts half a document at the destination', () => {
    const h = { opts: { mode: 'bad-json' as const }, lies };
    const reply = { status: 200, body: new Uint8Array([1, 2, 3, 4, 5, 6]), contentType: 'text/plain' };
    expect(Array.from(tamperReply(h, reply).body)).toEqual([1, 2, 3]);
    expect(tamperReply(h, reply, true)).toBe(reply);
    expect(tamperPlaintext(h, '{"status":200,"body":"ok"}')).toBe('{"status":200');
    expect(Array.from(truncated(new Uint8Array([9])))).toEqual([9]);
  });

  it('huge and drip mark the reply for the entry node to stream; other modes leave replies alone', () => {
    const reply: HopResult = { status: 200, body: new Uint8Array([7]), contentType: 'text/plain' };
    expect(tamperReply({ opts: { mode: 'huge', bytes: 10 }, lies }, reply).stream).toEqual({ kind: 'huge', bytes: 10, declareLength: false });
    expect(tamperReply({ opts: { mode: 'drip' }, lies }, reply).stream).toEqual({ kind: 'drip', intervalMs: 500, body: reply.body });
    expect(hostileStream({ mode: 'huge' }, reply.body)).toEqual({ kind: 'huge', bytes: 256 * 1024 * 1024, declareLength: false });
    expect(tamperReply({ opts: { mode: 'wrong-swarm' }, lies }, reply)).toBe(reply);
    expect(tamperReply(null, reply)).toBe(reply);
  });
});

describe('checkMisbehaveOptions', () => {
  it('accepts each mode with its own options', () => {
    expect(checkMisbehaveOptions({ mode: 'huge', bytes: 5, declareLength: true, durationMs: 0 })).toEqual({ mode: 'huge', bytes: 5, declareLength: true, durationMs: 0 });
    expect(checkMisbehaveOptions({ mode: 'drip', intervalMs: 1 }).mode).toBe('drip');
  });

  it('refuses what does not fit with a message naming it', () => {
    expect(() => checkMisbehaveOptions({ mode: 'drip', bytes: 5 })).toThrow(/bytes and declareLength only apply to mode huge/);
    expect(() => checkMisbehaveOptions({ mode: 'bad-json', intervalMs: 5 })).toThrow(/intervalMs only applies to mode drip/);
    expect(() => checkMisbehaveOptions({ mode: 'huge', bytes: 0 })).toThrow(/bytes/);
    expect(() => checkMisbehaveOptions({ mode: 'nope' } as unknown as { mode: 'huge' })).toThrow(/mode/);
    expect(() => checkMisbehaveOptions({ mode: 'huge', extra: 1 } as unknown as { mode: 'huge' })).toThrow(/extra|Unrecognized/i);
  });
});
