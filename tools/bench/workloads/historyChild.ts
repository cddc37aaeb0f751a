// The history group's fresh child process for the backend (bundled as build/tools/bench-history-child.js):
// each run measures one cold sample in a process of its own and prints one JSON line. Modes:
//   cold DATA_DIR          the backend's start as the web host does it (no network) to conversations.list
//   rss DATA_DIR CONV_ID   the backend open and idle after the list and one conversation's newest page
// Times are from the process's start (performance.timeOrigin), so Node's own start and the loading and
// evaluation of the code count, as they do for a user; the breakdown says how much each step took. The
// floors run in their own small bundle (historyFloorChild.ts), which loads only the database code.
import { performance } from 'node:perf_hooks';
import { report, settle, type ChildResult } from './historyChildIo';

const PAGE_SIZE = 50;

async function run(argv: readonly string[]): Promise<ChildResult> {
  const [mode, dataDir, conversationId] = argv;
  if ((mode !== 'cold' && mode !== 'rss') || !dataDir)
    throw new Error('usage: bench-history-child cold|rss DATA_DIR [CONVERSATION_ID]');
  if (mode === 'rss' && !conversationId) throw new Error('rss needs a conversation id');
  const t0 = performance.now();
  // Dynamic imports: esbuild evaluates these modules here, inside the timed part.
  const { openBackend, silentLogger } = await import('../../../ts/backend');
  const { createDispatcher } = await import('../../../ts/ipc/dispatch');
  const t1 = performance.now();
  const backend = await openBackend({
    host: 'web',
    appVersion: '0.0.0-bench',
    dataDir,
    logger: silentLogger,
    engine: { startNetwork: false },
  });
  const dispatch = createDispatcher(backend.handlers);
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const r = await dispatch(method, params);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
    return r.result;
  };
  const t2 = performance.now();
  const list = (await call('conversations.list', {})) as unknown[];
  const t3 = performance.now();
  const times = { ms: t3, bootMs: t0, loadMs: t1 - t0, openMs: t2 - t1, listMs: t3 - t2, rows: list.length };
  if (mode === 'cold') {
    await backend.close();
    return times;
  }
  await call('messages.page', { conversationId, limit: PAGE_SIZE });
  const mem = await settle();
  await backend.close();
  return { ...times, ...mem };
}

report(run(process.argv.slice(2)), 'bench-history-child');
