// The slice of the network client the messaging engine uses. SessionNetwork satisfies it; tests may
// pass a stand-in. ONS is optional until the network client offers it.
import type { SessionNetwork } from '../../network';

export type EngineNetwork = Pick<SessionNetwork, 'start' | 'stop' | 'ready' | 'setOwnPubkey' | 'networkNow' | 'getPaths' | 'storeMessage' | 'retrieve' | 'events'> & {
  /** Resolves an ONS name (lower case, validated) to a 05 Session ID. */
  resolveOns?: (name: string, signal?: AbortSignal) => Promise<string>;
  /** `delete_all` of every namespace of our account, with each swarm member's verified answer. */
  deleteAll?: SessionNetwork['deleteAll'];
  /** Stores config messages in our swarm and deletes the replaced hashes in one sequence (config push). */
  storeConfig?: SessionNetwork['storeConfig'];
};
