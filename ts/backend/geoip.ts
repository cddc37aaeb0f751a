// Country lookups for the onion-path display, from the GeoLite2 country database (MaxMind data via the
// @ip-location-db package; attribution in third_party_licenses/). The file is read once, in the background;
// until it is loaded, or when it is missing or unreadable, lookups answer "unknown" and the app carries on.
import fs from 'node:fs';
import { Reader } from 'maxmind';
import type { OnionPathView } from '../ipc/contract';
import type { Logger } from './log';

const DATABASE_IN_PACKAGE = '@ip-location-db/geolite2-country-mmdb/geolite2-country.mmdb';

export interface GeoIp {
  /** ISO 3166-1 alpha-2 code of the address's country; undefined when unknown (or not loaded yet). */
  countryOf(ip: string): string | undefined;
  /** Settles once the database is loaded or has failed to load (never rejects). */
  readonly ready: Promise<void>;
}

/** The database shipped in node_modules (source checkouts, the web host, the CLI); null when not installed. */
export function defaultGeoIpDatabase(): string | null {
  try {
    return require.resolve(DATABASE_IN_PACKAGE);
  } catch {
    return null;
  }
}

/**
 * Starts loading `file` (null: no database, every lookup is unknown). With `lazy`, nothing is read until the
 * first lookup or `ready` (hosts that rarely show paths, like the CLI, skip the 9 MB read).
 */
export function openGeoIp(file: string | null, log: Logger, options: { lazy?: boolean } = {}): GeoIp {
  let reader: Reader<Record<string, unknown>> | null = null;
  let loading: Promise<void> | undefined;
  const read = async (path: string): Promise<void> => {
    let buf: Buffer;
    try {
      buf = await fs.promises.readFile(path);
    } catch (err) {
      log.warn(`geoip: cannot read ${path}; paths show no countries`, err instanceof Error ? err.message : String(err));
      return;
    }
    try {
      const r = new Reader<Record<string, unknown>>(buf);
      if (!/country/i.test(r.metadata.databaseType)) throw new Error(`not a country database (${r.metadata.databaseType})`);
      reader = r;
    } catch (err) {
      log.warn(`geoip: ${path} is not a usable country database; paths show no countries`, err instanceof Error ? err.message : String(err));
    }
  };
  const load = (): Promise<void> => (loading ??= file ? read(file) : Promise.resolve());
  if (!options.lazy) void load();
  return {
    get ready() {
      return load();
    },
    countryOf(ip) {
      if (!reader) {
        void load();
        return undefined;
      }
      try {
        const record = reader.get(ip);
        const nested = record?.['country'] as { iso_code?: unknown } | undefined;
        const code = record?.['country_code'] ?? nested?.iso_code;
        return typeof code === 'string' && /^[A-Z]{2}$/.test(code) ? code : undefined;
      } catch {
        // Not an IP address.
        return undefined;
      }
    },
  };
}

/** Path views for the UI from the network's paths, each node with its country when known. */
export function pathViews(
  paths: readonly { nodes: readonly { ip: string; port: number; ed25519: string }[] }[],
  countryOf: (ip: string) => string | undefined,
): OnionPathView[] {
  return paths.map((p) => ({
    nodes: p.nodes.map((n) => {
      const country = countryOf(n.ip);
      return { ip: n.ip, port: n.port, ed25519: n.ed25519, ...(country ? { country } : {}) };
    }),
  }));
}
