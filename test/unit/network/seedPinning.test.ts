// Mainnet seed pinning (spec §1.4) with the real pinned certificates: they pass, anything else is refused.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { mainnetConfig, pinnedSeed, MAINNET_SEED_URLS } from '../../../ts/network/config';
import { NetworkError } from '../../../ts/network/errors';
import { createHttpClient, type HttpClient } from '../../../ts/network/http';
import { MAINNET_SEED_PINS } from '../../../ts/network/seedCerts';
import { verifySeedCertificate } from '../../../ts/network/seedTls';
import { makeSelfSignedCert, pinFor, startHttpsServer, type TestCert, type TestServer } from './tlsTestUtil';

let forged: TestCert | undefined;
/** One throwaway certificate for seed1's host name (RSA generation is slow; make it once). */
function forgedSeed1Cert(): TestCert {
  forged ??= makeSelfSignedCert('seed1.getsession.org');
  return forged;
}

/** What Node hands checkServerIdentity for a certificate (the fields the pin check reads). */
function peerCertOf(pem: string): PeerCertificate {
  const x = new X509Certificate(pem);
  const cn = /CN=([^\n,]+)/.exec(x.subject)?.[1] ?? '';
  return {
    subject: { CN: cn },
    subjectaltname: x.subjectAltName,
    pubkey: x.publicKey.export({ type: 'spki', format: 'der' }),
    fingerprint256: x.fingerprint256,
  } as unknown as PeerCertificate;
}

describe('mainnet seed configuration', () => {
  it('lists the three official seeds, each pinned to its shipped certificate', () => {
    const cfg = mainnetConfig();
    expect(cfg.kind).toBe('mainnet');
    expect(cfg.seeds.map((s) => s.url)).toEqual([...MAINNET_SEED_URLS]);
    cfg.seeds.forEach((seed, i) => {
      expect(seed.tls.kind).toBe('pinned');
      const pin = seed.tls.kind === 'pinned' ? seed.tls.pin : undefined;
      const host = `seed${i + 1}.getsession.org`;
      expect(pin?.host).toBe(host);
      const shipped = readFileSync(join(__dirname, '../../../ts/network/seed-certs', `${host}.pem`), 'utf8');
      expect(pin?.pem.trim()).toBe(shipped.trim());
    });
  });

  it('refuses an https seed host it has no pin for', () => {
    expect(() => pinnedSeed('https://seed9.getsession.org:4443/')).toThrow(NetworkError);
  });

  it('pins the SPKI hashes and fingerprints given by the spec, matching the shipped certificates', () => {
    const spec: Record<string, [string, string]> = {
      'seed1.getsession.org': [
        'mlYTXvkmIEYcpswANTpnBwlz9Cswi0py/RQKkbdQOZQ=',
        '36:EA:0B:25:35:37:98:85:51:EE:85:6E:4F:D2:0D:55:01:1E:9C:8B:27:EA:A2:F3:4B:8F:32:A0:BD:F0:4F:2D',
      ],
      'seed2.getsession.org': [
        'ZuUxe4wopBR83Yy5fePPNX0c00BnkQCu/49oapFpB0k=',
        'C5:90:8D:D4:13:9A:CD:96:AE:DD:1E:45:57:65:97:65:08:09:C8:A5:EA:02:AF:55:6D:48:53:D4:53:96:E0:E7',
      ],
      'seed3.getsession.org': [
        '4xe+8k1NjxerVTjUsWlZJNKt3PA7Y31pUls2tHYippA=',
        '8A:0A:F2:C7:12:34:2F:22:CE:00:E5:3C:16:01:41:0E:F8:D8:41:56:AE:E0:A9:80:9C:32:F6:F7:EF:BE:55:6E',
      ],
    };
    for (const pin of MAINNET_SEED_PINS) {
      expect([pin.spkiSha256, pin.fingerprint256]).toEqual(spec[pin.host]);
      // Recomputed from the embedded PEM: the pins and the certificate agree.
      const recomputed = pinFor(pin.host, pin.pem);
      expect(recomputed.spkiSha256).toBe(pin.spkiSha256);
      expect(recomputed.fingerprint256).toBe(pin.fingerprint256);
    }
  });
});

describe('verifySeedCertificate', () => {
  it('accepts each real seed certificate for its own host', () => {
    for (const pin of MAINNET_SEED_PINS) {
      expect(verifySeedCertificate(pin, peerCertOf(pin.pem))).toBeUndefined();
    }
  });

  it("refuses another seed's real certificate", () => {
    const [seed1, seed2] = MAINNET_SEED_PINS;
    expect(verifySeedCertificate(seed1!, peerCertOf(seed2!.pem))?.message).toMatch(/seed1.getsession.org/);
  });

  it('refuses a different certificate issued to the same host name', () => {
    const err = verifySeedCertificate(MAINNET_SEED_PINS[0]!, peerCertOf(forgedSeed1Cert().cert));
    expect(err?.message).toMatch(/pinned/);
  });
});

describe('pinned TLS connections', () => {
  let client: HttpClient;
  let impostorCert: TestCert;
  let impostor: TestServer;

  beforeAll(async () => {
    client = createHttpClient();
    // Same host name as the real seed, different key: only the pin can tell them apart.
    impostorCert = forgedSeed1Cert();
    impostor = await startHttpsServer(impostorCert);
  });
  afterAll(async () => {
    client.close();
    await impostor.close();
  });

  it('refuses a server whose certificate is not the pinned seed certificate, with a typed tls error', async () => {
    const pin = MAINNET_SEED_PINS[0]!;
    const err = await client
      .request({ url: `${impostor.url}json_rpc`, method: 'POST', body: '{}', timeoutMs: 5_000, tls: { kind: 'pinned', pin } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).kind).toBe('tls');
  });

  it('refuses the right certificate when its key pin is wrong', async () => {
    const pin = { ...pinFor('seed1.getsession.org', impostorCert.cert), spkiSha256: MAINNET_SEED_PINS[0]!.spkiSha256 };
    await expect(
      client.request({ url: impostor.url, method: 'GET', timeoutMs: 5_000, tls: { kind: 'pinned', pin } }),
    ).rejects.toMatchObject({ kind: 'tls' });
  });

  it('accepts a server when pin, CA and host name all match (the mechanism used for the real seeds)', async () => {
    const pin = pinFor('seed1.getsession.org', impostorCert.cert);
    const res = await client.request({ url: impostor.url, method: 'GET', timeoutMs: 5_000, tls: { kind: 'pinned', pin } });
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.body)).toBe('{"ok":true}');
  });

  it('refuses a self-signed server under system verification but accepts it unverified (service nodes)', async () => {
    await expect(client.request({ url: impostor.url, method: 'GET', timeoutMs: 5_000 })).rejects.toMatchObject({ kind: 'tls' });
    const res = await client.request({ url: impostor.url, method: 'GET', timeoutMs: 5_000, tls: { kind: 'unverified' } });
    expect(res.status).toBe(200);
  });
});
