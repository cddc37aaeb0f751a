// Named crash points for the crash-safety tests (test/integration/crash): in a test process started with
// SESSION_CRASH_AT=<name>:<nth>, the nth time the engine passes the point called <name> the process is
// killed with SIGKILL (no cleanup, no flush, no `finally`), as an OOM kill or a power cut would leave it.
// A test seam: the production bundles define JEST_WORKER_ID and SESSION_CRASH_AT away
// (tools/build/testSeams.cjs), so every call is a constant no-op there.
import fs from 'node:fs';

/** Every crash point the engine has, so a test names only points that exist. */
export const CRASH_POINTS = [
  // receive (poller and receive pipeline)
  'receive.fetched', // a retrieve answered, nothing of it committed yet
  'receive.inCommit', // inside the batch's transaction, messages written, its last hashes not yet
  'receive.committed', // the batch committed, its events and the in-memory last hashes not yet
  'receive.configStored', // config messages committed to the config inbox, not merged yet
  'receive.listed', // session-cli receive: the new messages listed, not printed yet
  'receive.printed', // session-cli receive: the new messages printed, the cursor not moved past them yet
  // send (staging, messages service, attachment upload, outbox)
  'stage.chunk', // a chunk of a file being attached appended to its temporary file
  'stage.fileWritten', // the staged file in the attachment store, its row not marked complete yet
  'send.queued', // the message and its outbox row committed, the outbox not told yet
  'upload.stored', // an attachment is on the file server, its pointer not stored yet
  'send.encoded', // the row's bytes saved, the store not sent yet
  'send.stored', // the swarm accepted the store, the row not marked sent yet
  'send.marked', // marked sent (its sync copy queued), the event not emitted yet
  // delete for everyone
  'unsend.swarmDeleted', // our swarm's copies deleted, the placeholder and the unsend requests not committed yet
  // config push
  'config.beforeStore', // the push's seqno dumped as waiting, the store not sent yet
  'config.stored', // the swarm accepted the push, the confirmation (hashes) not stored yet
  'config.inApply', // inside the transaction that stores merged configs and empties the inbox
  // attachment download
  'download.fetched', // the blob downloaded and checked, nothing written yet
  'files.halfWritten', // a file of the attachment store half written under its temporary name
  'download.fileWritten', // the file renamed into place, the row not marked downloaded yet
] as const;

export type CrashPointName = (typeof CRASH_POINTS)[number];

const hits = new Map<string, number>();
let armed: { name: CrashPointName; nth: number } | undefined;

/** Parses SESSION_CRASH_AT (`<name>:<nth>`, nth ≥ 1; `<name>` alone means the first hit). */
export function parseCrashAt(spec: string): { name: CrashPointName; nth: number } {
  const m = /^([a-zA-Z.]+)(?::(\d+))?$/.exec(spec.trim());
  const name = m?.[1] as CrashPointName | undefined;
  const nth = m?.[2] === undefined ? 1 : Number(m[2]);
  if (!m || !name || !CRASH_POINTS.includes(name) || !Number.isSafeInteger(nth) || nth < 1) {
    throw new Error(`SESSION_CRASH_AT must be <point>:<nth> with a known point (${CRASH_POINTS.join(', ')}) and nth ≥ 1; got "${spec}".`);
  }
  return { name, nth };
}

/** Kills this process at the configured hit of `name` (a no-op outside the crash tests). */
export function crashPoint(name: CrashPointName): void {
  // Both folded to `undefined` by the build's define: the whole call is then `if (false)` and the rest of
  // this module is dropped from the bundle.
  if (process.env.JEST_WORKER_ID !== undefined && process.env.SESSION_CRASH_AT) hit(name, process.env.SESSION_CRASH_AT);
}

function hit(name: CrashPointName, spec: string): void {
  armed ??= parseCrashAt(spec);
  if (armed.name !== name) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (n !== armed.nth) return;
  // Said on stderr first (synchronously) so the test knows the kill came from this point and hit.
  fs.writeSync(2, `crash point ${name} (hit ${n}): SIGKILL\n`);
  process.kill(process.pid, 'SIGKILL');
}
