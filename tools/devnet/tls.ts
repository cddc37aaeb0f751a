// A self-signed EC P-256 certificate shared by the seed and every service node (clients do not verify
// node certificates; onion-layer encryption carries the security). Made once with the openssl CLI.
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/** Reuses key.pem/cert.pem from `dir` when present, else generates them (into `dir`, or a temp dir). */
export async function loadOrCreateCertificate(dir: string | null): Promise<TlsMaterial> {
  if (dir) {
    const [key, cert] = await Promise.all([
      fsp.readFile(path.join(dir, 'tls-key.pem'), 'utf8').catch(() => null),
      fsp.readFile(path.join(dir, 'tls-cert.pem'), 'utf8').catch(() => null),
    ]);
    if (key && cert) return { key, cert };
  }
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'session-devnet-tls-'));
  try {
    const keyFile = path.join(work, 'key.pem');
    const certFile = path.join(work, 'cert.pem');
    try {
      await run('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '3650', '-subj', '/CN=session-devnet',
      ]);
    } catch (e) {
      throw new Error(`could not create the devnet TLS certificate with openssl (is it installed?): ${e instanceof Error ? e.message : String(e)}`);
    }
    const [key, cert] = await Promise.all([fsp.readFile(keyFile, 'utf8'), fsp.readFile(certFile, 'utf8')]);
    if (dir) {
      await fsp.writeFile(path.join(dir, 'tls-key.pem'), key, { mode: 0o600 });
      await fsp.writeFile(path.join(dir, 'tls-cert.pem'), cert);
    }
    return { key, cert };
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}
