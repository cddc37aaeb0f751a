// Which network the client talks to: the official mainnet (pinned seeds), testnet, or a custom
// seed URL such as a local devnet (self-signed certificates accepted there only).
import { NetworkError } from './errors';
import type { HttpClient, HttpResponse } from './http';
import { MAINNET_SEED_PINS, type SeedPin } from './seedCerts';
import { isHexKey } from './types';

export type NetworkKind = 'mainnet' | 'testnet' | 'custom';

/** How a seed's TLS is checked: pinned certificate (mainnet), none (plain http), or unverified (devnet). */
export type SeedTls = { kind: 'pinned'; pin: SeedPin } | { kind: 'plain' } | { kind: 'unverified' };

export interface SeedConfig {
  /** Base URL ending with `/`; requests go to `{url}json_rpc`. */
  url: string;
  tls: SeedTls;
}

/** A non-snode server reached through onion v4 (spec §6.5, §8). */
export interface ServerTarget {
  /** `http://host[:port]` or `https://host[:port]`. */
  url: string;
  /** 64 hex X25519 key the request is encrypted to. */
  x25519: string;
  /** 64 hex Ed25519 key (identifies the server in file URLs). */
  ed25519: string;
}

/** Pool, path and failure constants (spec §1.5, §6.8, §6.9, §12). */
export interface NetworkThresholds {
  /** The pool is usable only with MORE than this many nodes. */
  minPoolSize: number;
  /** A snode-consensus refresh must yield at least this many nodes, else seeds are asked. */
  minPoolForSnodeRefresh: number;
  /** Nodes the 3 consensus lists must have in common. */
  requiredForAgreement: number;
  /** Below this many pool-present members a cached swarm is refetched. */
  minSwarmSize: number;
  guardCount: number;
  pathCount: number;
  /** Nodes per onion path, guard included. */
  hops: number;
  snodeFailureThreshold: number;
  pathFailureThreshold: number;
  /** Swarm members asked per poll (spec §10). */
  pollNodes: number;
}

const BASE_THRESHOLDS: NetworkThresholds = {
  minPoolSize: 8,
  minPoolForSnodeRefresh: 16,
  requiredForAgreement: 24,
  minSwarmSize: 3,
  guardCount: 2,
  pathCount: 2,
  hops: 3,
  snodeFailureThreshold: 3,
  pathFailureThreshold: 3,
  pollNodes: 2,
};

export interface NetworkConfig {
  kind: NetworkKind;
  seeds: readonly SeedConfig[];
  thresholds: NetworkThresholds;
  /** File server, when the network has one. */
  fileServer?: ServerTarget;
  /** The network's community server (custom networks learn it from network.json `sogs`). */
  communityServer?: CommunityServerDescription;
  /** ONS lookups are disabled on testnet (spec §9). */
  onsEnabled: boolean;
}

export const MAINNET_SEED_URLS = [
  'https://seed1.getsession.org:4443/',
  'https://seed2.getsession.org:4443/',
  'https://seed3.getsession.org:4443/',
] as const;

export const TESTNET_SEED_URL = 'http://seed2.getsession.org:38157/';

export const MAINNET_FILE_SERVER: ServerTarget = {
  url: 'http://filev2.getsession.org',
  x25519: '09324794aa9c11948189762d198c618148e9136ac9582068180661208927ef34',
  ed25519: 'b8eef9821445ae16e2e97ef8aa6fe782fd11ad5253cd6723b281341dba22e371',
};

/** Seed config for an https mainnet URL: only the three official hosts are known (else `Unknown seed node`). */
export function pinnedSeed(url: string, pins: readonly SeedPin[] = MAINNET_SEED_PINS): SeedConfig {
  const u = new URL(url);
  const pin = pins.find((p) => p.host === u.hostname);
  if (u.protocol !== 'https:' || !pin) {
    throw new NetworkError('seed-failed', { detail: `Unknown seed node: ${url}` });
  }
  return { url: withSlash(url), tls: { kind: 'pinned', pin } };
}

/** The default network: the three official seeds, each pinned to its own certificate. */
export function mainnetConfig(): NetworkConfig {
  return {
    kind: 'mainnet',
    seeds: MAINNET_SEED_URLS.map((u) => pinnedSeed(u)),
    thresholds: { ...BASE_THRESHOLDS },
    fileServer: MAINNET_FILE_SERVER,
    onsEnabled: true,
  };
}

/** Oxen testnet: one plain-HTTP seed; the file server is the mainnet one; no ONS. */
export function testnetConfig(): NetworkConfig {
  return {
    kind: 'testnet',
    seeds: [{ url: TESTNET_SEED_URL, tls: { kind: 'plain' } }],
    thresholds: { ...BASE_THRESHOLDS },
    fileServer: MAINNET_FILE_SERVER,
    onsEnabled: false,
  };
}

/** What `{seedUrl}network.json` tells a custom-network client (same JSON as the devnet's ready line). */
export interface NetworkDescription {
  seedUrl?: string;
  fileServer?: ServerTarget;
  /** The network's community server (spec advanced.md A; devnet `sogs`): base URL, 64-hex X25519 key, room tokens. */
  sogs?: CommunityServerDescription;
}

/** A community server a network description names. */
export interface CommunityServerDescription {
  url: string;
  pubkey: string;
  rooms: string[];
}

/** A custom seed URL (devnet): self-signed TLS accepted, local-devnet consensus threshold, /24 rule kept. */
export function customNetworkConfig(seedUrl: string, description?: NetworkDescription): NetworkConfig {
  let u: URL;
  try {
    u = new URL(seedUrl);
  } catch {
    throw new NetworkError('not-configured', { detail: `invalid seed URL ${seedUrl}` }, `Invalid seed URL: ${seedUrl}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new NetworkError('not-configured', { detail: `unsupported scheme ${u.protocol}` }, `Invalid seed URL: ${seedUrl}`);
  }
  const config: NetworkConfig = {
    kind: 'custom',
    seeds: [{ url: withSlash(seedUrl), tls: u.protocol === 'https:' ? { kind: 'unverified' } : { kind: 'plain' } }],
    thresholds: { ...BASE_THRESHOLDS, requiredForAgreement: 12 },
    onsEnabled: true,
  };
  if (description?.fileServer) config.fileServer = description.fileServer;
  if (description?.sogs) config.communityServer = description.sogs;
  return config;
}

/** Parses network.json (unknown JSON) into a description; malformed parts are errors, unknown keys ignored. */
export function parseNetworkDescription(json: unknown): NetworkDescription {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new NetworkError('bad-response', { detail: 'network.json is not an object' });
  }
  const o = json as Record<string, unknown>;
  const out: NetworkDescription = {};
  if (typeof o.seedUrl === 'string') out.seedUrl = o.seedUrl;
  if (o.fileServer !== undefined) {
    const fs = o.fileServer as Record<string, unknown> | null;
    if (!fs || typeof fs !== 'object' || typeof fs.url !== 'string' || !isHexKey(fs.x25519) || !isHexKey(fs.ed25519)) {
      throw new NetworkError('bad-response', { detail: 'network.json fileServer must have url, x25519 and ed25519' });
    }
    try {
      const fu = new URL(fs.url);
      if (fu.protocol !== 'http:' && fu.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new NetworkError('bad-response', { detail: `network.json fileServer.url is not an http(s) URL: ${fs.url}` });
    }
    // A loop, not /\/+$/: that pattern is quadratic on a long run of slashes followed by something else.
    let end = fs.url.length;
    while (end > 0 && fs.url[end - 1] === '/') end--;
    out.fileServer = { url: fs.url.slice(0, end), x25519: fs.x25519.toLowerCase(), ed25519: fs.ed25519.toLowerCase() };
  }
  if (o.sogs !== undefined) {
    const sg = o.sogs as Record<string, unknown> | null;
    if (!sg || typeof sg !== 'object' || typeof sg.url !== 'string' || !isHexKey(sg.pubkey) || !/^https?:\/\//i.test(sg.url)) {
      throw new NetworkError('bad-response', { detail: 'network.json sogs must have an http(s) url and a 64-hex pubkey' });
    }
    let end = sg.url.length;
    while (end > 0 && sg.url[end - 1] === '/') end--;
    const rooms = Array.isArray(sg.rooms) ? sg.rooms.filter((r): r is string => typeof r === 'string') : [];
    out.sogs = { url: sg.url.slice(0, end), pubkey: sg.pubkey.toLowerCase(), rooms };
  }
  return out;
}

/**
 * Builds the config for a custom seed URL, learning its file server from `{seedUrl}network.json`.
 * Without that file the network still works; features needing the file server fail with `not-configured`.
 */
export async function loadCustomNetwork(
  seedUrl: string,
  http: HttpClient,
  options: {
    timeoutMs?: number;
    signal?: AbortSignal;
    /** Fail (NetworkError 'unreachable') when network.json cannot be fetched, instead of answering "no servers". */
    strict?: boolean;
  } = {},
): Promise<NetworkConfig> {
  const base = customNetworkConfig(seedUrl);
  const seed = base.seeds[0] as SeedConfig;
  let res: HttpResponse;
  try {
    res = await http.request({
      url: `${seed.url}network.json`,
      method: 'GET',
      timeoutMs: options.timeoutMs ?? 5_000,
      signal: options.signal,
      tls: seed.tls.kind === 'unverified' ? { kind: 'unverified' } : { kind: 'system' },
    });
  } catch (err) {
    if (err instanceof NetworkError && err.kind === 'aborted') throw err;
    if (options.strict) throw new NetworkError('unreachable', { detail: `network.json: ${err instanceof Error ? err.message : String(err)}` });
    // A seed without network.json is still a usable network; the missing servers surface later
    // as `not-configured` errors that say so.
    return base;
  }
  if (res.status !== 200) return base;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(res.body)) as unknown;
  } catch {
    throw new NetworkError('bad-response', { detail: 'network.json is not valid JSON' });
  }
  const description = parseNetworkDescription(json);
  return customNetworkConfig(seedUrl, description);
}

/** Config for a network name or a custom seed URL (hosts' `--network` / `--seed`). */
export function networkConfigFor(network: 'mainnet' | 'testnet' | { seedUrl: string }): NetworkConfig {
  if (network === 'mainnet') return mainnetConfig();
  if (network === 'testnet') return testnetConfig();
  return customNetworkConfig(network.seedUrl);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
