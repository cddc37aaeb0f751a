// The history group's fresh child process (bundled as build/tools/bench-history-child.js): each run
// measures one cold sample in a process of its own and prints one JSON line. Modes:
//   cold DATA_DIR              the backend's start as the web host does it (no network) to conversations.list
//   cold-floor DATA_DIR        the key file, the encrypted database and the list's one raw SQL statement
//   rss DATA_DIR CONV_ID       the backend open and idle after the list and one conversation's newest page
//   rss-floor DATA_DIR CONV_ID a bare Node process with the database open and the same rows read
// Times are from the process's start (performance.timeOrigin), so Node's own start and the loading of the
// code count, as they do for a user. The backend's modules are imported only in the modes that use them
// (esbuild evaluates a dynamically imported module on first import), so the floors do not load them.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ChildResult {
  /** Process start to the result (ms). */
  ms: number;
  /** Start of this script's own work (after Node's start and the bundle's top level) to the result (ms). */
  workMs: number;
  rows: number;
  /** Resident set size after GC settled (MB), in the rss modes. */
  rssMb?: number;
  heapUsedMb?: number;
}

const PAGE_SIZE = 50;

async function profileDirOf(dataDir: string): Promise<string> {
  const { resolveNetwork, resolveProfileDir } = await import('../../../ts/backend/dataDir');
  return resolveProfileDir(dataDir, resolveNetwork({}).folder);
}

async function openRaw(dataDir: string) {
  const { openEncryptedDatabase } = await import('../../../ts/backend/db/database');
  const { loadOrCreateDatabaseKey } = await import('../../../ts/backend/keyFile');
  const profileDir = await profileDirOf(dataDir);
  const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: true, randomBytes: (n) => new Uint8Array(randomBytes(n)) });
  const db = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
  key.fill(0);
  return db;
}

async function openBackendLikeWebHost(dataDir: string) {
  const { openBackend, silentLogger } = await import('../../../ts/backend');
  const { createDispatcher } = await import('../../../ts/ipc/dispatch');
  const backend = await openBackend({ host: 'web', appVersion: '0.0.0-bench', dataDir, logger: silentLogger, engine: { startNetwork: false } });
  const dispatch = createDispatcher(backend.handlers);
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const r = await dispatch(method, params);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
    return r.result;
  };
  return { backend, call };
}

async function settle(): Promise<{ rssMb: number; heapUsedMb: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 300));
  }
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1048576, heapUsedMb: m.heapUsed / 1048576 };
}

async function run(argv: readonly string[]): Promise<ChildResult> {
  const [mode, dataDir, conversationId] = argv;
  if (!mode || !dataDir) throw new Error('usage: bench-history-child MODE DATA_DIR [CONVERSATION_ID]');
  const t0 = performance.now();
  switch (mode) {
    case 'cold': {
      const { backend, call } = await openBackendLikeWebHost(dataDir);
      const list = (await call('conversations.list', {})) as unknown[];
      const t = performance.now();
      await backend.close();
      return { ms: t, workMs: t - t0, rows: list.length };
    }
    case 'cold-floor': {
      const db = await openRaw(dataDir);
      const { CONVERSATION_LIST_SQL } = await import('../../../ts/backend/db/conversationStore');
      const rows = db.prepare(CONVERSATION_LIST_SQL).all();
      const t = performance.now();
      db.close();
      return { ms: t, workMs: t - t0, rows: rows.length };
    }
    case 'rss': {
      if (!conversationId) throw new Error('rss needs a conversation id');
      const { backend, call } = await openBackendLikeWebHost(dataDir);
      const list = (await call('conversations.list', {})) as unknown[];
      await call('messages.page', { conversationId, limit: PAGE_SIZE });
      const t = performance.now();
      const mem = await settle();
      await backend.close();
      return { ms: t, workMs: t - t0, rows: list.length, ...mem };
    }
    case 'rss-floor': {
      if (!conversationId) throw new Error('rss-floor needs a conversation id');
      const db = await openRaw(dataDir);
      const { CONVERSATION_LIST_SQL } = await import('../../../ts/backend/db/conversationStore');
      const { PAGE_SQL } = await import('../../../ts/backend/db/messagePages');
      const rows = db.prepare(CONVERSATION_LIST_SQL).all();
      db.prepare(PAGE_SQL.newest).all(conversationId, PAGE_SIZE + 1);
      const t = performance.now();
      const mem = await settle();
      db.close();
      return { ms: t, workMs: t - t0, rows: rows.length, ...mem };
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

run(process.argv.slice(2)).then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
  },
  (err: unknown) => {
    process.stderr.write(`bench-history-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
