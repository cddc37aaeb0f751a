// The CLI's only way into the backend: calls go through the IPC dispatcher (the same validation and
// error model as the UI gets), events through the backend's bus. Commands see just this interface.
import type { EventName, EventPayloads, MethodName, MethodParams, MethodResult } from '../ipc/contract';
import { createDispatcher } from '../ipc/dispatch';
import { fromIpcError } from '../ipc/errors';
import type { Backend } from '../backend/types';

export interface CliClient {
  /** Calls a backend method; rejects with an IpcError whose message is fit to show. */
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** Delivery of the follow-ups a change queued (sync copy, request response, config push): see Backend.followUps. */
  readonly followUps: Backend['followUps'];
}

/**
 * Wraps a backend. `onInternalError` receives the full detail of unexpected failures, which the
 * dispatcher hides behind a generic message (shown with --verbose).
 */
export function createClient(backend: Pick<Backend, 'handlers' | 'on' | 'followUps'>, onInternalError: (method: string, err: unknown) => void): CliClient {
  const dispatch = createDispatcher(backend.handlers, { onInternalError });
  return {
    async call(method, params) {
      const r = await dispatch(method, params);
      if (!r.ok) throw fromIpcError(r.error);
      // Results come from our own backend, typed by the contract.
      return r.result as MethodResult<typeof method>;
    },
    on(event, listener) {
      return backend.on(event, listener);
    },
    followUps: backend.followUps,
  };
}
