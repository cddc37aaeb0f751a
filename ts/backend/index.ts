// The backend's composition root: opens the profile folder (lock, key, encrypted database, prefs),
// builds every service once and returns the object hosts wire to a transport. No module singletons,
// so one process can run several backends on different profiles (Alice and Bob in a test).
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createHandlers } from './api';
import { openEncryptedDatabase } from './db/database';
import type { Db } from './db/database';
import { runMigrations } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { createSettingsStore } from './db/settingsStore';
import { DEFAULT_PROFILE, resolveDataRoot, resolveNetwork, resolveProfileDir } from './dataDir';
import { createEventBus } from './events';
import { loadOrCreateDatabaseKey } from './keyFile';
import { acquireProfileLock } from './lock';
import type { ProfileLock } from './lock';
import { createLineLogger } from './log';
import { createPrefsStore } from './prefs';
import { createSettingsService } from './services/settings';
import { SessionNetwork, networkConfigFor } from '../network';
import { loadProtocol } from '../protocol';
import { createAccountStore } from './db/accountStore';
import { createConversationStore } from './db/conversationStore';
import { createMessageStore } from './db/messageStore';
import { createReceivedContentStore } from './db/receivedContentStore';
import { createNetworkStateStore } from './db/networkStateStore';
import { createAccountService } from './services/account';
import { createConversationsService } from './services/conversations';
import { createEngine } from './services/engine';
import { createExpirySweeper } from './services/expiry';
import { createMessagesService } from './services/messages';
import { createSqliteNetworkStore } from './services/networkStore';
import { DEFAULT_RETRY } from './services/outbox';
import { DEFAULT_POLL_INTERVAL_MS } from './services/poller';
import { defaultGeoIpDatabase, openGeoIp } from './geoip';
import type { BackendContext, Services } from './services';
import type { Backend, BackendOptions } from './types';

export type { Backend, BackendOptions } from './types';
export { resolveDataRoot, resolveNetwork, resolveProfileDir } from './dataDir';
export { parseHostArgs, HostArgsError } from './hostArgs';
export type { HostArgs } from './hostArgs';
export { ProfileLockedError } from './lock';
export { DatabaseKeyError } from './keyFile';
export { DatabaseOpenError } from './db/database';
export { MigrationError } from './db/migrate';
export { readPrefs, writePrefs } from './prefs';
export type { Prefs, PrefsStore, WindowBounds } from './prefs';
export type { Logger } from './log';
export { createLineLogger, silentLogger } from './log';

export const DATABASE_FILE = 'session.db';

/** Opens the backend for one profile. Throws a readable error when the profile is in use or unreadable. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  await loadProtocol();
  const log = options.logger ?? createLineLogger((l) => process.stderr.write(l));
  const now = options.now ?? Date.now;
  const randomBytes = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)));
  const net = resolveNetwork({
    ...(options.network !== undefined ? { network: options.network } : {}),
    ...(options.seedUrl !== undefined ? { seedUrl: options.seedUrl } : {}),
  });
  const profile = options.profile ?? DEFAULT_PROFILE;
  const profileDir = resolveProfileDir(options.dataDir ?? resolveDataRoot(), net.folder, profile);
  try {
    fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`The profile folder ${profileDir} cannot be created (${code}); choose another data folder with --data-dir DIR.`, { cause: err });
  }

  const lock: ProfileLock = acquireProfileLock(profileDir, {
    host: options.host,
    now,
    onTakeover: (stale) => log.warn(`lock: taking over a stale lock${stale ? ` of pid ${stale.pid} (${stale.host})` : ''}`),
  });
  let db: Db | undefined;
  try {
    const dbFile = path.join(profileDir, DATABASE_FILE);
    const key = loadOrCreateDatabaseKey(profileDir, { databaseExists: fs.existsSync(dbFile), randomBytes });
    db = openEncryptedDatabase(dbFile, key, options.nativeBinding);
    key.fill(0);
    runMigrations(db, MIGRATIONS, log);

    const ctx: BackendContext = {
      appName: options.appName ?? 'Session TS',
      appVersion: options.appVersion,
      host: options.host,
      network: net.network,
      ...(net.seedUrl !== undefined ? { seedUrl: net.seedUrl } : {}),
      profile,
      profileDir,
      platform: process.platform,
      now,
    };
    const events = createEventBus(log);
    const prefs = createPrefsStore(profileDir, log);
    const settings = createSettingsService({ store: createSettingsStore(db), prefs, events, log });
    const engineOptions = options.engine ?? {};
    const account = createAccountService({ store: createAccountStore(db), events, log, now, randomBytes });
    const conversationStore = createConversationStore(db);
    const messageStore = createMessageStore(db);
    const receivedContent = createReceivedContentStore(db);
    const conversations = createConversationsService({
      db,
      store: conversationStore,
      messages: messageStore,
      events,
      now,
      ownId: () => account.identity()?.sessionId,
      // `engine` is created below; this runs only when a request is accepted.
      runtime: () => (engine.running() ? engine : undefined),
    });
    // The CLI shows paths only for `path`: it reads the database then, not on every command.
    const geo = openGeoIp(options.geoipDatabase === undefined ? defaultGeoIpDatabase() : options.geoipDatabase, log, { lazy: options.host === 'cli' });
    const engine = createEngine({
      db,
      messages: messageStore,
      received: receivedContent,
      conversations: conversationStore,
      conversationsService: conversations,
      events,
      log,
      now,
      randomBytes,
      networkConfig: networkConfigFor(net.network === 'custom' && net.seedUrl !== undefined ? { seedUrl: net.seedUrl } : net.network === 'testnet' ? 'testnet' : 'mainnet'),
      networkStore: createSqliteNetworkStore(createNetworkStateStore(db)),
      createNetwork:
        engineOptions.createNetwork ??
        ((a) => new SessionNetwork({ config: a.config, store: a.store, ownPubkey: a.ownPubkey, now: a.now, randomBytes: a.randomBytes })),
      displayName: () => account.get()?.displayName ?? '',
      pollIntervalMs: engineOptions.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      retry: { ...DEFAULT_RETRY, ...engineOptions.sendRetry },
      countryOf: (ip) => geo.countryOf(ip),
    });
    const messages = createMessagesService({
      db,
      messages: messageStore,
      conversations: conversationStore,
      conversationsService: conversations,
      account,
      events,
      now,
      randomBytes,
      runtime: () => (engine.running() ? engine : undefined),
    });
    // Disappearing messages go on time whether or not the network runs.
    const expiry = createExpirySweeper({
      db,
      messages: messageStore,
      received: receivedContent,
      conversationsService: conversations,
      events,
      log,
      now,
      ...(engineOptions.expiryIntervalMs !== undefined ? { intervalMs: engineOptions.expiryIntervalMs } : {}),
    });
    const services: Services = { ctx, log, db, events, prefs, settings, account, conversations, messages, engine, geo };
    const handlers = createHandlers(services);
    log.info(`backend: opened ${net.folder}/${profile} (${options.host})`);
    // The network and workers run whenever an account exists: now, or right after create/restore.
    if (engineOptions.startNetwork !== false) account.onReady((identity) => engine.start(identity));
    expiry.start();

    let closed = false;
    const openDb = db;
    return {
      handlers,
      on: (event, listener) => events.on(event, listener),
      network: net.network,
      ...(net.seedUrl !== undefined ? { seedUrl: net.seedUrl } : {}),
      profile,
      profileDir,
      prefs,
      log,
      engineStats: () => {
        const st = engine.receiver()?.stats;
        return st ? { ...st, dropReasons: { ...st.dropReasons } } : { processed: 0, added: 0, dropped: 0, duplicates: 0, ignored: 0, dropReasons: {} };
      },
      async close() {
        if (closed) return;
        closed = true;
        expiry.stop();
        engine.stop();
        events.clear();
        try {
          openDb.close();
        } finally {
          lock.release();
        }
        log.info(`backend: closed ${net.folder}/${profile}`);
      },
    };
  } catch (err) {
    try {
      db?.close();
    } finally {
      lock.release();
    }
    throw err;
  }
}
