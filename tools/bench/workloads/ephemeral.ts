// Ephemeral X25519 keys for the floors, made as ts/protocol makes them (32 random bytes imported as a JWK private
// key). Not generateKeyPairSync: besides being slower, on Node 20 a key pair from it whose JWK is exported while
// the garbage collector finalizes its key-generation job can deadlock the process (seen as a bench that hangs
// with the main thread waiting on a mutex inside KeyGenJob's destructor).
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';

const ZERO_X = Buffer.alloc(32).toString('base64url');

export function ephemeralX25519(): { privateKey: KeyObject; publicKey: string } {
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: randomBytes(32).toString('base64url'), x: ZERO_X }, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey).export({ format: 'jwk' }).x! };
}
