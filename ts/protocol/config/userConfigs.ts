// The four user configs of an account as one set (spec advanced.md B.10): created together from
// their dumps, looked up by swarm namespace when a poll returns their messages.
import { ProtocolError } from '../primitives/errors';
import type { Identity } from '../identity/keys';
import type { ConfigBase, ConfigBaseOptions } from './configBase';
import { CONFIG_TYPES } from './configTypes';
import { Contacts } from './contacts';
import { ConvoInfoVolatile } from './convoInfoVolatile';
import { UserGroups } from './userGroups';
import { UserProfile } from './userProfile';

/** The user config namespaces in the order the official client polls them (after namespace 0). */
export const USER_CONFIG_NAMESPACES = [CONFIG_TYPES.UserProfile.namespace, CONFIG_TYPES.Contacts.namespace, CONFIG_TYPES.UserGroups.namespace, CONFIG_TYPES.ConvoInfoVolatile.namespace] as const;

export interface UserConfigs {
  userProfile: UserProfile;
  contacts: Contacts;
  convoInfoVolatile: ConvoInfoVolatile;
  userGroups: UserGroups;
}

/**
 * Creates the four configs, each from its dump when there is one (keyed by namespace). Throws
 * ProtocolError for a bad dump, naming the namespace in the detail.
 */
export function createUserConfigs(a: {
  identity: Identity;
  dumps?: Partial<Record<number, Uint8Array>>;
  swarmMerged?: boolean;
  compressionLevel?: number | null;
}): UserConfigs {
  const make = <T>(ns: number, ctor: new (o: ConfigBaseOptions) => T): T => {
    try {
      return new ctor({ identity: a.identity, dump: a.dumps?.[ns] ?? null, swarmMerged: a.swarmMerged ?? false, compressionLevel: a.compressionLevel });
    } catch (e) {
      if (e instanceof ProtocolError) throw new ProtocolError(e.kind, e.message, `namespace ${ns}: ${e.detail ?? ''}`);
      throw e;
    }
  };
  return {
    userProfile: make(CONFIG_TYPES.UserProfile.namespace, UserProfile),
    contacts: make(CONFIG_TYPES.Contacts.namespace, Contacts),
    convoInfoVolatile: make(CONFIG_TYPES.ConvoInfoVolatile.namespace, ConvoInfoVolatile),
    userGroups: make(CONFIG_TYPES.UserGroups.namespace, UserGroups),
  };
}

/** The config stored in `namespace`, or null when it is not a user config namespace. */
export function userConfigForNamespace(configs: UserConfigs, namespace: number): ConfigBase | null {
  for (const c of allUserConfigs(configs)) if (c.type.namespace === namespace) return c;
  return null;
}

/** The four configs in polling order. */
export function allUserConfigs(configs: UserConfigs): ConfigBase[] {
  return [configs.userProfile, configs.contacts, configs.userGroups, configs.convoInfoVolatile];
}
