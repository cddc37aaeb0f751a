// Protocol workloads: 1:1 encrypt, decrypt+verify and a 3-hop onion build, each next to the raw
// libsodium / node:crypto primitives it is made of.
import { createCipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, randomBytes, sign } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import {
  buildSnodeOnionRequest,
  decryptFromSender,
  encodeRpcBody,
  buildBatchRequest,
  buildInfoRequest,
  encryptForRecipient,
  identityFromRecoverySeed,
  loadProtocol,
  nativeSodium,
  sealedBoxOpen,
  ed25519PublicToX25519,
  ed25519Verify,
  padMessage,
  secureRandom,
  x25519PublicFromSecret,
  type Identity,
  type OnionNode,
} from '../../../ts/protocol';
import { ephemeralX25519 } from './ephemeral';
import type { WorkloadGroup } from './types';

const ED_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

let alice: Identity;
let bob: Identity;
let message: Uint8Array;
let ciphertext: Uint8Array;
let path: OnionNode[];
let destination: OnionNode;
let rpcBody: Uint8Array;

async function setup(): Promise<void> {
  await loadProtocol();
  await sodium.ready;
  alice = identityFromRecoverySeed(new Uint8Array(16).fill(1));
  bob = identityFromRecoverySeed(new Uint8Array(16).fill(2));
  // A typical short text message: ~100-byte Content padded to 160.
  message = padMessage(new Uint8Array(100).fill(7));
  ciphertext = encryptForRecipient(alice.ed25519, bob.x25519.publicKey, message, secureRandom);
  const node = (i: number): OnionNode => ({
    ed25519: Buffer.alloc(32, i).toString('hex'),
    x25519: x25519PublicFromSecret(new Uint8Array(32).fill(i + 10)),
  });
  path = [node(1), node(2), node(3)];
  destination = node(4);
  rpcBody = encodeRpcBody(buildBatchRequest(Array.from({ length: 4 }, buildInfoRequest)));
}

/** The X25519 part of a layer with the library the protocol uses: the native libsodium when it loaded, else node:crypto. */
function rawAgreement(nodeX25519: Uint8Array): Uint8Array {
  const n = nativeSodium();
  if (n) {
    const secret = randomBytes(32);
    const ours = new Uint8Array(32);
    const shared = new Uint8Array(32);
    n.crypto_scalarmult_base(ours, secret);
    n.crypto_scalarmult(shared, secret, nodeX25519);
    return shared;
  }
  const eph = ephemeralX25519();
  const pub = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(nodeX25519).toString('base64url') }, format: 'jwk' });
  return diffieHellman({ privateKey: eph.privateKey, publicKey: pub });
}

/** Floor for one onion layer: ephemeral X25519 key, DH, HMAC KDF, AES-GCM over `len` bytes. */
function rawLayer(nodeX25519: Uint8Array, len: number): void {
  const s = rawAgreement(nodeX25519);
  const key = createHmac('sha256', 'LOKI').update(s).digest();
  const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
  c.update(Buffer.alloc(len));
  c.final();
  c.getAuthTag();
}

export const protocolGroup: WorkloadGroup = {
  name: 'protocol',
  setup,
  workloads: [
    {
      name: 'encrypt-for-recipient',
      describe: 'sign + seal a 160-byte padded message (encryptForRecipient)',
      run: (n) => {
        for (let i = 0; i < n; i++) encryptForRecipient(alice.ed25519, bob.x25519.publicKey, message, secureRandom);
      },
      floorDescribe: 'node:crypto Ed25519 sign (key object reused) + libsodium crypto_box_seal',
      floor: (n) => {
        const key = createPrivateKey({ key: Buffer.concat([ED_PKCS8, alice.ed25519Seed]), format: 'der', type: 'pkcs8' });
        const toSign = Buffer.concat([message, alice.ed25519.publicKey, bob.x25519.publicKey]);
        for (let i = 0; i < n; i++) {
          const sig = sign(null, toSign, key);
          sodium.crypto_box_seal(Buffer.concat([message, alice.ed25519.publicKey, sig]), bob.x25519.publicKey);
        }
      },
      target: 1.3,
      unit: 'msgs/s',
    },
    {
      name: 'decrypt-and-verify',
      describe: 'open + verify + sender extraction (decryptFromSender)',
      run: (n) => {
        for (let i = 0; i < n; i++) {
          const r = decryptFromSender(bob.x25519, ciphertext);
          if (!r.ok) throw r.error;
        }
      },
      floorDescribe: `libsodium (${nativeSodium() ? 'native' : 'WASM'}, the build decryptFromSender uses) crypto_box_seal_open + crypto_sign_verify_detached + pk_to_curve25519`,
      floor: (n) => {
        for (let i = 0; i < n; i++) {
          const inner = sealedBoxOpen(ciphertext, bob.x25519.publicKey, bob.x25519.secretKey);
          const len = inner.length;
          const a = inner.subarray(len - 96, len - 64);
          ed25519Verify(inner.subarray(len - 64), Buffer.concat([inner.subarray(0, len - 96), a, bob.x25519.publicKey]), a);
          ed25519PublicToX25519(a);
        }
      },
      target: 1.3,
      unit: 'msgs/s',
    },
    {
      name: 'onion-build-3hop',
      describe: '3-hop aes-gcm onion request to a snode (4 layers)',
      run: (n) => {
        for (let i = 0; i < n; i++) buildSnodeOnionRequest({ path, destination, body: rpcBody, random: secureRandom });
      },
      floorDescribe: `4 x (X25519 keygen + DH (${nativeSodium() ? 'native libsodium' : 'node:crypto'}, the build the onion code uses) + HMAC-SHA256 + AES-256-GCM)`,
      floor: (n) => {
        for (let i = 0; i < n; i++) {
          let len = rpcBody.length + 60;
          for (const hop of [destination, ...[...path].reverse()]) {
            rawLayer(hop.x25519, len);
            len += 28 + 120;
          }
        }
      },
      target: 1.3,
      unit: 'requests/s',
    },
  ],
};
