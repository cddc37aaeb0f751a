// The native libsodium build (sodium-native) serves signature checks, sealed boxes and Ed25519 -> X25519
// conversion on the receive path. It must answer exactly as the WASM build does, edge cases included
// (small-order keys and points, non-canonical scalars, points off the curve), or a message one build
// accepts would be dropped by the other.
import {
  loadProtocol,
  decryptFromSender,
  ed25519PublicToX25519,
  ed25519Sign,
  ed25519Verify,
  encryptForRecipient,
  identityFromEd25519Seed,
  nativeSodium,
  sodium,
  useNativeSodium,
  x25519KeyAgreement,
  x25519PublicFromSecret,
  type Identity,
} from '../../../ts/protocol';
import { randomBytes } from 'node:crypto';

beforeAll(loadProtocol);
afterEach(() => useNativeSodium(true));

const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

// The group order L, little-endian.
const L = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

/** a + b for little-endian 32-byte numbers (mod 2^256). */
function addLe(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const s = (a[i] as number) + (b[i] as number) + carry;
    out[i] = s & 0xff;
    carry = s >> 8;
  }
  return out;
}

// Encodings of the points of small order (and non-canonical ones), as libsodium's blocklist lists them.
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];

/** Runs `f` with each build and returns both answers (a thrown error becomes its class name). */
function both<T>(f: () => T): { native: T | string; wasm: T | string } {
  const run = (): T | string => {
    try {
      return f();
    } catch (e) {
      return `throws ${(e as { kind?: string }).kind ?? 'error'}`;
    }
  };
  useNativeSodium(true);
  const native = run();
  useNativeSodium(false);
  const wasm = run();
  useNativeSodium(true);
  return { native, wasm };
}

describe('native libsodium', () => {
  test('loads here (linux-x64 has a prebuilt module) and can be switched off', () => {
    expect(nativeSodium()).not.toBeNull();
    useNativeSodium(false);
    expect(nativeSodium()).toBeNull();
  });

  test('Ed25519 verification answers as the WASM build on valid, tampered and malformed signatures', () => {
    const kp = sodium().crypto_sign_keypair();
    const secret = kp.privateKey;
    const pub = kp.publicKey;
    const cases: { name: string; sig: Uint8Array; msg: Uint8Array; pub: Uint8Array; expect?: boolean }[] = [];
    for (let i = 0; i < 20; i++) {
      const msg = new Uint8Array(randomBytes(i * 37));
      const sig = ed25519Sign(secret, msg);
      cases.push({ name: `valid ${i}`, sig, msg, pub, expect: true });
      const flipped = msg.slice();
      if (flipped.length > 0) flipped[i % flipped.length] ^= 1;
      else cases.push({ name: `extra byte ${i}`, sig, msg: new Uint8Array([0]), pub, expect: false });
      if (flipped.length > 0) cases.push({ name: `tampered message ${i}`, sig, msg: flipped, pub, expect: false });
      const badSig = sig.slice();
      badSig[i % 64] ^= 0x40;
      cases.push({ name: `tampered signature ${i}`, sig: badSig, msg, pub, expect: false });
    }
    // S + L: the same signature with a non-canonical scalar, which libsodium refuses.
    const msg = new Uint8Array(randomBytes(50));
    const sig = ed25519Sign(secret, msg);
    const nonCanonical = new Uint8Array(64);
    nonCanonical.set(sig.subarray(0, 32));
    nonCanonical.set(addLe(sig.subarray(32), L), 32);
    cases.push({ name: 'S + L', sig: nonCanonical, msg, pub, expect: false });
    for (const p of SMALL_ORDER) {
      cases.push({ name: `small-order key ${p.slice(0, 8)}`, sig, msg, pub: hex(p), expect: false });
      const smallR = sig.slice();
      smallR.set(hex(p), 0);
      cases.push({ name: `small-order R ${p.slice(0, 8)}`, sig: smallR, msg, pub });
      // A zero scalar with a small-order R and key "verifies" arithmetically; libsodium refuses both.
      const zeroS = new Uint8Array(64);
      zeroS.set(hex(p), 0);
      cases.push({ name: `zero S, small-order R and key ${p.slice(0, 8)}`, sig: zeroS, msg, pub: hex(p), expect: false });
    }
    for (let i = 0; i < 30; i++) cases.push({ name: `random key ${i}`, sig, msg, pub: new Uint8Array(randomBytes(32)), expect: false });

    for (const c of cases) {
      const r = both(() => ed25519Verify(c.sig, c.msg, c.pub));
      expect({ name: c.name, ...r }).toEqual({ name: c.name, native: r.wasm, wasm: r.wasm });
      if (c.expect !== undefined) expect({ name: c.name, ok: r.native }).toEqual({ name: c.name, ok: c.expect });
    }
  });

  test('Ed25519 -> X25519 conversion answers as the WASM build, and refuses the same keys', () => {
    const keys = [
      ...Array.from({ length: 20 }, () => sodium().crypto_sign_keypair().publicKey),
      ...SMALL_ORDER.map(hex),
      ...Array.from({ length: 30 }, () => new Uint8Array(randomBytes(32))),
    ];
    let refused = 0;
    for (const k of keys) {
      const r = both(() => Buffer.from(ed25519PublicToX25519(k)).toString('hex'));
      expect({ key: Buffer.from(k).toString('hex'), ...r }).toEqual({ key: Buffer.from(k).toString('hex'), native: r.wasm, wasm: r.wasm });
      if (typeof r.native === 'string' && r.native.startsWith('throws')) refused++;
    }
    // Some of the inputs are not points: both builds refuse them.
    expect(refused).toBeGreaterThan(0);
  });

  test('X25519 agreement answers as node:crypto (used without the native build), and refuses the same low-order keys', () => {
    // Montgomery u-coordinates of small order (libsodium's blocklist), with and without the ignored top bit.
    const lowOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      '0000000000000000000000000000000000000000000000000000000000000080',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
    ];
    const theirs = [
      ...Array.from({ length: 20 }, () => new Uint8Array(randomBytes(32))),
      ...lowOrder.map(hex),
    ];
    let refused = 0;
    for (const pub of theirs) {
      const secret = new Uint8Array(randomBytes(32));
      const r = both(() => {
        const k = x25519KeyAgreement(secret, pub);
        return `${Buffer.from(k.ourPublic).toString('hex')} ${Buffer.from(k.shared).toString('hex')}`;
      });
      const key = Buffer.from(pub).toString('hex');
      expect({ key, ...r }).toEqual({ key, native: r.wasm, wasm: r.wasm });
      // Our public key alone, from the same secret: the same in both builds, and the one the agreement gave.
      const ours = both(() => Buffer.from(x25519PublicFromSecret(secret)).toString('hex'));
      expect(ours.native).toBe(ours.wasm);
      if (typeof r.native === 'string' && !r.native.startsWith('throws'))
        expect(r.native.split(' ')[0]).toBe(ours.native);
      if (r.native === 'throws decrypt_failed') refused++;
    }
    expect(refused).toBe(lowOrder.length);
  });

  test('sealed 1:1 messages open (or fail) the same way with either build', () => {
    const alice: Identity = identityFromEd25519Seed(new Uint8Array(randomBytes(32)));
    const bob: Identity = identityFromEd25519Seed(new Uint8Array(randomBytes(32)));
    const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
    for (let i = 0; i < 10; i++) {
      const body = new Uint8Array(randomBytes(1 + i * 100));
      const sealed = encryptForRecipient(alice.ed25519, bob.x25519.publicKey, body, random);
      const opened = both(() => {
        const r = decryptFromSender(bob.x25519, sealed);
        return r.ok ? { sender: r.value.senderSessionId, body: Buffer.from(r.value.plaintext).toString('hex') } : r.error.kind;
      });
      expect(opened.native).toEqual({ sender: alice.sessionId, body: Buffer.from(body).toString('hex') });
      expect(opened.wasm).toEqual(opened.native);

      const tampered = sealed.slice();
      tampered[(i * 13) % tampered.length] ^= 1;
      const bad = both(() => {
        const r = decryptFromSender(bob.x25519, tampered);
        return r.ok ? 'opened' : r.error.kind;
      });
      expect(bad.native).toBe('decrypt_failed');
      expect(bad.wasm).toBe(bad.native);

      // Opened by the wrong recipient.
      const wrong = both(() => {
        const r = decryptFromSender(alice.x25519, sealed);
        return r.ok ? 'opened' : r.error.kind;
      });
      expect(wrong).toEqual({ native: 'decrypt_failed', wasm: 'decrypt_failed' });
    }
  });
});
