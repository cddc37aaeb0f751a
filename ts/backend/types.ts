// The backend as every host (Electron main, web host, CLI) sees it: options to open one and the
// object it returns. Hosts build exactly one per profile in their composition root.
import type { BackendHandlers, EventName, EventPayloads, NetworkName } from '../ipc/contract';

export interface BackendOptions {
  /** Data root; the profile folder is ROOT/<network>/<profile>/. */
  dataDir: string;
  /** 'mainnet' (default), 'testnet', or a custom seed URL (devnet). */
  network?: 'mainnet' | 'testnet';
  seedUrl?: string;
  profile?: string;
  host: 'electron' | 'web' | 'cli';
  appVersion: string;
  /** Injected clock (ms since epoch) so tests control time. */
  now?: () => number;
}

export type BackendEventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

export interface Backend {
  /** One handler per IPC method; params are already validated by the transport. */
  readonly handlers: BackendHandlers;
  on<E extends EventName>(event: E, listener: BackendEventListener<E>): () => void;
  /** The resolved network and profile folder. */
  readonly network: NetworkName;
  readonly profileDir: string;
  /** Stops workers, closes the database, releases the profile lock. Idempotent. */
  close(): Promise<void>;
}
