// Error model shared by every transport: a code for programs, a message a person can read,
// and optional detail for developers (never secrets).

export type IpcErrorCode =
  | 'invalid_params'
  | 'unknown_method'
  | 'not_found'
  | 'conflict'
  | 'locked'
  /** The app password given was wrong (the wait before the next try grows). */
  | 'wrong_password'
  | 'network'
  /** Not allowed: a community refused it (not a moderator, banned, no write permission). */
  | 'forbidden'
  | 'unavailable'
  | 'internal';

export interface IpcErrorShape {
  code: IpcErrorCode;
  message: string;
  detail?: string;
}

/** An error that crosses the IPC boundary; `message` is fit to show to the user. */
export class IpcError extends Error implements IpcErrorShape {
  readonly code: IpcErrorCode;
  readonly detail?: string;
  constructor(code: IpcErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON(): IpcErrorShape {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** Turns anything thrown by a handler into the wire shape; unknown errors hide their detail from the user. */
export function toIpcError(err: unknown): IpcErrorShape {
  if (err instanceof IpcError) return err.toJSON();
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: 'Something went wrong. Please try again.', detail };
}

/** Rebuilds an IpcError on the calling side from its wire shape (anything malformed becomes `internal`). */
export function fromIpcError(shape: unknown): IpcError {
  if (shape && typeof shape === 'object') {
    const s = shape as Record<string, unknown>;
    if (typeof s.code === 'string' && typeof s.message === 'string') {
      return new IpcError(s.code as IpcErrorCode, s.message, typeof s.detail === 'string' ? s.detail : undefined);
    }
  }
  return new IpcError('internal', 'Something went wrong. Please try again.', 'malformed error from the other end');
}
