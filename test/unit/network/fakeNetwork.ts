// A scripted Oxen network for unit tests: seed, guard tests and onion requests answered in memory.
// The onion codec is a transparent fake (JSON, no crypto) so tests see exactly what each node receives.
import { customNetworkConfig, type NetworkConfig } from '../../../ts/network/config';
import type { HttpRequest, HttpResponse } from '../../../ts/network/http';
import type { OnionCodec, SnodeReply } from '../../../ts/network/onionCodec';
import type { Snode } from '../../../ts/network/types';
import { FakeHttp, jsonResponse, makeNodes, textResponse } from './fakes';

export interface FakeRpc {
  method: string;
  params: { requests?: { method: string; params: Record<string, unknown> }[] } & Record<string, unknown>;
}

/** What a destination node answers: the onion-level status and body. */
export type NodeHandler = (node: Snode, rpc: FakeRpc, path: string[]) => SnodeReply;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Payload = JSON {path, dest, body}; the reply body is the JSON {status, body} itself. */
export const transparentCodec: OnionCodec = {
  snodeRequest(path, destination, rpcBody) {
    return {
      payload: enc.encode(JSON.stringify({ path: path.map((n) => n.ed25519), dest: destination.ed25519, body: dec.decode(rpcBody) })),
      decode: (httpBody) => JSON.parse(dec.decode(httpBody)) as SnodeReply,
    };
  },
  serverRequest(path, server, request) {
    return {
      payload: enc.encode(JSON.stringify({ path: path.map((n) => n.ed25519), server: server.url, request: { ...request, body: undefined } })),
      decode: (httpBody) => {
        const r = JSON.parse(dec.decode(httpBody)) as { code: number; body: string };
        return { code: r.code, headers: {}, body: enc.encode(r.body) };
      },
    };
  },
};

export class FakeNetwork {
  readonly nodes: Snode[];
  readonly config: NetworkConfig = customNetworkConfig('http://seed.test/');
  readonly http: FakeHttp;
  /** Destination handler; default answers every sub-request 200 with `t`. */
  handler: NodeHandler;
  /** Guard-level override: return a response to short-circuit (path errors). */
  guardHook: ((guard: Snode, req: HttpRequest) => HttpResponse | undefined) | undefined;
  /** Every destination call: node ed25519 and the rpc. */
  readonly calls: { node: string; rpc: FakeRpc; path: string[] }[] = [];
  nodeTime: () => number = () => 1_700_000_000_000;

  constructor(count = 12) {
    this.nodes = makeNodes(count);
    this.handler = (_node, rpc) => ({ status: 200, body: JSON.stringify({ results: (rpc.params.requests ?? []).map(() => ({ code: 200, body: { t: this.nodeTime() } })) }) });
    this.http = new FakeHttp((req) => this.route(req));
  }

  byEd(ed: string): Snode {
    const n = this.nodes.find((x) => x.ed25519 === ed);
    if (!n) throw new Error(`unknown node ${ed}`);
    return n;
  }

  private route(req: HttpRequest): HttpResponse {
    const url = new URL(req.url);
    if (url.pathname === '/json_rpc') {
      return jsonResponse(200, {
        result: {
          height: 1,
          service_node_states: this.nodes.map((n) => ({
            public_ip: n.ip,
            storage_port: n.port,
            pubkey_ed25519: n.ed25519,
            pubkey_x25519: n.x25519,
            requested_unlock_height: 0,
          })),
        },
      });
    }
    if (url.pathname === '/network.json') return textResponse(404, 'no');
    const node = this.nodes.find((n) => n.ip === url.hostname && n.port === Number(url.port));
    if (!node) throw new Error(`no node at ${req.url}`);
    if (url.pathname === '/storage_rpc/v1') return jsonResponse(200, { snodes: [] });
    if (url.pathname === '/onion_req/v2') {
      const hooked = this.guardHook?.(node, req);
      if (hooked) return hooked;
      const p = JSON.parse(dec.decode(req.body as Uint8Array)) as { path: string[]; dest?: string; body?: string; server?: string };
      if (p.server) return { status: 200, headers: {}, body: enc.encode(JSON.stringify({ code: 200, body: 'server ok' })) };
      const rpc = JSON.parse(p.body as string) as FakeRpc;
      const dest = this.byEd(p.dest as string);
      this.calls.push({ node: dest.ed25519, rpc, path: p.path });
      const reply = this.handler(dest, rpc, p.path);
      return { status: 200, headers: {}, body: enc.encode(JSON.stringify(reply)) };
    }
    return textResponse(404, 'not found');
  }
}

/** A get_swarm / 421 body listing `members` as the server formats them. */
export function swarmBody(members: readonly Snode[], t: number): Record<string, unknown> {
  return {
    snodes: members.map((n) => ({
      address: 'x.snode',
      pubkey_legacy: n.ed25519,
      pubkey_x25519: n.x25519,
      pubkey_ed25519: n.ed25519,
      port: String(n.port),
      port_https: n.port,
      ip: n.ip,
    })),
    swarm: '1234',
    t,
    hf: [19, 4],
  };
}

/** Batch reply with one sub-result per entry. */
export function batchReply(results: { code: number; body: unknown }[]): SnodeReply {
  return { status: 200, body: JSON.stringify({ results }) };
}
