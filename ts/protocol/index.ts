// Public entry of the pure Session protocol layer: keys, IDs, mnemonic, protobuf codecs, message
// encryption, attachments, onion layers, storage-RPC builders/parsers, swarm math and ONS.
export * from './primitives';
export * from './identity/sessionId';
export * from './identity/keys';
export * from './mnemonic/mnemonic';
export * from './rpc/namespaces';
export * from './rpc/signatures';
export * from './rpc/hash';
export * from './rpc/requests';
export * from './rpc/responses';
export * from './onion/onion';
export * from './proto/codec';
export * from './message/padding';
export * from './message/sessionProtocol';
export * from './message/dm';
export * from './message/rich';
export * from './attachments/attachment';
export * from './attachments/deterministic';
export * from './attachments/fileUrl';
export * from './attachments/pointer';
export * from './ons/ons';
export * from './identity/blinding';
export * from './load';
// Config sync byte pipeline (B.6-B.10): encryption, padding, zstd, legacy wrapper, multipart, push/receive.
export * from './config/configTypes';
export * from './config/encrypt';
export * from './config/compress';
export * from './config/wrap';
export * from './config/multipart';
export * from './config/pipeline';
// Config state and the four user configs (B.1, B.4-B.5, B.11-B.15): push/confirm/merge/dump and typed fields.
export * from './config/configBase';
export * from './config/configDump';
export * from './config/fields';
export * from './config/community';
export * from './config/userProfile';
export * from './config/contacts';
export * from './config/convoInfoVolatile';
export * from './config/userGroups';
export * from './config/userConfigs';
export type { ConfigPushState } from './config/merge';
// Communities (spec advanced.md A): blinded keys and signing, request auth, room messages, blinded DMs, share URLs.
export * from './community/blindedKeys';
export * from './community/requestAuth';
export * from './community/xed25519';
export * from './community/roomMessage';
export * from './community/blindedDm';
export * from './community/communityUrl';
// Groups v2 (spec advanced.md C): keys, Info/Members, group messages, subaccounts, kicked notice, GroupUpdate signatures.
export * from './groups';
