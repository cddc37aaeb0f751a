// Throwaway self-signed certificates (openssl CLI) and a loopback HTTPS server for TLS tests.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedPin } from '../../../ts/network/seedCerts';

export interface TestCert {
  key: string;
  cert: string;
}

/** Makes an RSA self-signed certificate (RSA like the seeds: Node's `pubkey` is the SPKI DER only for RSA) for `host` (CN and SAN). */
export function makeSelfSignedCert(host: string): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'net-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
        '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pin values for a certificate, computed the way spec §1.4 defines them. */
export function pinFor(host: string, pem: string): SeedPin {
  const x = new X509Certificate(pem);
  const spki = x.publicKey.export({ type: 'spki', format: 'der' });
  return { host, pem, spkiSha256: createHash('sha256').update(spki).digest('base64'), fingerprint256: x.fingerprint256 };
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Loopback HTTPS server answering every request with `{"ok":true}`. */
export async function startHttpsServer(cert: TestCert): Promise<TestServer> {
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
