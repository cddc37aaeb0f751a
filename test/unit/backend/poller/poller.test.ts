// The poller draining a backlog: while nodes answer `more`, the next retrieve goes out with the last hashes
// just received while the previous batch commits (at most two in flight, committed in order), and a failed
// commit makes the next poll start again from the committed last hashes.
import { createPoller } from '../../../../ts/backend/services/poller';
import type { EngineNetwork } from '../../../../ts/backend/services/engineNetwork';
import type { IncomingItem, ReceiveOutcome, Receiver } from '../../../../ts/backend/services/receiver';
import type { LastHash, MessageStore } from '../../../../ts/backend/db/messageStore';
import type { Db } from '../../../../ts/backend/db/database';
import type { ConfigInboxStore } from '../../../../ts/backend/db/configInboxStore';
import { silentLogger } from '../../../../ts/backend/log';
import { identityFromRecoverySeed, loadProtocol, type Identity } from '../../../../ts/protocol';

const PAGE = 3;

let identity: Identity;
beforeAll(async () => {
  await loadProtocol();
  identity = identityFromRecoverySeed(new Uint8Array(16).fill(3));
});

/** One node holding `count` messages h0..h(count-1), answering pages of PAGE after the given last hash. */
function backlogNetwork(count: number, log: string[]): EngineNetwork {
  const all = Array.from({ length: count }, (_, i) => ({ hash: `h${i}`, data: new Uint8Array([i]), expiration: 9e12, timestamp: i }));
  const retrieve = async (_pk: string, _ns: readonly unknown[], lastHash: (node: string, ns: number) => string | undefined) => {
    const last = lastHash('n1', 0);
    const from = last === undefined ? 0 : all.findIndex((m) => m.hash === last) + 1;
    const messages = all.slice(from, from + PAGE);
    log.push(`retrieve after ${last ?? '-'}`);
    await new Promise((r) => setTimeout(r, 1));
    const more = from + PAGE < count;
    return { perNode: [{ node: 'n1', namespaces: [{ namespace: 0, code: 200, messages, more }] }], merged: new Map([[0, messages]]), failures: [] };
  };
  return { retrieve } as unknown as EngineNetwork;
}

/**
 * A receiver whose commits take a while, recorded in order; `failAt` makes the commit of that batch fail once.
 * Like the real receiver, a batch handed over before a failure is refused at its turn.
 */
function slowReceiver(log: string[], opts: { failAt?: string } = {}): Receiver & { inFlight: number; maxInFlight: number; committed: string[] } {
  let tail: Promise<unknown> = Promise.resolve();
  let failAt = opts.failAt;
  let generation = 0;
  const r = {
    inFlight: 0,
    maxInFlight: 0,
    committed: [] as string[],
    stats: { processed: 0, added: 0, dropped: 0, duplicates: 0, ignored: 0, dropReasons: {} },
    process(items: readonly IncomingItem[], lastHashes: readonly LastHash[]): Promise<ReceiveOutcome> {
      r.inFlight++;
      r.maxInFlight = Math.max(r.maxInFlight, r.inFlight);
      const first = items[0]?.hash ?? '-';
      const handedOver = generation;
      log.push(`process ${first}`);
      const p = tail.then(async () => {
        await new Promise((res) => setTimeout(res, 5));
        r.inFlight--;
        if (handedOver !== generation) throw new Error(`${first} refused after an earlier failure`);
        if (failAt === first) {
          failAt = undefined;
          generation++;
          throw new Error(`commit of ${first} failed`);
        }
        r.committed.push(...items.map((i) => i.hash));
        log.push(`commit ${first} (last ${lastHashes[0]?.hash ?? '-'})`);
        return { added: items.map(() => ({}) as never), removed: [], dropped: 0, duplicates: 0, ignored: 0 };
      });
      tail = p.catch(() => undefined);
      return p;
    },
  };
  return r;
}

function poller(network: EngineNetwork, receiver: Receiver) {
  const messages = { pruneExpired: () => 0, loadLastHashes: () => [] } as unknown as MessageStore;
  // Only namespace 0 answers here: the config inbox is never reached (the config tests use a real database).
  const db = { transaction: (fn: unknown) => fn } as unknown as Db;
  const configInbox = {} as unknown as ConfigInboxStore;
  return createPoller({ network, receiver, messages, db, configInbox, identity, log: silentLogger, now: Date.now, intervalMs: 60_000 });
}

describe('poller', () => {
  it('drains a backlog in one poll, retrieving the next page while the previous one commits', async () => {
    const log: string[] = [];
    const receiver = slowReceiver(log);
    const p = poller(backlogNetwork(10, log), receiver);
    expect(await p.pollNow()).toEqual({ newMessages: 10, dropped: 0, configMessages: 0 });
    expect(receiver.committed).toEqual(Array.from({ length: 10 }, (_, i) => `h${i}`));
    expect(receiver.maxInFlight).toBe(2);
    // The second page was asked for with the first page's last hash before the first page committed.
    expect(log.indexOf('retrieve after h2')).toBeLessThan(log.indexOf('commit h0 (last h2)'));
    expect(log.filter((l) => l.startsWith('retrieve'))).toEqual(['retrieve after -', 'retrieve after h2', 'retrieve after h5', 'retrieve after h8']);
    // Caught up: the next poll asks from the last committed hash and finds nothing new.
    expect(await p.pollNow()).toEqual({ newMessages: 0, dropped: 0, configMessages: 0 });
    expect(log.at(-3)).toBe('retrieve after h9');
  });

  it('after a failed commit, starts the next poll from what was committed', async () => {
    const log: string[] = [];
    const receiver = slowReceiver(log, { failAt: 'h3' });
    const p = poller(backlogNetwork(9, log), receiver);
    await expect(p.pollNow()).rejects.toThrow('commit of h3 failed');
    expect(receiver.committed).toEqual(['h0', 'h1', 'h2']);
    const retrievesBefore = log.filter((l) => l.startsWith('retrieve')).length;
    expect(await p.pollNow()).toEqual({ newMessages: 6, dropped: 0, configMessages: 0 });
    // Restarted after h2 (the committed last hash), not after a page that was retrieved but never committed.
    expect(log.filter((l) => l.startsWith('retrieve')).slice(retrievesBefore)[0]).toBe('retrieve after h2');
    expect(receiver.committed).toEqual(Array.from({ length: 9 }, (_, i) => `h${i}`));
  });
});
