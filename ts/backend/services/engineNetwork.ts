// The slice of the network client the messaging engine uses. SessionNetwork satisfies it; tests may
// pass a stand-in. ONS is optional until the network client offers it.
import type { SessionNetwork } from '../../network';
import type { FileTransferOptions, UploadedFile } from '../../network/fileTransfer';

export type { FileTransferOptions, UploadedFile };

export type EngineNetwork = Pick<SessionNetwork, 'start' | 'stop' | 'ready' | 'setOwnPubkey' | 'networkNow' | 'getPaths' | 'storeMessage' | 'retrieve' | 'events'> & {
  /** Resolves an ONS name (lower case, validated) to a 05 Session ID. */
  resolveOns?: (name: string, signal?: AbortSignal) => Promise<string>;
  /** `delete_all` of every namespace of our account, with each swarm member's verified answer. */
  deleteAll?: SessionNetwork['deleteAll'];
  /** Deletes messages from our own swarm (signed `delete`; unsend, spec messaging §6.10). */
  deleteMessages?: SessionNetwork['deleteMessages'];
  /** Shortens (or sets) the swarm expiry of messages in our own swarm (after-read timers, spec messaging §6.12). */
  expireMessages?: SessionNetwork['expireMessages'];
  /** Stores config messages in our swarm and deletes the replaced hashes in one sequence (config push). */
  storeConfig?: SessionNetwork['storeConfig'];
  /** Uploads an encrypted blob to the network's file server (spec messaging §6.6), with progress. */
  uploadFile?: (blob: Uint8Array, options?: FileTransferOptions & { ttlSeconds?: number }) => Promise<UploadedFile>;
  /**
   * Downloads a file by its URL (the server picked by its `p` fragment: the network's own file server when
   * absent). A file the server no longer has fails with NetworkError kind 'not-found'.
   */
  downloadFile?: (url: string, options?: FileTransferOptions & { maxBytes?: number }) => Promise<Uint8Array>;
  // --- communities (begin) ---
  /** One v4 request to a non-snode server (community servers) through onion paths. */
  sendToServer?: SessionNetwork['sendToServer'];
  /** The network's community server (network.json `sogs`), undefined when it has none. */
  communityServer?: SessionNetwork['communityServer'];
  // --- communities (end) ---
};
