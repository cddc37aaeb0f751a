// A tiny typed event emitter (no Node EventEmitter: listeners are typed per event name).

export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Calls every listener; a throwing listener does not stop the others. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l as (p: Events[E]) => void)(payload);
      } catch (err) {
        console.error(`network: listener for ${String(event)} failed`, err);
      }
    }
  }
}
