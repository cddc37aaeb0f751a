// The config types the byte pipeline knows (spec advanced B.10): swarm namespace, encryption domain
// (B.8) and, for the four user configs, the legacy protobuf wrapper kind (B.9).
import { signalservice } from '../generated/signalservice';

export type ConfigTypeName = 'UserProfile' | 'Contacts' | 'ConvoInfoVolatile' | 'UserGroups' | 'GroupInfo' | 'GroupMembers';

/** How one config type travels. */
export interface ConfigTypeInfo {
  readonly name: ConfigTypeName;
  readonly namespace: number;
  /** The encryption domain mixed into key and nonce (B.8). */
  readonly domain: string;
  /** `SharedConfigMessage.kind` for the types that carry the legacy protobuf wrapper, else null. */
  readonly legacyKind: signalservice.SharedConfigMessage.Kind | null;
}

const Kind = signalservice.SharedConfigMessage.Kind;

export const CONFIG_TYPES: Readonly<Record<ConfigTypeName, ConfigTypeInfo>> = {
  UserProfile: { name: 'UserProfile', namespace: 2, domain: 'UserProfile', legacyKind: Kind.USER_PROFILE },
  Contacts: { name: 'Contacts', namespace: 3, domain: 'Contacts', legacyKind: Kind.CONTACTS },
  ConvoInfoVolatile: { name: 'ConvoInfoVolatile', namespace: 4, domain: 'ConvoInfoVolatile', legacyKind: Kind.CONVO_INFO_VOLATILE },
  UserGroups: { name: 'UserGroups', namespace: 5, domain: 'UserGroups', legacyKind: Kind.USER_GROUPS },
  GroupInfo: { name: 'GroupInfo', namespace: 13, domain: 'groups::Info', legacyKind: null },
  GroupMembers: { name: 'GroupMembers', namespace: 14, domain: 'groups::Members', legacyKind: null },
};

/** The config type stored in swarm namespace `ns`, or null when that namespace holds no config. */
export function configTypeForNamespace(ns: number): ConfigTypeInfo | null {
  for (const t of Object.values(CONFIG_TYPES)) if (t.namespace === ns) return t;
  return null;
}
