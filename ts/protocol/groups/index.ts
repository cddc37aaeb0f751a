// Groups v2 (spec advanced.md C): group identity, Keys (ns 12) and group message encryption,
// Info/Members configs (ns 13/14), subaccount authentication, multi-encrypt and the kicked notice
// (ns −11), GroupUpdate admin signatures and the group Envelope.
export * from './groupIdentity';
export * from './groupKeys';
export * from './groupConfigs';
export * from './subaccount';
export * from './multiEncrypt';
export * from './groupUpdate';
export * from './groupEnvelope';
export * from './groupState';
