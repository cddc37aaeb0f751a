// GeoLite2 country lookups against the real database file shipped in node_modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultGeoIpDatabase, openGeoIp, pathViews } from '../../../ts/backend/geoip';
import type { Logger } from '../../../ts/backend/log';

function capture(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const none = (): void => undefined;
  return { warnings, debug: none, info: none, error: none, warn: (m: string) => warnings.push(m) };
}

describe('geoip', () => {
  it('finds the shipped database and answers country codes for IPv4 and IPv6', async () => {
    const file = defaultGeoIpDatabase();
    expect(file).not.toBeNull();
    const log = capture();
    const geo = openGeoIp(file, log);
    // Not loaded yet: unknown, no error.
    expect(geo.countryOf('8.8.8.8')).toBeUndefined();
    await geo.ready;
    expect(log.warnings).toEqual([]);
    expect(geo.countryOf('8.8.8.8')).toBe('US');
    expect(geo.countryOf('2a01:4f8::1')).toBe('DE');
    // Private, loopback and malformed addresses are unknown, never an exception.
    expect(geo.countryOf('127.0.1.1')).toBeUndefined();
    expect(geo.countryOf('10.0.0.1')).toBeUndefined();
    expect(geo.countryOf('not an ip')).toBeUndefined();
    expect(geo.countryOf('')).toBeUndefined();
  });

  it('lazily, reads nothing until the first lookup or wait', async () => {
    const log = capture();
    const missing = openGeoIp(path.join(os.tmpdir(), 'geoip-never-there.mmdb'), log, { lazy: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(log.warnings).toEqual([]);
    await missing.ready;
    expect(log.warnings).toHaveLength(1);
    const geo = openGeoIp(defaultGeoIpDatabase(), capture(), { lazy: true });
    expect(geo.countryOf('8.8.8.8')).toBeUndefined();
    await geo.ready;
    expect(geo.countryOf('8.8.8.8')).toBe('US');
  });

  it('carries on without countries when the file is missing or not a database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geoip-'));
    try {
      const missing = capture();
      const a = openGeoIp(path.join(dir, 'nope.mmdb'), missing);
      await a.ready;
      expect(a.countryOf('8.8.8.8')).toBeUndefined();
      expect(missing.warnings).toHaveLength(1);
      const junkFile = path.join(dir, 'junk.mmdb');
      fs.writeFileSync(junkFile, Buffer.alloc(4096, 7));
      const junk = capture();
      const b = openGeoIp(junkFile, junk);
      await b.ready;
      expect(b.countryOf('8.8.8.8')).toBeUndefined();
      expect(junk.warnings).toHaveLength(1);
      const off = openGeoIp(null, junk);
      await off.ready;
      expect(off.countryOf('8.8.8.8')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('path views', () => {
  it('give each node its country once the database is loaded, and leave unknown ones out', async () => {
    const geo = openGeoIp(defaultGeoIpDatabase(), capture());
    const paths = [{ nodes: [{ ip: '8.8.8.8', port: 22021, ed25519: 'a'.repeat(64), extra: 1 }, { ip: '127.0.2.1', port: 1, ed25519: 'b'.repeat(64) }] }];
    expect(pathViews(paths, (ip) => geo.countryOf(ip))[0]!.nodes[0]).not.toHaveProperty('country');
    await geo.ready;
    expect(pathViews(paths, (ip) => geo.countryOf(ip))).toEqual([
      { nodes: [{ ip: '8.8.8.8', port: 22021, ed25519: 'a'.repeat(64), country: 'US' }, { ip: '127.0.2.1', port: 1, ed25519: 'b'.repeat(64) }] },
    ]);
  });

  it('network.getPaths answers only once the database has loaded', async () => {
    const { networkHandlers } = await import('../../../ts/backend/api/network');
    const geo = openGeoIp(defaultGeoIpDatabase(), capture());
    const engine = { paths: () => pathViews([{ nodes: [{ ip: '8.8.8.8', port: 1, ed25519: 'c'.repeat(64) }] }], (ip) => geo.countryOf(ip)) };
    const result = await networkHandlers({ engine: engine as never, geo })['network.getPaths']({});
    expect(result[0]!.nodes[0]!.country).toBe('US');
  });
});
