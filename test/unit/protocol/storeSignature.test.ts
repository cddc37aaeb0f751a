// storeSignatureValid (spec network §2.6.1): a store response's member entry signs the message hash with
// the member's Ed25519 key; only a present, wrong signature counts as a lie.
import { bytesToBase64, bytesToHex, ed25519KeyPairFromSeed, ed25519Sign, loadProtocol, storeSignatureValid, utf8ToBytes } from '../../../ts/protocol';

beforeAll(async () => {
  await loadProtocol();
});

const HASH = 'iCs3aAbPotVlBLCGQu2fn426dT9KM3oUfdrNDhOo+L4';

describe('storeSignatureValid', () => {
  it('checks the member entry signature over the ASCII hash, as a value or as JSON text', () => {
    const node = ed25519KeyPairFromSeed(new Uint8Array(32).fill(3));
    const other = ed25519KeyPairFromSeed(new Uint8Array(32).fill(4));
    const member = bytesToHex(node.publicKey);
    const sig = bytesToBase64(ed25519Sign(node.secretKey, utf8ToBytes(HASH)));
    const body = { hash: HASH, swarm: { [member]: { hash: HASH, signature: sig, expiry: 1 } } };
    expect(storeSignatureValid(body, member, HASH)).toBe(true);
    expect(storeSignatureValid(JSON.stringify(body), member.toUpperCase(), HASH)).toBe(true);
    const forged = bytesToBase64(ed25519Sign(other.secretKey, utf8ToBytes(HASH)));
    expect(storeSignatureValid({ swarm: { [member]: { signature: forged } } }, member, HASH)).toBe(false);
    expect(storeSignatureValid(body, member, 'A'.repeat(43))).toBe(false);
    expect(storeSignatureValid({ swarm: { [member]: { signature: 'not base64!' } } }, member, HASH)).toBe(false);
  });

  it('is undefined when there is nothing signed to check', () => {
    const member = 'ab'.repeat(32);
    expect(storeSignatureValid({ hash: HASH }, member, HASH)).toBeUndefined();
    expect(storeSignatureValid({ swarm: { ['cd'.repeat(32)]: { signature: 'x' } } }, member, HASH)).toBeUndefined();
    expect(storeSignatureValid({ swarm: { [member]: { failed: true } } }, member, HASH)).toBeUndefined();
    expect(storeSignatureValid('{not json', member, HASH)).toBeUndefined();
    expect(storeSignatureValid(null, member, HASH)).toBeUndefined();
  });
});
