// Fetching the service-node list from the seed nodes (spec §1.2–1.4): one JSON-RPC POST to every
// seed in parallel, first valid answer wins, up to 4 rounds with exponential back-off.
import { backoffDelay } from './backoff';
import type { SeedConfig } from './config';
import { NetworkError, toNetworkError } from './errors';
import type { HttpClient, HttpResponse, TlsPolicy } from './http';
import { isHexKey, shuffled, type Clock, type Snode } from './types';

/** Camouflage headers the reference client sends to seeds and service nodes. */
export const CAMOUFLAGE_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent': 'WhatsApp',
  'Accept-Language': 'en-us',
};

export const SEED_TIMEOUT_MS = 5_000;
export const SEED_ROUNDS = 4;
export const SEED_BACKOFF_MS = 1_000;

/** The exact `get_n_service_nodes` body of spec §1.2 (no `limit`, no `id`). */
export function seedRequestBody(): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    method: 'get_n_service_nodes',
    params: {
      active_only: true,
      fields: {
        public_ip: true,
        storage_port: true,
        pubkey_x25519: true,
        pubkey_ed25519: true,
        requested_unlock_height: true,
        height: true,
      },
    },
  });
}

/**
 * Validates a list of `service_node_states` entries (seed answer or `get_service_nodes` via a snode).
 * One malformed entry invalidates the whole list (as the reference client's schema does); entries
 * with an empty or 0.0.0.0 address are dropped; at least one node must remain.
 */
export function parseServiceNodeStates(states: unknown, options: { requireUnlockHeight: boolean }): Snode[] {
  if (!Array.isArray(states)) throw bad('service_node_states is not an array');
  const out: Snode[] = [];
  states.forEach((raw: unknown, i) => {
    if (!raw || typeof raw !== 'object') throw bad(`entry ${i} is not an object`);
    const e = raw as Record<string, unknown>;
    if (typeof e.public_ip !== 'string') throw bad(`entry ${i}: public_ip missing`);
    if (typeof e.storage_port !== 'number' || !Number.isInteger(e.storage_port) || e.storage_port < 0 || e.storage_port > 65535) {
      throw bad(`entry ${i}: storage_port missing or invalid`);
    }
    if (!isHexKey(e.pubkey_ed25519)) throw bad(`entry ${i}: pubkey_ed25519 missing or not 64 hex`);
    if (!isHexKey(e.pubkey_x25519)) throw bad(`entry ${i}: pubkey_x25519 missing or not 64 hex`);
    if (options.requireUnlockHeight && typeof e.requested_unlock_height !== 'number') {
      throw bad(`entry ${i}: requested_unlock_height missing`);
    }
    if (e.public_ip === '' || e.public_ip === '0.0.0.0') return;
    out.push({
      ip: e.public_ip,
      port: e.storage_port,
      ed25519: e.pubkey_ed25519.toLowerCase(),
      x25519: e.pubkey_x25519.toLowerCase(),
    });
  });
  if (out.length === 0) throw bad('no usable service node in the list');
  return out;
}

/** Validates a seed's HTTP answer (spec §1.3) and returns its nodes (not yet shuffled). */
export function parseSeedResponse(res: HttpResponse): Snode[] {
  if (res.status !== 200) throw bad(`seed answered HTTP ${res.status}`, res.status);
  // String equality on purpose: the reference client rejects e.g. "; charset=utf-8".
  if (res.headers['content-type'] !== 'application/json') {
    throw bad(`seed content-type is ${String(res.headers['content-type'])}, expected exactly application/json`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(res.body)) as unknown;
  } catch {
    throw bad('seed body is not JSON');
  }
  const result = (json as { result?: unknown } | null)?.result as Record<string, unknown> | undefined;
  if (!result || typeof result !== 'object') throw bad('seed body has no result object');
  if (typeof result.height !== 'number') throw bad('seed result has no numeric height');
  return parseServiceNodeStates(result.service_node_states, { requireUnlockHeight: true });
}

function tlsPolicy(seed: SeedConfig): TlsPolicy | undefined {
  if (seed.tls.kind === 'pinned') return { kind: 'pinned', pin: seed.tls.pin };
  if (seed.tls.kind === 'unverified') return { kind: 'unverified' };
  return undefined;
}

/** Asks one seed for the node list. */
export async function fetchFromSeed(seed: SeedConfig, http: HttpClient, signal?: AbortSignal): Promise<Snode[]> {
  const tls = tlsPolicy(seed);
  const res = await http.request({
    url: `${seed.url}json_rpc`,
    method: 'POST',
    headers: { ...CAMOUFLAGE_HEADERS, 'Content-Type': 'application/json' },
    body: seedRequestBody(),
    timeoutMs: SEED_TIMEOUT_MS,
    signal,
    ...(tls ? { tls } : {}),
  });
  return parseSeedResponse(res);
}

export interface SeedFetchDeps {
  http: HttpClient;
  clock: Clock;
  random: () => number;
  signal?: AbortSignal | undefined;
}

/** All seeds in parallel, first valid answer wins; up to 4 rounds (1 s, 2 s, 4 s apart); result shuffled. */
export async function fetchPoolFromSeeds(seeds: readonly SeedConfig[], deps: SeedFetchDeps): Promise<Snode[]> {
  if (seeds.length === 0) throw new NetworkError('seed-failed', { detail: 'no seed configured' });
  const errors: string[] = [];
  for (let round = 1; round <= SEED_ROUNDS; round++) {
    if (deps.signal?.aborted) throw new NetworkError('aborted');
    let nodes: Snode[] | undefined;
    try {
      nodes = await Promise.any(seeds.map((s) => fetchFromSeed(s, deps.http, deps.signal)));
    } catch (err) {
      const list = err instanceof AggregateError ? err.errors : [err];
      for (const e of list) {
        const ne = toNetworkError(e);
        if (ne.kind === 'aborted') throw ne;
        errors.push(`round ${round}: ${ne.kind}${ne.detail ? ` (${ne.detail})` : ''}`);
      }
    }
    if (nodes) return shuffled(nodes, deps.random);
    if (round < SEED_ROUNDS) {
      await deps.clock.sleep(backoffDelay(round, { minDelayMs: SEED_BACKOFF_MS, maxDelayMs: 60_000 }), deps.signal).catch(() => {
        throw new NetworkError('aborted');
      });
    }
  }
  throw new NetworkError('seed-failed', { detail: errors.join('; ') });
}

function bad(detail: string, status?: number): NetworkError {
  return new NetworkError('bad-response', status === undefined ? { detail } : { detail, status });
}
