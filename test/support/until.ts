// Waiting for something that happens asynchronously, for the tests that run real backends.

/** Checks `fn` every `everyMs` until it gives a truthy value, which it returns; throws naming `what` after `timeoutMs`. */
export async function waitUntil<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, everyMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
