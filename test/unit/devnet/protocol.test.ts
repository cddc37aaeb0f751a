// Server-side primitives of the devnet against the literals of spec/network.md (§4.1, §5.2, §6.2) and the
// shared ONS vectors.
import { cryptoReady, decryptLayer, deriveLayerKey, encryptLayer, x25519PrivateKey, type EncType } from '../../../tools/devnet/crypto';
import { buildBencodedByteList, parseBencodedByteList, parseOnionFrame } from '../../../tools/devnet/framing';
import { encryptOnsValue } from '../../../tools/devnet/rpc';
import { messageHash, pickSwarm, swarmSpacePosition } from '../../../tools/devnet/swarm';
import { parseArgs } from '../../../tools/devnet/args';
import vectors from '../../fixtures/devnet/vectors.json';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const str = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

beforeAll(async () => {
  await cryptoReady();
});

describe('message hash (spec §4.1)', () => {
  const pk = hex(`05${'0123456789abcdef'.repeat(4)}`);
  const data = new TextEncoder().encode('hello');
  it.each([
    [0, 'iCs3aAbPotVlBLCGQu2fn426dT9KM3oUfdrNDhOo+L4'],
    [5, 'o6MnqDP8vsAud9p1eyXjssrEyO7G2wiLSZULJ++TpYw'],
    [-10, '259ofoM5Z0mL+Os1Ur+MD1uwb1TqQgo7mt5pVUtt+v8'],
  ])('namespace %d', (ns, expected) => {
    expect(messageHash(pk, ns, data)).toBe(expected);
  });
});

describe('swarm mapping (spec §5.2)', () => {
  it('computes the swarm-space position of the spec example', () => {
    const pk = hex('053f3af1ecebbd1410ab417ec0d27bbfcb5d340e177ae159b59fc8626c2dfd9175');
    expect(swarmSpacePosition(pk.subarray(1))).toBe(0x5687e3576eda631bn);
    expect(swarmSpacePosition(pk.subarray(1))).toBe(6235202173779206939n);
  });
  it('picks the nearest swarm with wrap-around and ties to the left', () => {
    const max = (1n << 64n) - 1n;
    expect(pickSwarm(50n, [100n])).toBe(100n);
    expect(pickSwarm(50n, [0n, 100n])).toBe(0n); // tie -> left
    expect(pickSwarm(51n, [0n, 100n])).toBe(100n);
    expect(pickSwarm(max - 1n, [10n, 1000n])).toBe(10n); // wraps: 11 away from 10, far from 1000
    expect(pickSwarm(5n, [max - 2n, 1000n])).toBe(max - 2n); // left wraps to the last swarm
    expect(pickSwarm(5n, [])).toBeNull();
  });
});

describe('onion layers (spec §6.2 known answers)', () => {
  const A = hex('bbdfc83022d0aff084a6f0c529a93d1c4d728bf7e41199afed0e01ae70d20540');
  const B = hex('caea52c5b0c316d85ffb53ea536826618b13dee40685f166f632653114526a78');
  const b = hex('8fcd8ad3a15c76f76f1c56dff0c529999f8c59b4acda79e05666e54d5727dca1');
  it.each<[EncType, string]>([
    ['aes-gcm', '1eb6ae1cd72f60999486365749bd5dc15cc0b6a2a44d7d063daa5e93722f0c025fd00306403b61'],
    ['xchacha20', '9e1a3abe60eff3ea5c23556cc7e225b6f94355315f7281f66ecf4dbb06e7899a52b863e03cde3b287d1638d765db75de02b032'],
  ])('node decrypts the %s ciphertext of "Hello world"', (enc, ct) => {
    const key = deriveLayerKey(enc, x25519PrivateKey(b), B, A);
    expect(str(decryptLayer(enc, key, hex(ct))!)).toBe('Hello world');
    const tampered = hex(ct);
    tampered[tampered.length - 1]! ^= 1;
    expect(decryptLayer(enc, key, tampered)).toBeNull();
  });

  const B2 = hex('8388de69bc0d4b6196133233ad9a46ba0473474bc67718aad96a3a33c257f726');
  const b2 = hex('2f4d1c0d28e137777ec0a316e9f4f763e3e66662a6c51994c6315c9ef34b6deb');
  it.each<[EncType, string, number]>([
    [
      'aes-gcm',
      '270000009525d587d188c92a966eef0e7162bef99a6171a124575b998072a8ee7eb265e0b6f0930ed965047b22656e635f74797065223a20226165732d67636d222c2022657068656d6572616c5f6b6579223a202238313637653937363732303035633636396134383835386336393839356633393563613233353231396163336637613432313030323262316639313065363532227d',
      41,
    ],
    [
      'xchacha20',
      '33000000e440bc244ddcafd947b86fc5a964aa58de54a6d75cc0f0f3840db14b6c1176a8e2e0a04d5fbdf98f23adee1edc8362ab99b10b7b22656e635f74797065223a2022786368616368613230222c2022657068656d6572616c5f6b6579223a202238313637653937363732303035633636396134383835386336393839356633393563613233353231396163336637613432313030323262316639313065363532227d',
      53,
    ],
  ])('parses and decrypts the framed %s example, and replies with the same key', (enc, frameHex, replyLen) => {
    const frame = parseOnionFrame(hex(frameHex));
    if (typeof frame === 'string') throw new Error(frame);
    expect(frame.json['enc_type']).toBe(enc);
    const eph = hex(frame.json['ephemeral_key'] as string);
    expect(Buffer.from(eph).toString('hex')).toBe('8167e97672005c669a48858c69895f395ca235219ac3f7a4210022b1f910e652');
    const key = deriveLayerKey(enc, x25519PrivateKey(b2), B2, eph);
    expect(str(decryptLayer(enc, key, frame.blob)!)).toBe('Hello world');
    const reply = encryptLayer(enc, key, new TextEncoder().encode('Goodbye world'), (n) => new Uint8Array(n).fill(7));
    expect(reply.length).toBe(replyLen);
    expect(str(decryptLayer(enc, key, reply)!)).toBe('Goodbye world');
  });

  it('rejects malformed frames', () => {
    expect(typeof parseOnionFrame(hex('0100'))).toBe('string');
    expect(typeof parseOnionFrame(hex('ff00000000'))).toBe('string');
    expect(typeof parseOnionFrame(Buffer.concat([hex('01000000aa'), Buffer.from('not json')]))).toBe('string');
  });
});

describe('onion v4 bencoding (spec §6.5)', () => {
  it('parses the spec GET example and round-trips byte lists', () => {
    const get = new TextEncoder().encode('l52:{"endpoint":"/file/abc","headers":{},"method":"GET"}e');
    const items = parseBencodedByteList(get)!;
    expect(items).toHaveLength(1);
    expect(JSON.parse(str(items[0]!))).toEqual({ endpoint: '/file/abc', headers: {}, method: 'GET' });
    expect(str(buildBencodedByteList([new TextEncoder().encode('ab'), new Uint8Array(0)]))).toBe('l2:ab0:e');
    expect(parseBencodedByteList(new TextEncoder().encode('l5:abe'))).toBeNull();
  });
});

describe('ONS value encryption (spec §9)', () => {
  it.each(vectors.ons)('reproduces $name', (v) => {
    const ct = encryptOnsValue(v.inputs.lowercase_name, hex(v.outputs.session_id), hex(v.inputs.nonce_hex));
    expect(Buffer.from(ct).toString('hex')).toBe(v.inputs.ciphertext_hex);
  });
});

describe('command line', () => {
  it('parses every option', () => {
    const sid = `05${'ab'.repeat(32)}`;
    expect(parseArgs(['--nodes', '6', '--swarm-size=3', '--state-dir', '/tmp/x', '--base-port', '0', '--ons', `Alice=${sid}`])).toEqual({
      help: false,
      options: { nodes: 6, swarmSize: 3, stateDir: '/tmp/x', basePort: 0, ons: { alice: sid } },
    });
  });
  it.each([[['--nodes']], [['--nodes', 'x']], [['--bogus']], [['--ons', 'alice=06ab']], [['--nodes', '0']], [['--nodes', '3', '--swarm-size', '4']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseArgs(argv)).toThrow();
    },
  );
});
