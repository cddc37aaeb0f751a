// Swarm namespaces (spec network §3) and the server's access rules by number.

/** Namespaces the client uses, by their desktop names. */
export const Namespace = {
  Default: 0,
  UserProfile: 2,
  UserContacts: 3,
  ConvoInfoVolatile: 4,
  UserGroups: 5,
  ClosedGroupMessages: 11,
  ClosedGroupKeys: 12,
  ClosedGroupInfo: 13,
  ClosedGroupMembers: 14,
  ClosedGroupRevokedRetrievableMessages: -11,
  LegacyClosed: -10,
} as const;

export type Namespace = (typeof Namespace)[keyof typeof Namespace];

/** True for a valid namespace number (signed 16-bit). */
export function isValidNamespace(ns: number): boolean {
  return Number.isInteger(ns) && ns >= -32768 && ns <= 32767;
}

/** Public inbox (`ns % 10 == 0`): anyone may store without a signature. */
export function isPublicInboxNamespace(ns: number): boolean {
  return ns % 10 === 0;
}

/** Public outbox (`ns < 0`, `-ns % 20 == 1`): retrieve needs no auth. */
export function isPublicOutboxNamespace(ns: number): boolean {
  return ns < 0 && -ns % 20 === 1;
}

/** Whether `retrieve` on this namespace must be signed. */
export function retrieveNeedsAuth(ns: number): boolean {
  return ns !== Namespace.LegacyClosed && !isPublicOutboxNamespace(ns);
}

/** The namespace as it appears in signature strings and hashes: empty for 0, else decimal. */
export function namespaceTag(ns: number | 'all'): string {
  return ns === 0 ? '' : String(ns);
}
