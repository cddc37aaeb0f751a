// Certificate pinning for the mainnet seeds (spec §1.4): the pinned PEM is the only CA, the host
// name must match, and both the SPKI SHA-256 and the certificate fingerprint must equal the pins.
import { createHash } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import type { SeedPin } from './seedCerts';

/** Error raised inside the TLS handshake when a seed's certificate does not match its pins. */
export class SeedPinError extends Error {
  readonly code = 'ERR_SEED_PIN_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'SeedPinError';
  }
}

/** Checks a presented certificate against a pin; returns an Error to refuse it (Node's checkServerIdentity contract). */
export function verifySeedCertificate(pin: SeedPin, cert: PeerCertificate): Error | undefined {
  const identityError = checkServerIdentity(pin.host, cert);
  if (identityError) return identityError;
  if (!cert.pubkey || createHash('sha256').update(cert.pubkey).digest('base64') !== pin.spkiSha256) {
    return new SeedPinError(`public key of ${pin.host} does not match the pinned key`);
  }
  if (cert.fingerprint256 !== pin.fingerprint256) {
    return new SeedPinError(`certificate of ${pin.host} does not match the pinned fingerprint`);
  }
  return undefined;
}

/** TLS options for a pinned seed connection: only the pinned certificate is trusted, for its own host name. */
export function pinnedTlsOptions(pin: SeedPin): {
  ca: string;
  servername: string;
  rejectUnauthorized: true;
  checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined;
} {
  return {
    ca: pin.pem,
    servername: pin.host,
    rejectUnauthorized: true,
    checkServerIdentity: (_host, cert) => verifySeedCertificate(pin, cert),
  };
}
