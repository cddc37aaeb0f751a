// Composition of a whole devnet on loopback: seed node, service nodes in swarms (each its own HTTPS server
// on 127.0.N.1), in-process relaying and replication between nodes, file server, control endpoint, faults.
import { promises as fsp } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { blake2b, cryptoReady, defaultRandom, fromHex, identityFromSeed, toHex, utf8, type EncType, type Identity, type RandomBytes } from './crypto';
import { DevnetDb } from './db';
import { FileServer, type FileServerFault } from './fileServer';
import { checkMisbehaveOptions, corruptEntry, misbehaveSchema, streamHostile, tamperReply, tamperRpc, type MisbehaveOptions, type NodeHostility } from './hostile';
import { handleOnionEntry, processOnionLayer, text, type HopResult, type OnionEnv } from './onion';
import { applyMissed, handleRpcBody, memberJson, processForwarded, type JsonObject, type ReplicaResult, type SnodeContext, type SwarmMember } from './rpc';
import { SogsDb } from './sogs/db';
import { SogsServer, type ImportedPost, type SogsFault, type SogsRoomConfig } from './sogs/server';
import { messageHash, pickSwarm, swarmSpacePosition } from './swarm';
import { loadOrCreateCertificate } from './tls';

const MAX_BODY = 10 * 1024 * 1024;
const ONS_NAME_RE = /^\w([\w-]*[\w])?$/;

export interface DevnetOptions {
  /** Number of service nodes (default 12, at most 250). */
  readonly nodes?: number;
  /** Target swarm size; nodes are split into floor(nodes / swarmSize) swarms (default 4, i.e. swarms of 3–5). */
  readonly swarmSize?: number;
  /** Directory for the SQLite state, files and TLS material; null/absent keeps everything in memory. */
  readonly stateDir?: string | null;
  /** First port (seed; then control, file server, nodes); 0 picks random free ports. */
  readonly basePort?: number;
  /** ONS registry: lowercase name -> Session ID (66 hex). */
  readonly ons?: Readonly<Record<string, string>>;
  /** The network's clock in ms (default Date.now); each node adds its own skew. */
  readonly now?: () => number;
  readonly random?: RandomBytes;
  /** Log sink (one line per call); default discards. Never receives keys or message bodies. */
  readonly log?: (line: string) => void;
  readonly cleanupIntervalMs?: number;
  readonly relayTimeoutMs?: number;
  readonly proxyTimeoutMs?: number;
  readonly fanoutTimeoutMs?: number;
  /** Servers and their connections do not keep the process alive (for tools that exit on their own). */
  readonly unref?: boolean;
  /** Direct /storage_rpc/v1 token bucket per client IP (spec §2.1: 600 tokens, 300/s); false disables it. */
  readonly rateLimit?: { readonly bucket: number; readonly perSecond: number } | false;
  /** Lifetime of an uploaded file without an `X-FS-TTL` header, in seconds (default 14 days). */
  readonly fileTtlSeconds?: number;
  /** Community server rooms (default one room `lobby` named "Lobby"); rooms kept in --state-dir stay. */
  readonly sogsRooms?: readonly SogsRoomConfig[];
  /** Session IDs (05…, or 15… blinded) made visible admins of every room. */
  readonly sogsAdmins?: readonly string[];
  /** Start no community server. */
  readonly noSogs?: boolean;
}

export interface NodeInfo {
  readonly ip: string;
  readonly port: number;
  readonly ed25519: string;
  readonly x25519: string;
  readonly swarmId: string;
}

export interface DevnetInfo {
  readonly seedUrl: string;
  readonly controlUrl: string;
  readonly fileServer: { readonly url: string; readonly x25519: string; readonly ed25519: string };
  readonly nodes: NodeInfo[];
  /** The community server (absent with noSogs): base URL, X25519 public key, room tokens. */
  readonly sogs?: { readonly url: string; readonly pubkey: string; readonly rooms: string[] };
}

/** A node is named by its index in `info.nodes` or its Ed25519 hex. */
export type NodeRef = number | string;

export interface FailOptions {
  /** HTTP status to answer with (plain text `Injected fault`). */
  readonly status?: number;
  /** Never answer (relays then time out with 504, replication with `timeout`). */
  readonly timeout?: boolean;
  /** Clears itself after this many ms; absent = until cleared. */
  readonly durationMs?: number;
}

export interface Devnet {
  readonly info: DevnetInfo;
  /** The community server's address (as in `info.sogs`), absent with noSogs. */
  readonly sogs?: { readonly url: string; readonly pubkey: string; readonly rooms: string[] };
  stop(): Promise<void>;
  stopNode(ref: NodeRef): Promise<void>;
  startNode(ref: NodeRef): Promise<void>;
  failNode(ref: NodeRef, opts: FailOptions): void;
  setLatency(ref: NodeRef, ms: number): void;
  skewClock(ref: NodeRef, ms: number): void;
  /**
   * Makes a node lie while it keeps working (tools/devnet/hostile.ts): wrong swarm lists, an enormous or
   * endlessly dripping body, broken JSON or truncated onion replies, wrong signatures. Replaces an earlier one.
   */
  misbehaveNode(ref: NodeRef, opts: MisbehaveOptions): void;
  /** Body bytes a misbehaving node has written in `huge` or `drip` replies (what clients let through). */
  hostileBytesSent(ref: NodeRef): number;
  /** Removes failure, misbehaviour, latency and skew from one node (or all). */
  clearFaults(ref?: NodeRef): void;
  /**
   * Forces an account onto another swarm (default: the next one); the new swarm's members receive the
   * account's stored messages from the old ones. Returns the new swarm id.
   */
  moveSwarm(pubkeyHex: string, swarmId?: bigint): bigint;
  /**
   * Moves a node into another swarm (default: the next one; a new id starts a new swarm, a swarm left
   * empty dissolves). Accounts whose swarm gains members hand their stored messages over to them. Returns
   * the node's new swarm id.
   */
  moveNode(ref: NodeRef, swarmId?: bigint): bigint;
  /** The nodes of the swarm an account currently belongs to. */
  swarmNodes(pubkeyHex: string): NodeInfo[];
  /** Deletes expired messages and files now (also runs every cleanupIntervalMs). */
  cleanupExpired(): Promise<void>;
  /** Makes an uploaded file expired now: downloads answer 404. False when the id is unknown. */
  expireFile(id: string): boolean;
  /** Deletes an uploaded file at once. False when the id is unknown. */
  deleteFile(id: string): Promise<boolean>;
  /** Flips a bit in an uploaded file's last byte (a legacy blob's MAC then fails). False when unknown. */
  corruptFile(id: string): Promise<boolean>;
  /** Makes the file server answer `status` to every request (or the next `times`); null clears it. */
  failFileServer(fault: FileServerFault | null): void;
  /** Makes the community server answer `status` to every request (or the next `times`); null clears it. */
  failSogs(fault: SogsFault | null): void;
  /** Adds signed posts to a community room in one go (benchmarks); returns their message ids. */
  importSogsPosts(token: string, posts: readonly ImportedPost[]): number[];
  /**
   * Places messages straight into an account's swarm (every member of it), without signatures: fixtures
   * made elsewhere (e.g. a group's Keys/Info/Members and messages as the official library wrote them) keep
   * their own storage timestamps. Each hash is the real one (spec network §4.1); returns them in order.
   */
  storeEntries(pubkeyHex: string, entries: readonly ImportedEntry[]): string[];
}

/** One message for `storeEntries`: its storage time and expiry (ms) default to now and now + 14 days. */
export interface ImportedEntry {
  namespace: number;
  data: Uint8Array;
  timestamp?: number;
  expiry?: number;
}

interface PersistedState {
  version: 1;
  seedPort: number;
  controlPort: number;
  filePort: number;
  fileServerSeed: string;
  sogsSeed?: string;
  sogsPort?: number;
  swarmIds: string[];
  nodes: Array<{ seed: string; port: number; swarmId: string }>;
}

const persistedSchema = z.object({
  version: z.literal(1),
  seedPort: z.number().int(),
  controlPort: z.number().int(),
  filePort: z.number().int(),
  fileServerSeed: z.string().regex(/^[0-9a-f]{64}$/),
  sogsSeed: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  sogsPort: z.number().int().optional(),
  swarmIds: z.array(z.string()),
  nodes: z.array(z.object({ seed: z.string().regex(/^[0-9a-f]{64}$/), port: z.number().int(), swarmId: z.string() })),
});

const movedSchema = z.array(z.tuple([z.string().regex(/^[0-9a-f]{66}$/), z.string().regex(/^\d{1,20}$/)]));

interface Fault {
  status: number | 'timeout';
  timer: NodeJS.Timeout | null;
}

interface Misbehaviour {
  opts: MisbehaveOptions;
  timer: NodeJS.Timeout | null;
}

class ServiceNode {
  server: https.Server | null = null;
  fault: Fault | null = null;
  misbehaviour: Misbehaviour | null = null;
  hostileBytes = 0;
  latencyMs = 0;
  skewMs = 0;
  readonly ctx: SnodeContext;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly index: number,
    readonly ip: string,
    public port: number,
    readonly identity: Identity,
    public swarmId: bigint,
    readonly net: Network,
  ) {
    this.ctx = {
      identity,
      edHex: toHex(identity.ed25519Pub),
      db: net.db,
      random: net.random,
      now: () => net.now() + this.skewMs,
      ownSwarm: () => this.swarmId,
      swarmFor: (hex, raw) => net.swarmFor(hex, raw),
      swarmMembers: (id) => net.swarmMembers(id),
      replicate: (method, params) => net.replicate(this, method, params),
      serviceNodeStates: () => net.serviceNodeStates(null),
      height: () => net.height(),
      onsLookup: (h) => net.ons.get(toHex(h)) ?? null,
      hostile: () => this.hostility(),
    };
  }

  get edHex(): string {
    return this.ctx.edHex;
  }
  get running(): boolean {
    return this.server !== null;
  }
  member(): SwarmMember {
    return { ip: this.ip, port: this.port, ed25519: this.edHex, x25519: toHex(this.identity.x25519Pub) };
  }
  info(): NodeInfo {
    return { ...this.member(), swarmId: this.swarmId.toString() };
  }

  hostility(): NodeHostility | null {
    const m = this.misbehaviour;
    if (!m) return null;
    return {
      opts: m.opts,
      lies: {
        random: this.net.random,
        now: this.ctx.now,
        otherSwarmMembers: () => this.net.nodes.filter((n) => n.swarmId !== this.swarmId).map((n) => memberJson(n.member())),
      },
    };
  }

  /** Sends a reply, streaming it huge or dripping when a misbehaving node (this one or a later hop) asked for it. */
  reply(res: http.ServerResponse, r: HopResult): void {
    if (!r.stream) return send(res, r);
    streamHostile(res, r.status, r.contentType, r.stream, (n) => {
      this.hostileBytes += n;
    });
  }

  /** Token bucket on wall-clock time (throughput is not protocol time, so the injected clock is not used). */
  private takeToken(ip: string): boolean {
    const limit = this.net.rateLimit;
    if (!limit) return true;
    const at = performance.now();
    const b = this.buckets.get(ip) ?? { tokens: limit.bucket, at };
    b.tokens = Math.min(limit.bucket, b.tokens + ((at - b.at) / 1000) * limit.perSecond);
    b.at = at;
    this.buckets.set(ip, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** A layer handed over in-process by the previous hop. */
  async acceptRelay(blob: Uint8Array, eph: Uint8Array, encType: EncType, hopNo: number): Promise<HopResult> {
    if (!this.running) return text(504, 'Request time out');
    const fault = this.fault;
    if (fault?.status === 'timeout') return new Promise<HopResult>(() => undefined);
    if (fault) return text(fault.status, 'Injected fault');
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    return processOnionLayer(this.ctx, this.net.onionEnv, blob, eph, encType, hopNo);
  }

  async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === 'too-large') return send(res, text(413, 'Request body too large'));
    const fault = this.fault;
    if (fault?.status === 'timeout') return; // never answer; the connection is destroyed on stop
    if (fault) return send(res, text(fault.status, 'Injected fault'));
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const url = req.url ?? '/';
    if (req.method === 'POST' && url === '/storage_rpc/v1') {
      if (req.headers['x-loki-long-poll'] !== undefined) return send(res, text(410, 'Long polling is no longer supported'));
      if (!this.takeToken(req.socket.remoteAddress ?? '')) return send(res, text(429, 'Too many requests, try again later'));
      const hostile = this.hostility();
      const rpc = tamperRpc(hostile, await handleRpcBody(this.ctx, body));
      const out = typeof rpc.body === 'string' ? text(rpc.status, rpc.body) : { status: rpc.status, body: utf8(JSON.stringify(rpc.body)), contentType: 'application/json' };
      return this.reply(res, tamperReply(hostile, out));
    }
    if (req.method === 'POST' && url === '/onion_req/v2') return this.reply(res, await handleOnionEntry(this.ctx, this.net.onionEnv, body));
    if (req.method === 'POST' && url === '/ping_test/v1') {
      res.setHeader('X-Oxen-Snode-Pubkey', this.edHex);
      return send(res, text(200, ''));
    }
    if (req.method === 'GET' && url === '/get_stats/v1') {
      return send(res, { status: 200, body: utf8('{"version":"2.8.0"}'), contentType: 'application/json' });
    }
    return send(res, text(404, `${req.method ?? ''} ${url} Not Found`));
  }
}

class Network {
  readonly nodes: ServiceNode[] = [];
  readonly byEd = new Map<string, ServiceNode>();
  swarmIds: bigint[];
  readonly moved = new Map<string, bigint>();
  readonly ons = new Map<string, { name: string; sessionId: Uint8Array }>();
  readonly onionEnv: OnionEnv;
  readonly startedAt: number;

  constructor(
    readonly db: DevnetDb,
    readonly now: () => number,
    readonly random: RandomBytes,
    swarmIds: bigint[],
    readonly fanoutTimeoutMs: number,
    relayTimeoutMs: number,
    proxyTimeoutMs: number,
    readonly rateLimit: { readonly bucket: number; readonly perSecond: number } | false,
  ) {
    this.swarmIds = [...swarmIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.startedAt = now();
    this.onionEnv = {
      relay: (dest, blob, eph, enc, hop) => {
        const node = this.byEd.get(dest);
        return node ? node.acceptRelay(blob, eph, enc, hop) : null;
      },
      relayTimeoutMs,
      proxyTimeoutMs,
      proxyAgents: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
    };
  }

  add(node: ServiceNode): void {
    this.nodes.push(node);
    this.byEd.set(node.edHex, node);
  }

  swarmFor(pubkeyHex: string, raw32: Uint8Array): bigint | null {
    const moved = this.moved.get(pubkeyHex.toLowerCase());
    // A forced move lasts while its swarm exists; once dissolved, the account maps as usual again.
    if (moved !== undefined && this.swarmIds.includes(moved)) return moved;
    return pickSwarm(swarmSpacePosition(raw32), this.swarmIds);
  }

  /** After a node changed swarm: a swarm left without members dissolves, a new swarm id starts a swarm. */
  recomputeSwarms(): void {
    this.swarmIds = [...new Set(this.nodes.map((n) => n.swarmId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * Changes swarm membership (`change`) as real service nodes live through it: for every account whose
   * swarm gained members, the new members receive its stored messages (and revocations) from the old
   * members, and members that left its swarm drop it, so a later move back cannot bring back what was
   * deleted meanwhile. A stopped old member hands its copy over at once too (a real one would when it
   * comes back): a message only it held is not lost. Returns how many messages were copied.
   */
  rebalance(change: () => void): number {
    const membersOf = (hex: string): ServiceNode[] => {
      const id = this.swarmFor(hex, fromHex(hex)!.subarray(1));
      return this.nodes.filter((n) => n.swarmId === id);
    };
    const accounts = this.db.accounts().filter((hex) => /^[0-9a-f]{66}$/.test(hex));
    const before = new Map(accounts.map((hex) => [hex, membersOf(hex)] as const));
    change();
    let copied = 0;
    for (const [hex, old] of before) {
      const now = membersOf(hex);
      const from = old.map((n) => n.edHex);
      for (const n of now) if (!old.includes(n)) copied += this.db.copyAccount(hex, from, n.edHex, this.now());
      for (const n of old) if (!now.includes(n)) this.db.dropAccount(n.edHex, hex);
    }
    return copied;
  }

  swarmMembers(id: bigint): SwarmMember[] {
    return this.nodes.filter((n) => n.swarmId === id).map((n) => n.member());
  }

  height(): number {
    return 1000 + Math.max(0, Math.floor((this.now() - this.startedAt) / 120_000));
  }

  serviceNodeStates(fields: Record<string, unknown> | null): JsonObject[] {
    return this.nodes.map((n) => {
      const all: JsonObject = {
        public_ip: n.ip,
        storage_port: n.port,
        storage_https_port: n.port,
        pubkey_ed25519: n.edHex,
        pubkey_x25519: toHex(n.identity.x25519Pub),
        service_node_pubkey: n.edHex,
        requested_unlock_height: 0,
        active: true,
        funded: true,
      };
      if (!fields) return all;
      const picked: JsonObject = {};
      for (const [k, v] of Object.entries(all)) if (fields[k] === true) picked[k] = v;
      return picked;
    });
  }

  async replicate(from: ServiceNode, method: string, params: JsonObject): Promise<Array<{ edHex: string; result: ReplicaResult }>> {
    const peers = this.nodes.filter((n) => n !== from && n.swarmId === from.swarmId);
    return Promise.all(
      peers.map(async (peer) => ({ edHex: peer.edHex, result: await this.replicateTo(peer, method, params) })),
    );
  }

  private async replicateTo(peer: ServiceNode, method: string, params: JsonObject): Promise<ReplicaResult> {
    const timedOut: ReplicaResult = { ok: false, failure: { failed: true, timeout: true } };
    if (!peer.running) {
      // New messages reach it on restart from its peers' stores; what deletes or changes them is kept.
      if (method !== 'store') this.db.addMissed(peer.edHex, method, JSON.stringify(params));
      return timedOut;
    }
    if (peer.fault?.status === 'timeout') {
      await sleep(this.fanoutTimeoutMs, true);
      return timedOut;
    }
    if (peer.fault) return { ok: false, failure: { failed: true, code: peer.fault.status, reason: 'Injected fault' } };
    if (peer.latencyMs > 0) {
      if (peer.latencyMs >= this.fanoutTimeoutMs) {
        await sleep(this.fanoutTimeoutMs, true);
        return timedOut;
      }
      await sleep(peer.latencyMs);
    }
    const result = processForwarded(peer.ctx, method, params);
    // A member that signs wrongly does so on its own entry of the swarm map too.
    return result.ok && peer.misbehaviour?.opts.mode === 'bad-signature' ? { ok: true, body: corruptEntry(result.body) } : result;
  }
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet & { readonly infoJson: string }> {
  await cryptoReady();
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const random = options.random ?? defaultRandom;
  const stateDir = options.stateDir ?? null;
  const nodeCount = options.nodes ?? 12;
  const swarmSize = options.swarmSize ?? 4;
  const basePort = options.basePort ?? 0;
  if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 250) throw new Error('nodes must be an integer between 1 and 250');
  if (!Number.isInteger(swarmSize) || swarmSize < 1) throw new Error('swarmSize must be a positive integer');
  if (!Number.isInteger(basePort) || basePort < 0 || basePort + 4 + nodeCount > 65535) throw new Error('basePort out of range');

  const onsEntries = new Map<string, { name: string; sessionId: Uint8Array }>();
  for (const [rawName, sid] of Object.entries(options.ons ?? {})) {
    const name = rawName.toLowerCase();
    const bytes = /^05[0-9a-fA-F]{64}$/.test(sid) ? fromHex(sid) : null;
    if (!ONS_NAME_RE.test(name) || !bytes) throw new Error(`invalid ONS entry ${rawName}=${sid}: expected NAME=05<64 hex>`);
    onsEntries.set(toHex(blake2b(32, utf8(name))), { name, sessionId: bytes });
  }

  if (stateDir) await fsp.mkdir(path.join(stateDir, 'files'), { recursive: true });
  const tempDir = stateDir ? null : await fsp.mkdtemp(path.join(os.tmpdir(), 'session-devnet-'));
  const filesDir = path.join(stateDir ?? tempDir!, 'files');
  if (tempDir) await fsp.mkdir(filesDir);
  const db = new DevnetDb(stateDir ? path.join(stateDir, 'devnet.sqlite') : null);
  const sogsDb = options.noSogs ? null : new SogsDb(stateDir ? path.join(stateDir, 'sogs.sqlite') : null);

  const closers: Array<() => Promise<void>> = [];
  const cleanupOnFailure = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    db.close();
    sogsDb?.close();
    if (tempDir) await fsp.rm(tempDir, { recursive: true, force: true });
  };

  try {
    // Identity: reuse the persisted network, else create one.
    const savedRaw = db.getMeta('network');
    let state: PersistedState;
    if (savedRaw) {
      state = persistedSchema.parse(JSON.parse(savedRaw));
      log(`session-devnet: restoring ${state.nodes.length} nodes from ${stateDir ?? 'memory'}`);
    } else {
      const swarmCount = Math.max(1, Math.floor(nodeCount / swarmSize));
      const start = new DataView(random(8).buffer).getBigUint64(0);
      const step = (1n << 64n) / BigInt(swarmCount);
      const swarmIds = Array.from({ length: swarmCount }, (_, j) => (start + BigInt(j) * step) & ((1n << 64n) - 1n));
      const port = (k: number): number => (basePort === 0 ? 0 : basePort + k);
      state = {
        version: 1,
        seedPort: port(0),
        controlPort: port(1),
        filePort: port(2),
        fileServerSeed: toHex(random(32)),
        sogsSeed: toHex(random(32)),
        sogsPort: port(3 + nodeCount),
        swarmIds: swarmIds.map(String),
        nodes: Array.from({ length: nodeCount }, (_, i) => ({ seed: toHex(random(32)), port: port(3 + i), swarmId: String(swarmIds[i % swarmCount]!) })),
      };
    }

    const tls = await loadOrCreateCertificate(stateDir);
    const net = new Network(
      db,
      now,
      random,
      state.swarmIds.map((s) => BigInt(s)),
      options.fanoutTimeoutMs ?? 5_000,
      options.relayTimeoutMs ?? 30_000,
      options.proxyTimeoutMs ?? 25_000,
      options.rateLimit ?? { bucket: 600, perSecond: 300 },
    );
    for (const [k, v] of onsEntries) net.ons.set(k, v);
    // Forced moves outlive a restart: the account's messages live in its new swarm only.
    const movedRaw = db.getMeta('moved');
    if (movedRaw) for (const [k, v] of movedSchema.parse(JSON.parse(movedRaw))) net.moved.set(k, BigInt(v));
    closers.push(async () => {
      net.onionEnv.proxyAgents.http.destroy();
      net.onionEnv.proxyAgents.https.destroy();
    });
    state.nodes.forEach((n, i) => {
      net.add(new ServiceNode(i, `127.0.${i + 1}.1`, n.port, identityFromSeed(fromHex(n.seed)!), BigInt(n.swarmId), net));
    });

    const startNodeServer = async (node: ServiceNode): Promise<void> => {
      const server = https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
        node.handleHttp(req, res).catch((e: unknown) => {
          log(`session-devnet: node ${node.ip} request failed: ${e instanceof Error ? e.message : String(e)}`);
          if (!res.headersSent) send(res, text(500, 'request failed'));
        });
      });
      server.keepAliveTimeout = 60_000;
      node.port = await listen(server, node.port, node.ip, options.unref);
      node.server = server;
    };
    const stopNodeServer = async (node: ServiceNode): Promise<void> => {
      const server = node.server;
      node.server = null;
      if (server) await closeServer(server);
    };
    closers.push(async () => {
      await Promise.all(net.nodes.map(stopNodeServer));
    });
    await Promise.all(net.nodes.map(startNodeServer));

    // File server (plain HTTP on loopback, reached only by the last onion hop).
    const fsIdentity = identityFromSeed(fromHex(state.fileServerSeed)!);
    if (options.fileTtlSeconds !== undefined && (!Number.isInteger(options.fileTtlSeconds) || options.fileTtlSeconds < 1)) {
      throw new Error('fileTtlSeconds must be a positive integer');
    }
    const fileServer = new FileServer({
      identity: fsIdentity,
      db,
      dir: filesDir,
      now,
      random,
      ...(options.fileTtlSeconds !== undefined ? { defaultTtlSeconds: options.fileTtlSeconds } : {}),
    });
    const fileHttp = lsrpcServer((body) => fileServer.handleLsrpc(body));
    const filePort = await listen(fileHttp, state.filePort, '127.0.0.1', options.unref);
    closers.push(() => closeServer(fileHttp));

    // Community server (plain HTTP on loopback, reached only by the last onion hop, like the file server).
    let sogs: SogsServer | null = null;
    let sogsPort = state.sogsPort ?? 0;
    if (sogsDb) {
      // A state dir from before the community server gets its key now (kept from then on).
      state = { ...state, sogsSeed: state.sogsSeed ?? toHex(random(32)) };
      const server = new SogsServer({ identity: identityFromSeed(fromHex(state.sogsSeed!)!), db: sogsDb, now, random });
      const rooms = options.sogsRooms ?? [];
      server.configure(rooms.length > 0 || sogsDb.rooms().length > 0 ? rooms : [{ token: 'lobby', name: 'Lobby' }], options.sogsAdmins ?? []);
      const sogsHttp = lsrpcServer(async (body) => server.handleLsrpc(body));
      sogsPort = await listen(sogsHttp, sogsPort, '127.0.0.1', options.unref);
      closers.push(() => closeServer(sogsHttp));
      sogs = server;
    }

    // Seed (HTTPS) and control (HTTP) servers need the final info, which needs their ports: listen first.
    let infoJson = '';
    const seedServer = https.createServer({ key: tls.key, cert: tls.cert, keepAlive: true }, (req, res) => {
      void handleSeed(req, res, net, () => infoJson).catch(() => {
        if (!res.headersSent) send(res, text(500, 'request failed'));
      });
    });
    const seedPort = await listen(seedServer, state.seedPort, '127.0.0.1', options.unref);
    closers.push(() => closeServer(seedServer));

    const findNode = (ref: NodeRef): ServiceNode => {
      const node = typeof ref === 'number' ? net.nodes[ref] : net.byEd.get(ref.toLowerCase());
      if (!node) throw new Error(`unknown node ${String(ref)}`);
      return node;
    };
    const clearFault = (node: ServiceNode): void => {
      if (node.fault?.timer) clearTimeout(node.fault.timer);
      node.fault = null;
    };
    const clearMisbehaviour = (node: ServiceNode): void => {
      if (node.misbehaviour?.timer) clearTimeout(node.misbehaviour.timer);
      node.misbehaviour = null;
    };

    /** Applies, in order, the deletions and expiry changes a node missed while stopped; returns how many. */
    const replayMissed = (node: ServiceNode): number => {
      let n = 0;
      for (const op of db.takeMissed(node.edHex)) {
        if (applyMissed(node.ctx, op.method, JSON.parse(op.params) as JsonObject)) n++;
      }
      return n;
    };
    let persisted: PersistedState = state;
    const persist = (): void => {
      persisted = {
        ...persisted,
        swarmIds: net.swarmIds.map(String),
        nodes: net.nodes.map((n, i) => ({ seed: state.nodes[i]!.seed, port: n.port, swarmId: n.swarmId.toString() })),
      };
      db.setMeta('network', JSON.stringify(persisted));
    };

    let stopped = false;
    let cleanupTimer: NodeJS.Timeout | null = null;
    const devnet: Devnet & { infoJson: string } = {
      get info(): DevnetInfo {
        return JSON.parse(infoJson) as DevnetInfo;
      },
      get sogs() {
        return (JSON.parse(infoJson) as DevnetInfo).sogs;
      },
      get infoJson() {
        return infoJson;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        if (cleanupTimer) clearInterval(cleanupTimer);
        for (const n of net.nodes) {
          clearFault(n);
          clearMisbehaviour(n);
        }
        for (const c of closers.reverse()) await c();
        db.close();
        sogsDb?.close();
        if (tempDir) await fsp.rm(tempDir, { recursive: true, force: true });
        log('session-devnet: stopped');
      },
      async stopNode(ref) {
        const node = findNode(ref);
        await stopNodeServer(node);
        log(`session-devnet: node ${node.ip}:${node.port} stopped`);
      },
      async startNode(ref) {
        const node = findNode(ref);
        if (!node.running) await startNodeServer(node);
        // Deletions first, on what it held: replayed after the catch-up they would also hit newer messages.
        const missed = replayMissed(node);
        const peers = net.nodes.filter((n) => n !== node && n.swarmId === node.swarmId && n.running).map((n) => n.edHex);
        const caughtUp = db.resync(node.edHex, peers, now());
        log(
          `session-devnet: node ${node.ip}:${node.port} started` +
            `${caughtUp > 0 ? `, ${caughtUp} messages from its swarm peers` : ''}${missed > 0 ? `, ${missed} missed deletions replayed` : ''}`,
        );
      },
      failNode(ref, opts) {
        const node = findNode(ref);
        clearFault(node);
        const status = opts.timeout ? 'timeout' : opts.status;
        if (status === undefined || (status !== 'timeout' && (!Number.isInteger(status) || status < 100 || status > 599))) {
          throw new Error('failNode needs a status (100-599) or timeout: true');
        }
        const fault: Fault = { status, timer: null };
        if (opts.durationMs !== undefined) {
          fault.timer = setTimeout(() => {
            if (node.fault === fault) node.fault = null;
          }, opts.durationMs);
          fault.timer.unref();
        }
        node.fault = fault;
        log(`session-devnet: node ${node.ip} now fails with ${String(status)}`);
      },
      misbehaveNode(ref, opts) {
        const node = findNode(ref);
        const checked = checkMisbehaveOptions(opts);
        clearMisbehaviour(node);
        const m: Misbehaviour = { opts: checked, timer: null };
        if (checked.durationMs !== undefined) {
          m.timer = setTimeout(() => {
            if (node.misbehaviour === m) node.misbehaviour = null;
          }, checked.durationMs);
          m.timer.unref();
        }
        node.misbehaviour = m;
        log(`session-devnet: node ${node.ip} now misbehaves: ${checked.mode}`);
      },
      hostileBytesSent(ref) {
        return findNode(ref).hostileBytes;
      },
      setLatency(ref, ms) {
        if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a non-negative number of ms');
        findNode(ref).latencyMs = ms;
      },
      skewClock(ref, ms) {
        if (!Number.isFinite(ms)) throw new Error('clock skew must be a number of ms');
        findNode(ref).skewMs = ms;
      },
      clearFaults(ref) {
        for (const node of ref === undefined ? net.nodes : [findNode(ref)]) {
          clearFault(node);
          clearMisbehaviour(node);
          node.latencyMs = 0;
          node.skewMs = 0;
        }
      },
      moveSwarm(pubkeyHex, swarmId) {
        const bytes = /^[0-9a-fA-F]{66}$/.test(pubkeyHex) ? fromHex(pubkeyHex)! : null;
        if (!bytes) throw new Error('pubkey must be 66 hex characters');
        const current = net.swarmFor(pubkeyHex, bytes.subarray(1));
        let target = swarmId;
        if (target === undefined) {
          const idx = net.swarmIds.findIndex((s) => s === current);
          target = net.swarmIds[(idx + 1) % net.swarmIds.length]!;
        }
        if (!net.swarmIds.includes(target)) throw new Error(`unknown swarm ${target.toString()}`);
        const copied = net.rebalance(() => net.moved.set(pubkeyHex.toLowerCase(), target));
        db.setMeta('moved', JSON.stringify([...net.moved].map(([k, v]) => [k, v.toString()])));
        log(`session-devnet: account moved to swarm ${target.toString()}, ${copied} messages handed over`);
        return target;
      },
      moveNode(ref, swarmId) {
        const node = findNode(ref);
        let target = swarmId;
        if (target === undefined) {
          const idx = net.swarmIds.findIndex((s) => s === node.swarmId);
          target = net.swarmIds[(idx + 1) % net.swarmIds.length]!;
        }
        if (target < 0n || target >= (1n << 64n) - 1n) throw new Error('swarm id must be below 2^64 - 1');
        const to = target;
        const copied = net.rebalance(() => {
          node.swarmId = to;
          net.recomputeSwarms();
        });
        infoJson = JSON.stringify({ ...(JSON.parse(infoJson) as DevnetInfo), nodes: net.nodes.map((n) => n.info()) });
        persist();
        log(`session-devnet: node ${node.ip} moved to swarm ${to.toString()}, ${copied} messages handed over`);
        return to;
      },
      swarmNodes(pubkeyHex) {
        const bytes = fromHex(pubkeyHex);
        if (!bytes || bytes.length !== 33) throw new Error('pubkey must be 66 hex characters');
        const id = net.swarmFor(pubkeyHex, bytes.subarray(1));
        return net.nodes.filter((n) => n.swarmId === id).map((n) => n.info());
      },
      async cleanupExpired() {
        db.cleanupExpired(now());
        await fileServer.cleanupExpired();
        sogs?.cleanupExpired();
      },
      expireFile(id) {
        const ok = fileServer.expire(id);
        if (ok) log(`session-devnet: file ${id} expired`);
        return ok;
      },
      async deleteFile(id) {
        const ok = await fileServer.remove(id);
        if (ok) log(`session-devnet: file ${id} deleted`);
        return ok;
      },
      async corruptFile(id) {
        const ok = await fileServer.corrupt(id);
        if (ok) log(`session-devnet: file ${id} corrupted`);
        return ok;
      },
      failFileServer(fault) {
        fileServer.setFault(fault);
        log(fault ? `session-devnet: file server now fails with ${fault.status}` : 'session-devnet: file server fault cleared');
      },
      failSogs(fault) {
        if (!sogs) throw new Error('no community server (started with noSogs)');
        sogs.setFault(fault);
        log(fault ? `session-devnet: community server now fails with ${fault.status}` : 'session-devnet: community server fault cleared');
      },
      storeEntries(pubkeyHex, entries) {
        const bytes = fromHex(pubkeyHex);
        if (!bytes || bytes.length !== 33) throw new Error('pubkey must be 66 hex characters');
        const hex = pubkeyHex.toLowerCase();
        const id = net.swarmFor(hex, bytes.subarray(1));
        const members = net.nodes.filter((n) => n.swarmId === id);
        const t = now();
        const hashes = entries.map((e) => {
          if (!Number.isInteger(e.namespace) || e.namespace < -32768 || e.namespace > 32767) throw new Error('namespace must be a 16-bit integer');
          const hash = messageHash(bytes, e.namespace, e.data);
          const m = { hash, namespace: e.namespace, data: e.data, timestamp: e.timestamp ?? t, expiry: e.expiry ?? t + 14 * 24 * 3600 * 1000 };
          for (const n of members) db.store(n.edHex, hex, m, false);
          return hash;
        });
        log(`session-devnet: ${entries.length} entries stored for ${hex.slice(0, 10)}…`);
        return hashes;
      },
      importSogsPosts(token, posts) {
        if (!sogs) throw new Error('no community server (started with noSogs)');
        const ids = sogs.importPosts(token, posts);
        log(`session-devnet: ${ids.length} posts imported into ${token}`);
        return ids;
      },
    };

    const controlServer = http.createServer((req, res) => {
      void handleControl(req, res, devnet, () => infoJson).catch((e: unknown) => {
        if (!res.headersSent) send(res, text(400, e instanceof Error ? e.message : String(e)));
      });
    });
    const controlPort = await listen(controlServer, state.controlPort, '127.0.0.1', options.unref);
    closers.push(() => closeServer(controlServer));

    const info: DevnetInfo = {
      seedUrl: `https://127.0.0.1:${seedPort}/`,
      controlUrl: `http://127.0.0.1:${controlPort}/`,
      fileServer: { url: `http://127.0.0.1:${filePort}`, x25519: toHex(fsIdentity.x25519Pub), ed25519: toHex(fsIdentity.ed25519Pub) },
      nodes: net.nodes.map((n) => n.info()),
      ...(sogs ? { sogs: { url: `http://127.0.0.1:${sogsPort}`, pubkey: sogs.pubkeyHex, rooms: sogs.roomTokens() } } : {}),
    };
    infoJson = JSON.stringify(info);

    persisted = { ...state, seedPort, controlPort, filePort, ...(sogs ? { sogsPort } : {}) };
    persist();
    // A devnet stopped while a node was down: that node comes back with the others and catches up now.
    for (const node of net.nodes) replayMissed(node);

    cleanupTimer = setInterval(() => {
      void devnet.cleanupExpired().catch((e: unknown) => log(`session-devnet: cleanup failed: ${String(e)}`));
    }, options.cleanupIntervalMs ?? 10_000);
    cleanupTimer.unref();
    log(`session-devnet: ${net.nodes.length} nodes in ${net.swarmIds.length} swarms, seed ${info.seedUrl}`);
    return devnet;
  } catch (e) {
    await cleanupOnFailure();
    throw e;
  }
}

async function handleSeed(req: http.IncomingMessage, res: http.ServerResponse, net: Network, infoJson: () => string): Promise<void> {
  const body = await readBody(req);
  if (req.method === 'GET' && req.url === '/network.json') {
    return send(res, { status: 200, body: utf8(infoJson()), contentType: 'application/json' });
  }
  if (req.method !== 'POST' || req.url !== '/json_rpc') return send(res, text(404, 'Not Found'));
  if (body === 'too-large') return send(res, text(413, 'Request body too large'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    return sendJson(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
  }
  const p = typeof parsed === 'object' && parsed !== null ? (parsed as JsonObject) : {};
  const id = p['id'] ?? '0';
  if (p['method'] !== 'get_n_service_nodes' && p['method'] !== 'get_service_nodes') {
    return sendJson(res, 200, { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found' } });
  }
  const params = typeof p['params'] === 'object' && p['params'] !== null ? (p['params'] as JsonObject) : {};
  const fields = typeof params['fields'] === 'object' && params['fields'] !== null ? (params['fields'] as Record<string, unknown>) : null;
  let states = net.serviceNodeStates(fields);
  const limit = params['limit'];
  if (typeof limit === 'number' && Number.isInteger(limit) && limit > 0 && limit < states.length) states = states.slice(0, limit);
  const result: JsonObject = { service_node_states: states, status: 'OK' };
  if (!fields || fields['height'] === true) result['height'] = net.height();
  return sendJson(res, 200, { jsonrpc: '2.0', id, result });
}

const controlSchema = z.object({
  status: z.number().int().min(100).max(599).optional(),
  timeout: z.boolean().optional(),
  durationMs: z.number().int().min(0).optional(),
  ms: z.number().min(0).optional(),
  skewMs: z.number().optional(),
  pubkey: z.string().optional(),
  swarmId: z.string().regex(/^\d{1,20}$/).optional(),
  times: z.number().int().min(1).optional(),
});

const entriesSchema = z.object({
  pubkey: z.string().regex(/^[0-9a-fA-F]{66}$/),
  entries: z.array(
    z.object({ namespace: z.number().int(), data: z.string().min(1), timestamp: z.number().int().positive().optional(), expiry: z.number().int().positive().optional() }).strict(),
  ),
});

const importSchema = z.object({
  posts: z.array(
    z.object({ session_id: z.string(), data: z.string().min(1), signature: z.string().min(1), posted: z.number().positive().optional() }).strict(),
  ),
});

/** The loopback control endpoint: JSON in, JSON out; see docs/devnet.md. */
async function handleControl(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  devnet: Devnet,
  infoJson: () => string,
): Promise<void> {
  const remote = req.socket.remoteAddress ?? '';
  if (!/^(127\.|::1$|::ffff:127\.)/.test(remote)) return send(res, text(403, 'control is loopback only'));
  const raw = await readBody(req);
  if (raw === 'too-large') return send(res, text(413, 'Request body too large'));
  const url = (req.url ?? '/').split('?')[0]!;
  if (req.method === 'GET' && (url === '/' || url === '/network.json')) {
    return send(res, { status: 200, body: utf8(infoJson()), contentType: 'application/json' });
  }
  if (req.method !== 'POST') return send(res, text(405, 'use POST'));
  let json: unknown = {};
  if (raw.length > 0) json = JSON.parse(Buffer.from(raw).toString('utf8'));
  const body = controlSchema.parse(json);
  const nodeMatch = /^\/nodes\/([^/]+)\/([a-z]+)$/.exec(url);
  if (nodeMatch) {
    const refRaw = decodeURIComponent(nodeMatch[1]!);
    const ref: NodeRef = /^\d+$/.test(refRaw) ? Number(refRaw) : refRaw;
    switch (nodeMatch[2]) {
      case 'stop':
        await devnet.stopNode(ref);
        break;
      case 'start':
        await devnet.startNode(ref);
        break;
      case 'fail':
        devnet.failNode(ref, { status: body.status, timeout: body.timeout, durationMs: body.durationMs });
        break;
      case 'latency':
        devnet.setLatency(ref, body.ms ?? 0);
        break;
      case 'clock':
        devnet.skewClock(ref, body.skewMs ?? 0);
        break;
      case 'misbehave':
        devnet.misbehaveNode(ref, misbehaveSchema.parse(json));
        break;
      case 'clear':
        devnet.clearFaults(ref);
        break;
      case 'swarm': {
        const to = devnet.moveNode(ref, body.swarmId === undefined ? undefined : BigInt(body.swarmId));
        return sendJson(res, 200, { ok: true, swarmId: to.toString() });
      }
      default:
        return send(res, text(404, `unknown node action ${nodeMatch[2]}`));
    }
    return sendJson(res, 200, { ok: true });
  }
  if (url === '/faults/clear') {
    devnet.clearFaults();
    return sendJson(res, 200, { ok: true });
  }
  if (url === '/swarms/move') {
    if (!body.pubkey) return send(res, text(400, 'pubkey is required'));
    const to = devnet.moveSwarm(body.pubkey, body.swarmId === undefined ? undefined : BigInt(body.swarmId));
    return sendJson(res, 200, { ok: true, swarmId: to.toString() });
  }
  if (url === '/cleanup') {
    await devnet.cleanupExpired();
    return sendJson(res, 200, { ok: true });
  }
  const fileMatch = /^\/files\/([A-Za-z0-9_-]{1,64})\/(expire|delete|corrupt)$/.exec(url);
  if (fileMatch) {
    const id = fileMatch[1]!;
    const found =
      fileMatch[2] === 'expire' ? devnet.expireFile(id) : fileMatch[2] === 'delete' ? await devnet.deleteFile(id) : await devnet.corruptFile(id);
    return found ? sendJson(res, 200, { ok: true }) : send(res, text(404, `no file ${id}`));
  }
  if (url === '/files/fail') {
    if (body.status === undefined) return send(res, text(400, 'status is required'));
    devnet.failFileServer({ status: body.status, ...(body.times !== undefined ? { times: body.times } : {}) });
    return sendJson(res, 200, { ok: true });
  }
  if (url === '/files/clear') {
    devnet.failFileServer(null);
    return sendJson(res, 200, { ok: true });
  }
  if (url === '/sogs/fail') {
    if (body.status === undefined) return send(res, text(400, 'status is required'));
    devnet.failSogs({ status: body.status, ...(body.times !== undefined ? { times: body.times } : {}) });
    return sendJson(res, 200, { ok: true });
  }
  if (url === '/sogs/clear') {
    devnet.failSogs(null);
    return sendJson(res, 200, { ok: true });
  }
  if (url === '/accounts/store') {
    const b = entriesSchema.parse(json);
    const entries = b.entries.map((e) => ({
      namespace: e.namespace,
      data: new Uint8Array(Buffer.from(e.data, 'base64')),
      ...(e.timestamp !== undefined ? { timestamp: e.timestamp } : {}),
      ...(e.expiry !== undefined ? { expiry: e.expiry } : {}),
    }));
    return sendJson(res, 200, { ok: true, hashes: devnet.storeEntries(b.pubkey, entries) });
  }
  const importMatch = /^\/sogs\/rooms\/([\w-]{1,64})\/import$/.exec(url);
  if (importMatch) {
    const posts = importSchema.parse(json).posts.map((p) => ({
      sessionId: p.session_id,
      data: new Uint8Array(Buffer.from(p.data, 'base64')),
      signature: new Uint8Array(Buffer.from(p.signature, 'base64')),
      ...(p.posted !== undefined ? { posted: p.posted } : {}),
    }));
    return sendJson(res, 200, { ok: true, ids: devnet.importSogsPosts(importMatch[1]!, posts) });
  }
  return send(res, text(404, `${url} Not Found`));
}

/** A loopback HTTP server answering only POST /oxen/v4/lsrpc (and the /loki/ alias), as the last onion hop calls it. */
function lsrpcServer(handle: (body: Uint8Array) => Promise<HopResult>): http.Server {
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === 'too-large') return send(res, text(413, 'Request body too large'));
      if (req.method === 'POST' && (req.url === '/oxen/v4/lsrpc' || req.url === '/loki/v4/lsrpc')) return send(res, await handle(body));
      return send(res, text(404, `${req.method ?? ''} ${req.url ?? ''} Not Found`));
    })().catch(() => {
      if (!res.headersSent) send(res, text(500, 'request failed'));
    });
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, { status, body: utf8(JSON.stringify(value)), contentType: 'application/json' });
}

function send(res: http.ServerResponse, r: HopResult): void {
  res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': r.body.length });
  res.end(r.body);
}

function readBody(req: http.IncomingMessage): Promise<Uint8Array | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? 'too-large' : new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Every socket a server accepted and has not closed: TLS ones still in their handshake are not yet the HTTP server's. */
const openSockets = new WeakMap<http.Server | https.Server, Set<Socket>>();

function listen(server: http.Server | https.Server, port: number, host: string, unref = false): Promise<number> {
  if (unref) server.unref();
  const sockets = new Set<Socket>();
  openSockets.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    if (unref) socket.unref();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      reject(
        e.code === 'EADDRNOTAVAIL'
          ? new Error(`cannot bind ${host}: add the loopback alias (macOS: sudo ifconfig lo0 alias ${host})`)
          : e.code === 'EADDRINUSE'
            ? new Error(`port ${port} on ${host} is already in use`)
            : e,
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and drops every connection at once, idle, busy or mid-handshake (a stopped node answers nothing). */
function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
    for (const socket of openSockets.get(server) ?? []) socket.destroy();
  });
}

/** `unref`: the wait alone does not keep the process alive (waits that stand in for a silent peer). */
function sleep(ms: number, unref = false): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    if (unref) t.unref();
  });
}
