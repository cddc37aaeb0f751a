// The backend's typed event bus: services emit, transports subscribe. A throwing listener is logged and
// never stops the others or the emitter.
import type { EventName, EventPayloads } from '../ipc/contract';
import type { Logger } from './log';

export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

export interface EventBus {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Drops every listener (backend close). */
  clear(): void;
}

export function createEventBus(log: Logger): EventBus {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    emit(event, payload) {
      for (const l of [...(listeners.get(event) ?? [])]) {
        try {
          l(payload);
        } catch (err) {
          log.error(`events: a listener of ${event} threw`, err);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
