// The dispatcher every transport's receiving end uses: validate, call the handler, and always answer
// with a CallResult. Nothing thrown by a handler crosses the boundary as an exception.
import type { BackendHandlers } from './contract';
import { IpcError } from './errors';
import type { IpcErrorShape } from './errors';
import { validateCall } from './validate';
import type { CallResult } from './wire';

export type Dispatcher = (method: unknown, params: unknown) => Promise<CallResult>;

export interface DispatcherOptions {
  /** Told about every unexpected (non-IpcError) failure with its full detail, for the logs. */
  onInternalError?: (method: string, err: unknown) => void;
}

const INTERNAL: IpcErrorShape = { code: 'internal', message: 'Something went wrong. Please try again.' };

export function createDispatcher(handlers: BackendHandlers, options: DispatcherOptions = {}): Dispatcher {
  return async (method, params) => {
    try {
      const parsed = validateCall(method, params);
      const handler = handlers[method as keyof BackendHandlers] as (p: unknown) => unknown;
      return { ok: true, result: await handler(parsed) };
    } catch (err) {
      if (err instanceof IpcError) return { ok: false, error: err.toJSON() };
      // The detail of an unexpected error stays in the logs: it may name paths or internals.
      try {
        options.onInternalError?.(typeof method === 'string' ? method : '?', err);
      } catch {
        // a failing logger must not break the answer
      }
      return { ok: false, error: { ...INTERNAL } };
    }
  };
}
