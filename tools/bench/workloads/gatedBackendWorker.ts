// The app bench's backend worker: the app's own backend worker (ts/backend/thread/backendWorker), with
// one difference: its network's retrieves wait until the bench opens the gate (a message on the
// BroadcastChannel RETRIEVE_GATE_CHANNEL from the host's thread). So a catch-up is measured with the
// backend where the app runs it (a worker thread), the engine online and the page loaded, from the moment
// the swarm's backlog may come in.
import { BroadcastChannel, workerData } from 'node:worker_threads';
import type { EngineOptions } from '../../../ts/backend/types';
import type { NetworkFactoryArgs } from '../../../ts/backend/services/engine';
import { SessionNetwork } from '../../../ts/network/SessionNetwork';
import type { BackendWorkerData } from '../../../ts/backend/thread/wire';
import { RETRIEVE_GATE_CHANNEL } from './retrieveGate';

const gate = new Promise<void>((resolve) => {
  const channel = new BroadcastChannel(RETRIEVE_GATE_CHANNEL);
  channel.onmessage = () => {
    channel.close();
    resolve();
  };
});

// The wire type leaves functions out (they cannot cross); this thread adds one to its own copy.
const data = workerData as BackendWorkerData;
(data.options as { engine?: EngineOptions }).engine = {
  ...data.options.engine,
  createNetwork: (args: NetworkFactoryArgs) => {
    const net = new SessionNetwork({ config: args.config, store: args.store, ownPubkey: args.ownPubkey, now: args.now, randomBytes: args.randomBytes });
    const retrieve = net.retrieve.bind(net);
    net.retrieve = async (...a: Parameters<SessionNetwork['retrieve']>) => {
      await gate;
      return retrieve(...a);
    };
    return net;
  },
};

// The app's worker, started once the options carry the gated network (a require, so it runs after the above).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../../ts/backend/thread/backendWorker');
