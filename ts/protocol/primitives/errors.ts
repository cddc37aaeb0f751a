// Typed errors and the Result type shared by every protocol decoder.
// Decoders never throw anything but ProtocolError; parsers at the edge return Result.

/** Every distinct failure a protocol function can report. */
export type ProtocolErrorKind =
  | 'not_ready'
  | 'invalid_argument'
  | 'invalid_hex'
  | 'invalid_base64'
  | 'invalid_utf8'
  | 'invalid_json'
  | 'session_id_length'
  | 'session_id_prefix'
  | 'session_id_hex'
  | 'mnemonic_too_few_words'
  | 'mnemonic_too_many_words'
  | 'mnemonic_unknown_word'
  | 'mnemonic_bad_checksum'
  | 'mnemonic_invalid_triplet'
  | 'protobuf_invalid'
  | 'protobuf_missing_required'
  | 'envelope_invalid'
  | 'wrapper_invalid'
  | 'decrypt_failed'
  | 'signature_invalid'
  | 'timestamp_mismatch'
  | 'sync_invalid'
  | 'frame_invalid'
  | 'onion_response_invalid'
  | 'rpc_response_invalid'
  | 'bencode_invalid'
  | 'config_invalid'
  | 'attachment_invalid'
  | 'ons_invalid_name'
  | 'ons_decrypt_failed'
  // Config sync byte pipeline (ts/protocol/config): one kind per step that can refuse incoming data.
  | 'config_too_large'
  | 'config_too_short'
  | 'config_truncated'
  | 'config_decrypt_failed'
  | 'config_wrong_key'
  | 'config_empty'
  | 'config_unknown_format'
  | 'config_decompress_failed'
  | 'config_decompressed_too_large'
  | 'config_wrapper_invalid'
  | 'config_wrapper_undecryptable'
  | 'config_wrapper_wrong_sender'
  | 'config_wrapper_bad_padding'
  | 'config_wrapper_wrong_kind'
  | 'config_multipart_invalid'
  | 'config_multipart_mismatch'
  | 'config_multipart_hash_mismatch'
  // Groups v2 (ts/protocol/groups): one kind per thing a group member can be sent that is refused.
  | 'group_keys_invalid'
  | 'group_no_key'
  | 'group_message_invalid'
  | 'group_auth_invalid'
  | 'group_kicked_invalid'
  | 'group_update_invalid';

/** The only exception type protocol code throws; `kind` is stable, `message` is user-presentable. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly kind: ProtocolErrorKind,
    message: string,
    /** Developer detail (never contains secrets). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A decoder outcome: a valid value or a typed error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps a ProtocolError as a failed Result. */
export function err<T>(error: ProtocolError): Result<T> {
  return { ok: false, error };
}

/** Runs `fn`, turning a thrown ProtocolError into a failed Result; any other exception is a bug and propagates. */
export function attempt<T>(fn: () => T): Result<T> {
  try {
    return ok(fn());
  } catch (e) {
    if (e instanceof ProtocolError) return err(e);
    throw e;
  }
}

/** Returns the value of a Result or throws its ProtocolError. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw r.error;
}
