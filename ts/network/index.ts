// Public entry of the network client: the SessionNetwork facade, network configs, the persistence
// interface the backend implements, and the typed errors.
export * from './errors';
export * from './config';
export * from './store';
export * from './SessionNetwork';
export type { Snode, Clock, Randomness } from './types';
export { systemClock } from './types';
export type { HttpClient, HttpRequest, HttpResponse, TlsPolicy } from './http';
export { createHttpClient } from './http';
export type { OnionCodec, V4Request, V4Response } from './onionCodec';
export { MAINNET_SEED_PINS, type SeedPin } from './seedCerts';
// Community servers (SOGS v3): signed v4 requests, batch/sequence, endpoint helpers.
export * from './sogs';
