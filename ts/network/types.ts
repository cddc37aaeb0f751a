// Shared shapes of the network client: service nodes, paths and the small clocks/randomness
// interfaces every part takes as parameters (so tests are deterministic).

/** A service node as the pool knows it. Keys are lowercase hex: they are identifiers (map keys, persisted). */
export interface Snode {
  ip: string;
  /** HTTPS storage port (`storage_port` / `port_https`). */
  port: number;
  /** 64 hex: Ed25519 public key, the node's identity. */
  ed25519: string;
  /** 64 hex: X25519 public key, used to encrypt onion layers to this node. */
  x25519: string;
}

/** Randomness source: tests inject a seeded one. */
export interface Randomness {
  /** Uniform float in [0, 1). */
  random(): number;
  /** `n` random bytes (ephemeral keys, nonces). */
  randomBytes(n: number): Uint8Array;
}

/** Clock and timers: tests inject a manual clock so nothing really waits. */
export interface Clock {
  /** Local wall-clock time in ms since epoch. */
  now(): number;
  /** Resolves after `ms` (rejects with an abort error if `signal` aborts first). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `fn` every `ms`; returns a cancel function. */
  setInterval(fn: () => void, ms: number): () => void;
  /** Runs `fn` once after `ms`; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/** The real clock (Date.now and Node timers; timers are unref'd so they never keep a process alive). */
export function systemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          clearTimeout(t);
          reject(signal?.reason);
        };
        const t = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    setInterval: (fn, ms) => {
      const t = setInterval(fn, ms);
      t.unref?.();
      return () => clearInterval(t);
    },
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref?.();
      return () => clearTimeout(t);
    },
  };
}

/** Fisher–Yates shuffle into a new array using the injected randomness. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** One uniformly random element, or undefined for an empty list. */
export function pickRandom<T>(items: readonly T[], random: () => number): T | undefined {
  if (items.length === 0) return undefined;
  return items[Math.floor(random() * items.length)];
}

/** The IPv4 /24 subnet key of an address ("1.2.3.4" -> "1.2.3"). */
export function subnet24(ip: string): string {
  const i = ip.lastIndexOf('.');
  return i < 0 ? ip : ip.slice(0, i);
}

const HEX64 = /^[0-9a-f]{64}$/;

/** True for a 64-char hex key (any case). */
export function isHexKey(s: unknown): s is string {
  return typeof s === 'string' && HEX64.test(s.toLowerCase());
}
