// The floors of the history group's child-process figures (bundled as build/tools/bench-history-floor.js):
// a bare Node process that loads only the database code, opens the key file and the encrypted database and
// reads the same rows with the raw SQL. Modes (as historyChild.ts):
//   cold DATA_DIR          the conversation list's one SQL statement
//   rss DATA_DIR CONV_ID   the list's SQL and the conversation's newest page, then RSS after GC
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveNetwork, resolveProfileDir } from '../../../ts/backend/dataDir';
import { openEncryptedDatabase } from '../../../ts/backend/db/database';
import { CONVERSATION_LIST_SQL } from '../../../ts/backend/db/conversationStore';
import { PAGE_SQL } from '../../../ts/backend/db/messagePages';
import { loadOrCreateDatabaseKey } from '../../../ts/backend/keyFile';
import { report, settle, type ChildResult } from './historyChildIo';

async function run(argv: readonly string[]): Promise<ChildResult> {
  const [mode, dataDir, conversationId] = argv;
  if ((mode !== 'cold' && mode !== 'rss') || !dataDir)
    throw new Error('usage: bench-history-floor cold|rss DATA_DIR [CONVERSATION_ID]');
  if (mode === 'rss' && !conversationId) throw new Error('rss needs a conversation id');
  const t0 = performance.now();
  const profileDir = resolveProfileDir(dataDir, resolveNetwork({}).folder);
  const key = loadOrCreateDatabaseKey(profileDir, {
    databaseExists: true,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  });
  const db = openEncryptedDatabase(path.join(profileDir, 'session.db'), key);
  key.fill(0);
  const t1 = performance.now();
  const rows = db.prepare(CONVERSATION_LIST_SQL).all();
  const t2 = performance.now();
  const times = { ms: t2, bootMs: t0, loadMs: 0, openMs: t1 - t0, listMs: t2 - t1, rows: rows.length };
  if (mode === 'cold') {
    db.close();
    return times;
  }
  db.prepare(PAGE_SQL.newest).all(conversationId, 51);
  const mem = await settle();
  db.close();
  return { ...times, ...mem };
}

report(run(process.argv.slice(2)), 'bench-history-floor');
