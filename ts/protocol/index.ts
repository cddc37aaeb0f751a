// Public entry of the pure Session protocol layer: keys, IDs, mnemonic, protobuf codecs, message
// encryption, attachments, onion layers, storage-RPC builders/parsers, swarm math and ONS.
export * from './primitives';
export * from './identity/sessionId';
export * from './identity/keys';
export * from './mnemonic/mnemonic';
