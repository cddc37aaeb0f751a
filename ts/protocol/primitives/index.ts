// Low-level primitives a server would also use (AEAD, curves, hashes, framing, bencoding, encodings).
// tools/devnet may import only this folder.
export * from './errors';
export * from './bytes';
export * from './sodium';
export * from './random';
export * from './hash';
export * from './curve';
export * from './aead';
export * from './framing';
export * from './bencode';
export * from './onionHop';
