// Deterministic test doubles for ts/network: seeded randomness, a manual clock, a scripted HTTP client.
import type { HttpClient, HttpRequest, HttpResponse } from '../../../ts/network/http';
import { customNetworkConfig } from '../../../ts/network/config';
import { PathManager } from '../../../ts/network/paths';
import { SnodePool } from '../../../ts/network/pool';
import { MemoryNetworkStore } from '../../../ts/network/store';
import type { Clock, Randomness, Snode } from '../../../ts/network/types';
import { prng } from '../../support/prng';

/** Seeded PRNG (mulberry32) so shuffles and picks are reproducible. */
export function seededRandom(seed = 1): Randomness {
  const random = prng(seed);
  return {
    random,
    randomBytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256)),
  };
}

/** A clock whose sleeps resolve at once (recording the requested delays) and whose time only moves when told. */
export class ManualClock implements Clock {
  time: number;
  readonly sleeps: number[] = [];
  private timers: { at: number; fn: () => void; every?: number; id: number }[] = [];
  private nextId = 1;
  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }
  now = (): number => this.time;
  sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.sleeps.push(ms);
    return Promise.resolve();
  };
  setInterval = (fn: () => void, ms: number): (() => void) => this.add(fn, ms, ms);
  setTimeout = (fn: () => void, ms: number): (() => void) => this.add(fn, ms);
  private add(fn: () => void, ms: number, every?: number): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id, ...(every !== undefined ? { every } : {}) });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((x, y) => x.at - y.at)[0];
      if (!due) break;
      this.time = due.at;
      if (due.every !== undefined) due.at += due.every;
      else this.timers = this.timers.filter((t) => t.id !== due.id);
      due.fn();
    }
    this.time = end;
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
}

export type Handler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** HTTP client that answers from a handler and records every request. */
export class FakeHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  constructor(public handler: Handler) {}
  async request(req: HttpRequest): Promise<HttpResponse> {
    this.requests.push(req);
    return this.handler(req);
  }
  close(): void {}
}

export function jsonResponse(status: number, body: unknown, contentType = 'application/json'): HttpResponse {
  return { status, headers: { 'content-type': contentType }, body: new TextEncoder().encode(JSON.stringify(body)) };
}

export function textResponse(status: number, text: string): HttpResponse {
  return { status, headers: { 'content-type': 'text/plain' }, body: new TextEncoder().encode(text) };
}

/** `n` distinct test nodes, one per /24 unless `sameSubnet`. */
export function makeNodes(n: number, options: { sameSubnet?: boolean; offset?: number } = {}): Snode[] {
  const off = options.offset ?? 0;
  return Array.from({ length: n }, (_, k) => {
    const i = k + off;
    const hex = (tag: number): string => (tag.toString(16).padStart(2, '0') + i.toString(16).padStart(6, '0')).repeat(8);
    return {
      ip: options.sameSubnet ? `10.0.0.${i + 1}` : `10.${Math.floor(i / 250)}.${(i % 250) + 1}.1`,
      port: 22000 + i,
      ed25519: hex(0xed),
      x25519: hex(0x25),
    };
  });
}

/** A seed's `get_n_service_nodes` answer listing `nodes`. */
export function seedAnswer(nodes: Snode[]): ReturnType<typeof jsonResponse> {
  return jsonResponse(200, {
    result: {
      height: 10,
      service_node_states: nodes.map((n) => ({
        public_ip: n.ip,
        storage_port: n.port,
        pubkey_ed25519: n.ed25519,
        pubkey_x25519: n.x25519,
        requested_unlock_height: 0,
      })),
    },
  });
}

/**
 * A pool on a fake seed answering `nodes`, and a path manager on it whose guard test records each tested
 * node and passes when `guardOk` says so (default: always). `lifetime` ends shared loads and builds.
 */
export function poolWithPaths(nodes: Snode[], options: { guardOk?: (n: Snode) => boolean; seed?: number; lifetime?: AbortSignal } = {}) {
  const store = new MemoryNetworkStore();
  const http = new FakeHttp(() => seedAnswer(nodes));
  const clock = new ManualClock();
  const rnd = seededRandom(options.seed ?? 7);
  const config = customNetworkConfig('http://seed.test/');
  const lifetime = options.lifetime ? { lifetime: options.lifetime } : {};
  const pool = new SnodePool({ seeds: config.seeds, thresholds: config.thresholds, store, http, clock, random: rnd.random, ...lifetime });
  const tested: string[] = [];
  const paths = new PathManager({
    pool,
    store,
    thresholds: config.thresholds,
    clock,
    random: rnd.random,
    testGuard: async (n) => {
      tested.push(n.ed25519);
      return options.guardOk ? options.guardOk(n) : true;
    },
    ...lifetime,
  });
  return { store, http, clock, pool, paths, tested, config };
}
