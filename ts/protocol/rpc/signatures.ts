// The exact byte strings each storage-RPC method signs (spec network §2.3). Numbers are decimal
// ASCII, the namespace is empty for 0 and "all" for all-namespace variants.
import { concatBytes, utf8ToBytes } from '../primitives/bytes';
import { ProtocolError } from '../primitives/errors';
import { namespaceTag } from './namespaces';

function int(n: number, what: string): string {
  if (!Number.isSafeInteger(n)) throw new ProtocolError('invalid_argument', `${what} must be an integer.`);
  return String(n);
}

/** `"store" || NS || sig_timestamp`. */
export function storeSignatureMessage(namespace: number, sigTimestampMs: number): Uint8Array {
  return utf8ToBytes(`store${namespaceTag(namespace)}${int(sigTimestampMs, 'timestamp')}`);
}

/** `"retrieve" || NS || timestamp`. */
export function retrieveSignatureMessage(namespace: number, timestampMs: number): Uint8Array {
  return utf8ToBytes(`retrieve${namespaceTag(namespace)}${int(timestampMs, 'timestamp')}`);
}

/** `"delete" || hash[0] || … || hash[N]` (no timestamp). */
export function deleteSignatureMessage(hashes: readonly string[]): Uint8Array {
  return utf8ToBytes(`delete${hashes.join('')}`);
}

/** `"delete_all" || NS || timestamp` (NS = "all" for every namespace). */
export function deleteAllSignatureMessage(namespace: number | 'all', timestampMs: number): Uint8Array {
  return utf8ToBytes(`delete_all${namespaceTag(namespace)}${int(timestampMs, 'timestamp')}`);
}

/** `"delete_before" || NS || before`. */
export function deleteBeforeSignatureMessage(namespace: number | 'all', beforeMs: number): Uint8Array {
  return utf8ToBytes(`delete_before${namespaceTag(namespace)}${int(beforeMs, 'before')}`);
}

/** Expiry mode of an `expire` request: shorten only, extend only, or either (""). */
export type ExpireMode = 'shorten' | 'extend' | '';

/** `"expire" || SE || EXP || hash[0] || … || hash[N]`; EXP = the expiry, or all expiries concatenated. */
export function expireSignatureMessage(mode: ExpireMode, expiryMs: number | readonly number[], hashes: readonly string[]): Uint8Array {
  const exp = typeof expiryMs === 'number' ? int(expiryMs, 'expiry') : expiryMs.map((e) => int(e, 'expiry')).join('');
  return utf8ToBytes(`expire${mode}${exp}${hashes.join('')}`);
}

/** `"expire_all" || NS || expiry`. */
export function expireAllSignatureMessage(namespace: number | 'all', expiryMs: number): Uint8Array {
  return utf8ToBytes(`expire_all${namespaceTag(namespace)}${int(expiryMs, 'expiry')}`);
}

/** `"get_expiries" || timestamp || hash[0] || … || hash[N]`. */
export function getExpiriesSignatureMessage(timestampMs: number, hashes: readonly string[]): Uint8Array {
  return utf8ToBytes(`get_expiries${int(timestampMs, 'timestamp')}${hashes.join('')}`);
}

/** `"revoke_subaccount" || timestamp || token bytes…` (or `unrevoke_subaccount`). */
export function revokeSubaccountSignatureMessage(
  method: 'revoke_subaccount' | 'unrevoke_subaccount',
  timestampMs: number,
  tokens: readonly Uint8Array[],
): Uint8Array {
  return concatBytes(utf8ToBytes(`${method}${int(timestampMs, 'timestamp')}`), ...tokens);
}
