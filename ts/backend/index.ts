// The backend's composition root: opens the profile folder (lock, key, encrypted database, prefs),
// builds every service once and returns the object hosts wire to a transport. A profile whose key is
// wrapped with the app password opens locked: only the pre-unlock methods answer until password.unlock
// gives the key vault (keys/keyVault.ts) the password and the database can be opened. No module singletons,
// so one process can run several backends on different profiles (Alice and Bob in a test).
// The object hosts hold stays the same for the backend's whole life: its handlers and events delegate
// to the open profile, which `data.clear` replaces with a fresh, empty one (so a host's transport and
// window stay connected while the app returns to onboarding).
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHandlers, type ProfileHandlers } from './api';
import { openEncryptedDatabase } from './db/database';
import type { Db } from './db/database';
import { runMigrations } from './db/migrate';
import { MIGRATIONS } from './db/migrations';
import { createSettingsStore } from './db/settingsStore';
import { DEFAULT_PROFILE, resolveDataRoot, resolveNetwork, resolveProfileDir } from './dataDir';
import { createEventBus } from './events';
import { DatabaseKeyError } from './keys/keyFileFormat';
import { createKeyVault, PasswordStateError, PasswordThrottledError, WrongPasswordError, type KeyVault } from './keys/keyVault';
import { appHandlers } from './api/app';
import { acquireProfileLock } from './lock';
import type { ProfileLock } from './lock';
import { createLineLogger, teeLogger } from './log';
import { openLogStore, type LogStore } from './logStore';
import { buildCommitHash } from './about';
import { createPrefsStore } from './prefs';
import { createSettingsService } from './services/settings';
import { wireHiddenUi } from './services/hiddenUi';
import { SessionNetwork, networkConfigFor } from '../network';
import { loadProtocol, nativeSodium } from '../protocol';
import { createAccountStore } from './db/accountStore';
import { createConversationStore } from './db/conversationStore';
import { createMessageStore } from './db/messageStore';
import { createReceivedContentStore } from './db/receivedContentStore';
import { createConfigInboxStore } from './db/configInboxStore';
import { createNetworkStateStore } from './db/networkStateStore';
import { createAccountService } from './services/account';
import { createConversationsService } from './services/conversations';
import { createEngine } from './services/engine';
import { createCommunitiesService, withRoomFiles } from './services/communities';
import { createGroupsService } from './services/groups';
import { createGroupStore } from './db/groupStore';
import { createCommunityStore } from './db/communityStore';
import { createCommunityImageStore } from './db/communityImageStore';
import { createCommunityImagesService } from './services/communityImages';
import { createExpirySweeper } from './services/expiry';
import { createDisappearingService } from './services/disappearing';
import { createExpirationStore } from './db/expirationStore';
import { createMessagesService } from './services/messages';
// --- unsend, read receipts and typing indicators (begin) ---
import { createReadReceipts, withReadReceipts } from './services/receipts';
import { createTypingService } from './services/typing';
import { createUnsendService, sweepOnPlaceholders } from './services/unsend';
// --- unsend, read receipts and typing indicators (end) ---
import { createSqliteNetworkStore } from './services/networkStore';
import { DEFAULT_RETRY, type OutgoingProfile } from './services/outbox';
// --- reactions (begin) ---
import { createReactionStore } from './db/reactionStore';
import { createReactionsService } from './services/reactions';
import { createRichBackfillStore } from './db/richBackfillStore';
import { createRichBackfill } from './services/richBackfill';
// --- reactions (end) ---
import { DEFAULT_POLL_INTERVAL_MS } from './services/poller';
import { defaultGeoIpDatabase, openGeoIp } from './geoip';
import { createContactsService } from './services/contacts';
import { createConfigSync, DEFAULT_RESTORE_WAIT_MS, type ConfigSync } from './services/configSync';
import { createConfigStateStore } from './db/configStateStore';
import { createMessagePageStore } from './db/messagePages';
import { createAttachmentStore, createTransferProgress } from './db/attachmentStore';
import { createFileStore, sweepOnRemovals } from './media/fileStore';
import { makeThumbnail, sniffContentType } from './media/image';
import { DEFAULT_AUTO_DOWNLOAD_MAX_BYTES } from './media/receivedAttachments';
import { createAttachmentQueue } from './db/attachmentQueue';
import { createAttachmentBackfill } from './services/attachmentBackfill';
import { createDownloader } from './services/downloader';
import { createReceivedMedia } from './services/receivedMedia';
import { createAvatarStore } from './db/avatarStore';
import { createAvatarService } from './services/avatars';
import { createStagedFileStore } from './db/stagedFileStore';
import { createStagingService } from './services/staging';
import { createLinkPreviewService } from './services/linkPreview';
import { LOCK_FILE } from './lock';
import type { EventBus } from './events';
import type { Logger } from './log';
import { drainFollowUps, type FollowUps } from './services/followUps';
import type { PrefsStore } from './prefs';
import type { ReceiverStats } from './services/receiver';
import type { BackendContext, Services } from './services';
import type { Backend, BackendOptions } from './types';
import {
  DEFAULT_SETTINGS,
  PRE_UNLOCK_SETTINGS,
  methodParams,
  type BackendHandlers,
  type EventPayloads,
  type MethodName,
  type NetworkState,
  type PasswordStatus,
  type Settings,
} from '../ipc/contract';
import { IpcError } from '../ipc/errors';

export type { Backend, BackendOptions, HostBackend } from './types';
export { resolveDataRoot, resolveNetwork, resolveProfileDir } from './dataDir';
export { parseHostArgs, HostArgsError } from './hostArgs';
export type { HostArgs } from './hostArgs';
export { ProfileLockedError } from './lock';
export { DatabaseKeyError } from './keys/keyFileFormat';
export type { Keychain } from './keys/keyVault';
export { DatabaseOpenError } from './db/database';
export { MigrationError } from './db/migrate';
export { readPrefs, writePrefs } from './prefs';
export type { Prefs, PrefsStore, WindowBounds } from './prefs';
export type { Logger } from './log';
export { createLineLogger, silentLogger } from './log';

export const DATABASE_FILE = 'session.db';

/** One open profile: its database and services. `data.clear` closes it and opens a fresh one in its place. */
interface OpenProfile {
  handlers: ProfileHandlers;
  services: Services;
  prefs: PrefsStore;
  engineStats(): ReceiverStats;
  /** Deletes every message of our account on the network (all namespaces); returns the nodes that confirmed. */
  deleteFromNetwork(): Promise<number>;
  /** Stops the engine, detaches from the host's events and closes the database (the lock stays). */
  close(): void;
}

/** The host's event bus as one profile sees it: detached (and silent) once that profile is closed. */
function profileEvents(hostBus: EventBus): EventBus & { detach(): void } {
  let attached = true;
  const subscriptions = new Set<() => void>();
  return {
    on(event, listener) {
      const off = hostBus.on(event, listener);
      subscriptions.add(off);
      return () => {
        off();
        subscriptions.delete(off);
      };
    },
    emit(event, payload) {
      // Work still finishing in a closed profile (a send, a poll) must not speak for the new one.
      if (attached) hostBus.emit(event, payload);
    },
    clear() {
      for (const off of subscriptions) off();
      subscriptions.clear();
    },
    detach() {
      attached = false;
      this.clear();
    },
  };
}

/** Removes everything in the profile folder but the lock file (which this backend keeps holding). */
function wipeProfileFolder(profileDir: string): void {
  for (const entry of fs.readdirSync(profileDir)) {
    if (entry === LOCK_FILE) continue;
    fs.rmSync(path.join(profileDir, entry), { recursive: true, force: true });
  }
}

const EMPTY_STATS: ReceiverStats = {
  processed: 0,
  added: 0,
  dropped: 0,
  duplicates: 0,
  ignored: 0,
  dropReasons: {},
};

function openProfile(a: {
  options: BackendOptions;
  hostBus: EventBus;
  log: Logger;
  debugLog: LogStore;
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  net: ReturnType<typeof resolveNetwork>;
  profile: string;
  profileDir: string;
  /** The database key (unwrapped by the key vault); zeroed once the database is open. */
  key: Uint8Array;
}): OpenProfile {
  const { options, log, now, randomBytes, net, profileDir } = a;
  let db: Db | undefined;
  try {
    const dbFile = path.join(profileDir, DATABASE_FILE);
    try {
      db = openEncryptedDatabase(dbFile, a.key, options.nativeBinding);
    } finally {
      a.key.fill(0);
    }
    runMigrations(db, MIGRATIONS, log);

    const ctx = backendContext(a);
    const events = profileEvents(a.hostBus);
    // Media: the running transfers' progress (in memory) shows in every message view built below.
    const progress = createTransferProgress();
    const files = createFileStore({ profileDir, db, randomBytes, log });
    const attachments = createAttachmentStore(db, progress);
    const staging = createStagingService({ store: createStagedFileStore(db), files, log, now, randomBytes });
    const prefs = createPrefsStore(profileDir, log);
    const settings = createSettingsService({ store: createSettingsStore(db), prefs, events, log });
    const engineOptions = options.engine ?? {};
    const avatarStore = createAvatarStore(db);
    // `avatars` is created below; the account view reads our picture's version through it.
    const account = createAccountService({ store: createAccountStore(db), events, log, now, randomBytes, avatarVersion: () => avatars.ownVersion(), avatarUrl: () => avatarStore.own()?.url ?? undefined });
    const baseConversationStore = createConversationStore(db, progress);
    // Contact state is config-backed: what the message pipeline learns about a contact (approval, their
    // name) goes into the Contacts config, which writes the cache row (config sync is built below).
    const conversationStore: typeof baseConversationStore = {
      ...baseConversationStore,
      updateContact: (id, patch, at) => {
        if (configSync.started()) configSync.contactSeen(id, patch);
        else baseConversationStore.updateContact(id, patch, at);
      },
      touch: (id, kind, at) => {
        baseConversationStore.touch(id, kind, at);
        if (kind === 'note-to-self' && configSync.started()) configSync.noteToSelfActive();
      },
    };
    const messageStore = createMessageStore(db, progress);
    const communityStore = createCommunityStore(db); // --- communities ---
    // Received attachments: the receiver makes their rows, the downloader fetches them while the engine runs.
    const attachmentQueue = createAttachmentQueue(db);
    const autoDownloadMaxBytes = engineOptions.autoDownloadMaxBytes ?? DEFAULT_AUTO_DOWNLOAD_MAX_BYTES;
    const downloader = createDownloader({
      queue: attachmentQueue,
      messages: messageStore,
      progress,
      events,
      log,
      now,
      // `engine` is created below; downloads run only while it runs. Room files come from their community server.
      network: () => withRoomFiles(engine.network(), (url, signal) => communities.downloadRoomFile(url, signal)),
      files,
      imaging: { sniffContentType, makeThumbnail },
      ...(engineOptions.downloadRetry !== undefined ? { retry: engineOptions.downloadRetry } : {}),
    });
    const receivedContent = createReceivedContentStore(db);
    const expirationStore = createExpirationStore(db);
    // --- read receipts: reading sends receipts (begin) ---
    const conversations = withReadReceipts(createConversationsService({
      db,
      store: conversationStore,
      messages: messageStore,
      pages: createMessagePageStore(db, progress),
      events,
      now,
      ownId: () => account.identity()?.sessionId,
      // `engine` is created below; this runs only when a request is accepted.
      runtime: () => (engine.running() ? engine : undefined),
      readState: () => (configSync.started() ? configSync : undefined),
      // --- disappearing messages (begin) ---
      noteToSelfExpiry: () => (configSync.started() ? configSync.noteToSelfExpiry() : undefined),
      // --- disappearing messages (end) ---
      decorate: () => (list) => communities.decorate(list), // --- communities ---
      decorateGroups: () => (list) => groups.decorate(list), // --- groups ---
    }), () => readReceipts);
    // --- read receipts: reading sends receipts (end) ---
    // --- unsend, read receipts and typing indicators (begin) ---
    const readReceipts = createReadReceipts({
      db,
      messages: messageStore,
      conversations: conversationStore,
      enabled: () => settings.getAll().readReceipts,
      identity: () => account.identity(),
      runtime: () => (engine.running() ? engine : undefined),
      now,
      randomBytes,
      log,
    });
    const typing = createTypingService({
      conversations: conversationStore,
      events,
      enabled: () => settings.getAll().typingIndicators,
      identity: () => account.identity(),
      runtime: () => (engine.running() ? engine : undefined),
      now,
      randomBytes,
      log,
      ...(engineOptions.typing !== undefined ? { options: engineOptions.typing } : {}),
    });
    // --- unsend, read receipts and typing indicators (end) ---
    const contacts = createContactsService({
      store: conversationStore,
      conversations,
      config: () => configSync,
      now,
      ownId: () => account.identity()?.sessionId,
    });
    // The CLI shows paths only for `path`: it reads the database then, not on every command.
    const geo = openGeoIp(
      options.geoipDatabase === undefined ? defaultGeoIpDatabase() : options.geoipDatabase,
      log,
      { lazy: options.host === 'cli' },
    );
    // Our profile as it goes out with messages (and reactions): name, picture pointer (both parts or none), last change.
    const outgoingProfile = (): OutgoingProfile => {
      const o = avatarStore.own();
      const displayName = account.get()?.displayName ?? '';
      if (!o) return { displayName, updatedSeconds: 0 };
      return { displayName, updatedSeconds: o.profileUpdatedS, ...(o.url !== null && o.key !== null ? { picture: { url: o.url, key: o.key } } : {}) };
    };
    const engine = createEngine({
      db,
      messages: messageStore,
      received: receivedContent,
      configInbox: createConfigInboxStore(db),
      conversations: conversationStore,
      conversationsService: conversations,
      events,
      log,
      now,
      randomBytes,
      networkConfig: networkConfigFor(
        net.network === 'custom' && net.seedUrl !== undefined
          ? { seedUrl: net.seedUrl }
          : net.network === 'testnet'
            ? 'testnet'
            : 'mainnet',
      ),
      networkStore: createSqliteNetworkStore(createNetworkStateStore(db)),
      createNetwork:
        engineOptions.createNetwork ??
        ((args) =>
          new SessionNetwork({
            config: args.config,
            store: args.store,
            ownPubkey: args.ownPubkey,
            now: args.now,
            randomBytes: args.randomBytes,
          })),
      profile: outgoingProfile,
      pollIntervalMs: engineOptions.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      retry: { ...DEFAULT_RETRY, ...engineOptions.sendRetry },
      countryOf: (ip) => geo.countryOf(ip),
      attachments: { queue: attachmentQueue, autoDownloadMaxBytes, downloader },
      media: { attachments, files, progress },
      // --- read receipts and typing indicators (begin) ---
      signals: { readReceipts: () => settings.getAll().readReceipts, typing: (sender, started, valid) => typing.received(sender, started, valid) },
      // --- read receipts and typing indicators (end) ---
      // --- disappearing messages (begin) ---
      timers: {
        startTimer: (id, at) => void expirationStore.startTimer(id, at),
        remoteSetting: (id, setting, sentAt) => void disappearing.remoteSetting(id, setting, sentAt),
      },
      // --- disappearing messages (end) ---
      // --- communities (begin) ---
      // `communities` is created below; these run only once the engine starts.
      communities: {
        outbox: {
          handles: (destination) => communities.handles(destination),
          post: (message) => communities.post(message),
          // A room post's server id and time; a blinded DM's inbox id is not a room's message id.
          posted: (messageId, serverId, postedAt) => {
            if (messageStore.get(messageId)?.conversationId.includes('://')) communityStore.setPosted(messageId, serverId, postedAt);
          },
        },
        start: (identity, opener) => {
          communities.start(identity, opener);
          roomImages.start();
        },
        stop: () => {
          roomImages.stop();
          communities.stop();
        },
        pollNow: () => communities.pollNow(),
      },
      // --- communities (end) ---
      // --- groups (begin) ---
      // `groups` is created below; these run only once the engine starts.
      groups: {
        receiver: {
          publicKey: (gid) => groups.receiverHooks.publicKey(gid),
          isMember: (gid, id) => groups.receiverHooks.isMember(gid, id),
          isAdmin: (gid, id) => groups.receiverHooks.isAdmin(gid, id),
          nameOf: (gid, id) => groups.receiverHooks.nameOf(gid, id),
          invitation: (m, hash) => groups.receiverHooks.invitation(m, hash),
          promotion: (m, hash) => groups.receiverHooks.promotion?.(m, hash),
        },
        outbox: {
          handles: (destination) => groups.outbox.handles(destination),
          encode: (gid, content, at) => groups.outbox.encode(gid, content, at),
          store: (gid, data, ttl) => groups.outbox.store(gid, data, ttl),
        },
        start: () => groups.start(),
        stop: () => groups.stop(),
        pollNow: () => groups.pollNow(),
      },
      // --- groups (end) ---
    });
    const configInbox = createConfigInboxStore(db);
    const configSync: ConfigSync = createConfigSync({
      db,
      store: createConfigStateStore(db),
      inbox: configInbox,
      conversations,
      messages: messageStore,
      account,
      events,
      log,
      now,
      network: () => engine.network(),
      followUps: engine.followUps,
      avatars: {
        contactProfileUpdated: (id) => avatarStore.contactProfileUpdated(id),
        setContactProfileUpdated: (id, t) => avatarStore.setContactProfileUpdated(id, t),
        contactVersions: () => avatarStore.contactVersions(),
        pointersWritten: () => avatars.kick(),
      },
      settings: {
        get: () => settings.getAll().communityMessageRequests,
        set: (v) => {
          settings.set('communityMessageRequests', v);
        },
      },
      options: {
        ...(engineOptions.configPushDelayMs !== undefined ? { pushDelayMs: engineOptions.configPushDelayMs } : {}),
        ...(engineOptions.configRetryBaseMs !== undefined ? { retryBaseMs: engineOptions.configRetryBaseMs } : {}),
      },
      // --- communities (begin) ---
      communities: {
        roomOf: (id) => communityStore.room(id),
        pubkeyOf: (baseUrl) => communityStore.server(baseUrl)?.pubkey,
        setRoomConfig: (id, mode, priority) => communityStore.setRoomConfig(id, mode, priority),
        configChanged: () => communities.configChanged(),
      },
      // --- communities (end) ---
      // --- groups ---
      groups: { configChanged: () => groups.configChanged(), isGroup: (id) => groups.isGroup(id), writeCache: (entries) => groups.writeConfigCache(entries) },
    });
    // --- communities (begin) ---
    const roomImages = createCommunityImagesService({
      store: createCommunityImageStore(db),
      files,
      download: (baseUrl, token, fileId, pubkey) => communities.roomFile(baseUrl, token, fileId, pubkey),
      changed: (ids) => {
        const list = conversations.summaries(ids);
        if (list.length > 0) events.emit('conversations.updated', { conversations: list });
      },
      log,
      now,
    });
    const communities = createCommunitiesService({
      db,
      store: communityStore,
      messages: messageStore,
      conversations: conversationStore,
      conversationsService: conversations,
      events,
      log,
      now,
      randomBytes,
      network: () => engine.network(),
      config: () => (configSync.started() ? configSync : undefined),
      profile: outgoingProfile,
      networkServer: async () => (await engine.network()?.communityServer?.()) ?? undefined,
      inboxEnabled: () => settings.getAll().communityMessageRequests,
      attachments: { queue: attachmentQueue, autoDownloadMaxBytes, onQueued: () => downloader.kick() },
      media: { attachments, files, progress },
      roomImages,
      ...(engineOptions.communityPoll !== undefined ? { timing: engineOptions.communityPoll } : {}),
    });
    // --- communities (end) ---
    // --- groups (begin) ---
    const groupStore = createGroupStore(db);
    const groups = createGroupsService({
      db,
      store: groupStore,
      avatars: () => avatars,
      configState: createConfigStateStore(db),
      messages: messageStore,
      conversations: conversationStore,
      conversationsService: conversations,
      events,
      log,
      now,
      randomBytes,
      identity: () => account.identity(),
      network: () => engine.network(),
      receiver: () => engine.receiver(),
      config: () => (configSync.started() ? configSync : undefined),
      runtime: () => (engine.running() ? engine : undefined),
      pollIntervalMs: engineOptions.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      ownName: () => account.get()?.displayName ?? '',
      ownPicture: () => outgoingProfile().picture ?? null,
      pictureOf: (sessionId) => avatarStore.contactPointer(sessionId),
    });
    // --- groups (end) ---
    engine.followUps.register(configSync.followUpSource);
    engine.setConfigHooks({
      onConfigMessages: () => configSync.applyInbox(),
      activeConfigHashes: () => configSync.activeHashes(),
      onPollComplete: (complete) => configSync.pollCompleted(complete),
      isStale: (conversationId, sentAt) => configSync.isStale(conversationId, sentAt),
    });
    // The community message-requests setting lives in the UserProfile config too.
    events.on('settings.changed', (e) => {
      if (e.key === 'communityMessageRequests' && typeof e.value === 'boolean') configSync.setCommunityMessageRequests(e.value);
    });
    const messages = createMessagesService({
      db,
      messages: messageStore,
      media: { attachments, staging },
      conversations: conversationStore,
      conversationsService: conversations,
      account,
      events,
      now,
      randomBytes,
      runtime: () => (engine.running() ? engine : undefined),
      // --- disappearing messages (begin) ---
      expiration: (id) => disappearing.currentExpiration(id),
      // --- disappearing messages (end) ---
      // --- communities (begin) ---
      community: (to) => communities.sendTarget(to) ?? groups.sendTarget(to), // --- and groups ---
      // --- communities (end) ---
    });
    // --- disappearing messages (begin) ---
    const disappearing = createDisappearingService({
      db,
      messages: messageStore,
      conversations: conversationStore,
      conversationsService: conversations,
      store: expirationStore,
      config: () => (configSync.started() ? configSync : undefined),
      identity: () => account.identity(),
      events,
      log,
      now,
      randomBytes,
      runtime: () => (engine.running() ? engine : undefined),
      network: () => engine.network(),
      groupExpiry: (id) => groupStore.get(id)?.expirySeconds, // --- groups ---
    });
    const stopWatchingReads = disappearing.watchReads();
    // --- disappearing messages (end) ---
    // --- reactions (begin) ---
    const reactionStore = createReactionStore(db);
    const reactions = createReactionsService({
      db,
      messages: messageStore,
      reactions: reactionStore,
      conversations: conversationStore,
      conversationsService: conversations,
      identity: () => account.identity(),
      profile: outgoingProfile,
      events,
      now,
      randomBytes,
      runtime: () => (engine.running() ? engine : undefined),
      group: { handles: (id) => groups.outbox.handles(id), encode: (id, content, at) => groups.outbox.encode(id, content, at) }, // --- groups ---
    });
    // --- reactions (end) ---
    // Disappearing messages go on time whether or not the network runs.
    const expiry = createExpirySweeper({
      db,
      messages: messageStore,
      received: receivedContent,
      conversationsService: conversations,
      events,
      log,
      now,
      store: expirationStore,
      ...(engineOptions.expiryIntervalMs !== undefined ? { intervalMs: engineOptions.expiryIntervalMs } : {}),
    });
    const avatars = createAvatarService({
      db,
      store: avatarStore,
      files,
      staging,
      network: () => engine.network(),
      config: configSync,
      ownId: () => account.identity()?.sessionId,
      account,
      conversations,
      events,
      log,
      now,
      randomBytes,
      ...(engineOptions.avatars !== undefined ? { options: engineOptions.avatars } : {}),
      rooms: roomImages, // --- communities ---
      groups: () => groups.pictures, // --- groups ---
    });
    const services: Services = {
      ctx,
      log,
      db,
      events,
      prefs,
      settings,
      account,
      conversations,
      contacts,
      messages,
      reactions, // --- reactions ---
      engine,
      geo,
      configSync,
      media: {
        files,
        attachments,
        progress,
        staging,
        queue: attachmentQueue,
        downloader,
        received: createReceivedMedia({ queue: attachmentQueue, messages: messageStore, files, downloader, progress, events, now, sniffContentType, makeThumbnail, autoDownloadMaxBytes }),
      },
      avatars,
      disappearing,
      linkPreviews: createLinkPreviewService({
        enabled: () => settings.getAll().linkPreviews,
        staging,
        log,
        ...(engineOptions.linkPreviewTestSeam !== undefined ? { testSeam: engineOptions.linkPreviewTestSeam } : {}),
      }),
      restoreWaitMs: engineOptions.restoreWaitMs ?? DEFAULT_RESTORE_WAIT_MS,
      // --- unsend and typing indicators (begin) ---
      unsend: createUnsendService({
        db,
        messages: messageStore,
        conversationsService: conversations,
        events,
        log,
        now,
        randomBytes,
        identity: () => account.identity(),
        runtime: () => (engine.running() ? engine : undefined),
        group: { handles: (id) => groups.outbox.handles(id), encode: (id, content, at) => groups.outbox.encode(id, content, at) }, // --- groups ---
      }),
      typing,
      // --- unsend and typing indicators (end) ---
      communities,
      groups, // --- groups ---
    };
    const handlers = createHandlers(services);
    wireHiddenUi({ events, settings, account, conversations, messages: messageStore, log });
    // The network and workers run whenever an account exists: now, or right after create/restore.
    // Config sync loads the account's configs first, so the first poll merges into them.
    account.onReady((identity) => configSync.start(identity));
    if (engineOptions.startNetwork !== false) {
      account.onReady((identity) => engine.start(identity));
      // Pictures move only with a running network: re-uploads and downloads start with it.
      account.onReady(() => avatars.start());
    }
    expiry.start();
    // --- communities (begin) ---
    // Setting trimCommunities: old messages of large rooms go once a day (and once at start).
    const trimRooms = (): void => {
      if (!settings.getAll().trimCommunities) return;
      try {
        const n = communities.trim(now());
        if (n > 0) log.info(`communities: trimmed ${n} old message(s) of large rooms`);
      } catch (err) {
        log.error('communities: trimming old room messages failed', err);
      }
    };
    const trimTimer = setInterval(trimRooms, 24 * 3600 * 1000);
    trimTimer.unref?.();
    account.onReady(() => setImmediate(trimRooms));
    // --- communities (end) ---
    // Staged files do not outlive the composer that chose them. Then the files of messages deleted while
    // the app was closed (or interrupted mid-way), and from now on those of every removal.
    staging.clearAll();
    files.sweepAtStart();
    const stopSweeping = sweepOnRemovals(files, events, log);
    // --- unsend (begin) ---
    const stopSweepingPlaceholders = sweepOnPlaceholders(files, events, log);
    // --- unsend (end) ---
    // Messages stored before attachments were supported get their rows from their stored Content (once).
    const backfill = createAttachmentBackfill({
      db,
      queue: attachmentQueue,
      messages: messageStore,
      events,
      log,
      now,
      autoDownloadMaxBytes,
      onQueued: () => downloader.kick(),
    });
    backfill.run().catch((err: unknown) => log.error('attachments: the backfill of old messages failed', err));
    // --- reactions, quotes (begin) ---
    // Reactions and quotes stored (raw) before this version are applied from their Content (once).
    const richBackfill = createRichBackfill({
      db,
      store: createRichBackfillStore(db),
      reactions: reactionStore,
      messages: messageStore,
      ownId: () => account.identity()?.sessionId,
      events,
      log,
    });
    richBackfill.run().catch((err: unknown) => log.error('reactions: the backfill of stored reactions and quotes failed', err));
    // --- reactions, quotes (end) ---

    const openDb = db;
    return {
      handlers,
      services,
      prefs,
      engineStats: () => {
        const st = engine.receiver()?.stats;
        return st ? { ...st, dropReasons: { ...st.dropReasons } } : { ...EMPTY_STATS, dropReasons: {} };
      },
      async deleteFromNetwork() {
        if (!account.identity()) return 0;
        return engine.deleteAllFromSwarm();
      },
      close() {
        backfill.stop();
        richBackfill.stop(); // --- reactions, quotes ---
        stopSweeping();
        // --- unsend and typing indicators (begin) ---
        stopSweepingPlaceholders();
        typing.stop();
        // --- unsend and typing indicators (end) ---
        avatars.stop();
        expiry.stop();
        clearInterval(trimTimer); // --- communities ---
        stopWatchingReads();
        configSync.stop();
        engine.stop();
        events.detach();
        openDb.close();
      },
    };
  } catch (err) {
    db?.close();
    throw err;
  }
}

/** What every part of the backend may know about where and how it runs (also before the profile is unlocked). */
function backendContext(a: {
  options: BackendOptions;
  debugLog: LogStore;
  now: () => number;
  net: ReturnType<typeof resolveNetwork>;
  profile: string;
  profileDir: string;
}): BackendContext {
  const { options, net } = a;
  return {
    appName: options.appName ?? 'Session TS',
    appVersion: options.appVersion,
    host: options.host,
    network: net.network,
    ...(net.seedUrl !== undefined ? { seedUrl: net.seedUrl } : {}),
    profile: a.profile,
    profileDir: a.profileDir,
    platform: process.platform,
    now: a.now,
    ...(options.commitHash !== undefined ? { commitHash: options.commitHash } : {}),
    debugLog: a.debugLog,
  };
}

/** Methods that work while the profile waits for its app password (besides password.* and data.clear). */
const WHILE_LOCKED = new Set<MethodName>(['app.getInfo', 'app.getAbout', 'app.exportDebugLog', 'settings.getAll']);

/** A vault error as the user sees it; `wrong` is the message for a wrong password in this context. */
function passwordIpcError(err: unknown, wrong: string): unknown {
  if (err instanceof WrongPasswordError) {
    return new IpcError('wrong_password', wrong, `${err.failedAttempts} in a row; next try in ${err.retryAfterMs} ms`);
  }
  if (err instanceof PasswordThrottledError) return new IpcError('locked', err.message);
  if (err instanceof PasswordStateError) return new IpcError('conflict', err.message);
  // The key could not be read or rewrapped (keychain gone, file unwritable): nothing was changed; say why.
  if (err instanceof DatabaseKeyError) return new IpcError('unavailable', err.message);
  return err;
}

/** How long after start the native libsodium is loaded (off the start's critical path). */
const NATIVE_SODIUM_WARM_MS = 1_500;

/** Opens the backend for one profile. Throws a readable error when the profile is in use or unreadable. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  await loadProtocol();
  const hostLog = options.logger ?? createLineLogger((l) => process.stderr.write(l));
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
    throw new Error(
      `The profile folder ${profileDir} cannot be created (${code}); choose another data folder with --data-dir DIR.`,
      { cause: err },
    );
  }
  // Every line also goes to the profile's debug log (scrubbed, bounded; logStore.ts), for "Export Logs".
  const debugLog = openLogStore({
    dir: profileDir,
    ...(options.logMaxBytes !== undefined ? { maxBytes: options.logMaxBytes } : {}),
    homeDir: os.homedir(),
    onError: (err) => hostLog.warn('debug log: writing to the profile folder failed', err),
  });
  const log = teeLogger(hostLog, createLineLogger((l) => debugLog.append(l), 'info', now));

  const lock: ProfileLock = acquireProfileLock(profileDir, {
    host: options.host,
    now,
    ...(options.lockProcessStart !== undefined ? { processStart: options.lockProcessStart } : {}),
    onTakeover: (stale) =>
      log.warn(`lock: taking over a stale lock${stale ? ` of pid ${stale.pid} (${stale.host})` : ''}`),
  });
  const hostBus = createEventBus(log);
  const fullOptions: BackendOptions = { ...options, commitHash: options.commitHash ?? buildCommitHash() };
  const open = (key: Uint8Array): OpenProfile =>
    openProfile({ options: fullOptions, hostBus, log, debugLog, now, randomBytes, net, profile, profileDir, key });
  const newVault = (): KeyVault =>
    createKeyVault({
      profileDir,
      randomBytes,
      now,
      log,
      ...(options.keychain !== undefined ? { keychain: options.keychain } : {}),
      ...(options.kdfLimits !== undefined ? { kdfLimits: options.kdfLimits } : {}),
    });
  const dbExists = () => fs.existsSync(path.join(profileDir, DATABASE_FILE));
  let vault: KeyVault;
  /** The open profile; undefined while it waits for the app password. */
  let current: OpenProfile | undefined;
  try {
    vault = newVault();
    const key = await vault.open(dbExists());
    if (key) current = open(key);
  } catch (err) {
    lock.release();
    throw err;
  }
  log.info(`backend: ${current ? 'opened' : 'locked'} ${net.folder}/${profile} (${options.host})`);
  // Before unlock: the About and debug-log methods need no database; settings are the pre-unlock ones.
  const lockedApp = appHandlers({ ctx: backendContext({ options: fullOptions, debugLog, now, net, profile, profileDir }) });
  const lockedPrefs = createPrefsStore(profileDir, log);
  const lockedSettings = (): Settings => {
    const p = lockedPrefs.get() as unknown as Partial<Settings>;
    const out: Settings = { ...DEFAULT_SETTINGS };
    for (const k of PRE_UNLOCK_SETTINGS) if (p[k] !== undefined) (out as Record<string, unknown>)[k] = p[k];
    return out;
  };
  const passwordStatus = (): PasswordStatus => {
    const protection = vault.protection();
    return { set: protection === 'password', locked: !current && !broken, protection, ...vault.attempts() };
  };
  /** One unlock or password change at a time. */
  let passwordQueue: Promise<unknown> = Promise.resolve();
  const serialPassword = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = passwordQueue.then(fn, fn);
    passwordQueue = run.catch(() => undefined);
    return run;
  };
  const announce = (): PasswordStatus => {
    const st = passwordStatus();
    hostBus.emit('password.changed', st);
    return st;
  };

  let closed = false;
  // Native libsodium loads on first use (about 20 ms); loaded a moment after start, it costs neither the start
  // nor the first messages or room page received (a join verifies its first page in this thread).
  const warmNative = setTimeout(() => {
    if (!closed) nativeSodium();
  }, NATIVE_SODIUM_WARM_MS);
  warmNative.unref();
  /** The one close in progress: a second call (a second signal, a crash path) joins it. */
  let closing: Promise<void> | undefined;
  /** Set while data.clear swaps the profile: calls wait for the fresh one. */
  let swapping: Promise<void> | undefined;
  /** Set when a fresh profile could not be opened after a wipe: nothing works until a restart. */
  let broken: Error | undefined;

  /** The open profile; throws once the backend is closed or could not start over. */
  const settled = (): OpenProfile => {
    if (broken) {
      throw new IpcError('unavailable', 'The app could not start over after clearing its data; please restart it.', broken.message);
    }
    if (closed) throw new IpcError('unavailable', 'The app is shutting down.');
    if (!current) throw new IpcError('locked', 'Session is locked: enter your password first.');
    return current;
  };
  const live = async (): Promise<OpenProfile> => {
    if (swapping) await swapping;
    return settled();
  };

  /** Set from the start of data.clear (its network part included) to its end: one clear at a time. */
  let clearing = false;
  const clearData: BackendHandlers['data.clear'] = async (params) => {
    if (clearing) throw new IpcError('conflict', 'The data is already being cleared.');
    clearing = true;
    try {
      return await clearProfile(params);
    } finally {
      clearing = false;
    }
  };
  const clearProfile: BackendHandlers['data.clear'] = async ({ network }) => {
    if (swapping) await swapping;
    if (closed) throw new IpcError('unavailable', 'The app is shutting down.');
    // A locked profile can be cleared from the lock screen ("Clear Device"), on this device only.
    if (!current && network) throw new IpcError('locked', 'Session is locked: its data can only be cleared on this device.');
    const old = current ? settled() : undefined;
    const before = old ? old.services.settings.getAll() : lockedSettings();
    // The network part first: if it fails, nothing local is touched and the user can try again.
    const confirmed = network && old ? await old.deleteFromNetwork() : undefined;
    // The host may have closed the backend meanwhile: then the profile is no longer ours to wipe.
    if (closed) throw new IpcError('unavailable', 'The app is shutting down.');
    let finish: () => void = () => undefined;
    swapping = new Promise<void>((resolve) => (finish = resolve));
    try {
      old?.close();
      current = undefined;
      wipeProfileFolder(profileDir);
      // The key file went with the rest: a fresh key, kept as a new profile's is (keychain or plain file).
      vault = newVault();
      const key = await vault.open(false);
      if (!key) throw new Error('a new profile key needs no password');
      current = open(key);
      log.info(
        `backend: cleared ${net.folder}/${profile}${network ? ' (and its messages on the network)' : ''}; starting over without an account`,
      );
    } catch (err) {
      broken = err instanceof Error ? err : new Error(String(err));
      log.error('backend: starting over after clearing data failed', err);
      throw new IpcError(
        'internal',
        'The data was cleared, but the app could not start over; please restart it.',
      );
    } finally {
      swapping = undefined;
      finish();
    }
    hostBus.emit('account.changed', { account: null });
    announce();
    const after: Settings = current.services.settings.getAll();
    for (const key of Object.keys(after) as (keyof Settings)[]) {
      if (JSON.stringify(after[key]) !== JSON.stringify(before[key]))
        hostBus.emit('settings.changed', { key, value: after[key], settings: after } as EventPayloads['settings.changed']);
    }
    return confirmed !== undefined ? { networkNodesConfirmed: confirmed } : {};
  };

  const unlock: BackendHandlers['password.unlock'] = ({ password }) =>
    serialPassword(async () => {
      if (swapping) await swapping;
      if (current) return passwordStatus();
      settledOrLocked();
      let key: Uint8Array;
      try {
        key = await vault.unlock(password);
      } catch (err) {
        throw passwordIpcError(err, 'Incorrect password');
      }
      if (closed) {
        key.fill(0);
        throw new IpcError('unavailable', 'The app is shutting down.');
      }
      try {
        current = open(key);
      } catch (err) {
        log.error('backend: opening the unlocked profile failed', err);
        throw new IpcError('unavailable', `The profile could not be opened: ${err instanceof Error ? err.message : String(err)}`);
      }
      log.info(`backend: unlocked ${net.folder}/${profile}`);
      return announce();
    });
  /** Throws when the backend is closed or broken; a locked profile passes. */
  const settledOrLocked = (): void => {
    if (broken) throw new IpcError('unavailable', 'The app could not start over after clearing its data; please restart it.', broken.message);
    if (closed) throw new IpcError('unavailable', 'The app is shutting down.');
  };
  /** A password change on an unlocked profile (the key file is rewrapped; the database stays as it is). */
  const rewrap =
    <P>(what: (p: P) => Promise<void>, wrong: string) =>
    (params: P): Promise<PasswordStatus> =>
      serialPassword(async () => {
        await live();
        try {
          await what(params);
        } catch (err) {
          throw passwordIpcError(err, wrong);
        }
        return announce();
      });
  const passwordHandlers: Pick<BackendHandlers, 'password.status' | 'password.unlock' | 'password.set' | 'password.change' | 'password.remove'> = {
    'password.status': () => {
      settledOrLocked();
      return passwordStatus();
    },
    'password.unlock': unlock,
    'password.set': rewrap<{ password: string }>(({ password }) => vault.setPassword(password), 'Failed to set password'),
    'password.change': rewrap<{ currentPassword: string; newPassword: string }>(
      ({ currentPassword, newPassword }) => vault.changePassword(currentPassword, newPassword),
      'Your current password is incorrect.',
    ),
    'password.remove': rewrap<{ currentPassword: string }>(({ currentPassword }) => vault.removePassword(currentPassword), 'Your current password is incorrect.'),
  };
  /** The recovery password is shown only after the app password, when one is set (spec/ui.md §6.8). */
  const recoveryPassword: BackendHandlers['account.getRecoveryPassword'] = async (params) => {
    const p = await live();
    if (vault.protection() === 'password') {
      if (params.password === undefined) throw new IpcError('locked', 'Enter your password to see your recovery password.');
      try {
        await serialPassword(() => vault.verify(params.password as string));
      } catch (err) {
        throw passwordIpcError(err, 'Incorrect password');
      }
    }
    return p.handlers['account.getRecoveryPassword'](params);
  };
  const special: Partial<Record<MethodName, unknown>> = {
    'data.clear': clearData,
    'account.getRecoveryPassword': recoveryPassword,
    ...passwordHandlers,
  };

  const handlers = Object.fromEntries(
    (Object.keys(methodParams) as MethodName[]).map((method) => [
      method,
      special[method] !== undefined
        ? special[method]
        : (params: never) => {
            if (!current && !swapping && WHILE_LOCKED.has(method)) {
              settledOrLocked();
              if (method === 'settings.getAll') return lockedSettings();
              return (lockedApp as unknown as Record<MethodName, (x: never) => unknown>)[method](params);
            }
            const call = (p: OpenProfile): unknown => (p.handlers as unknown as Record<MethodName, (x: never) => unknown>)[method](params);
            // Calls during a swap wait for the fresh profile; otherwise they behave exactly as the profile's own
            // handlers (synchronous ones stay synchronous).
            return swapping ? live().then(call) : call(settled());
          },
    ]),
  ) as BackendHandlers;

  const prefs: PrefsStore = {
    get: () => (current ? current.prefs : lockedPrefs).get(),
    update: (patch) => (current ? current.prefs : lockedPrefs).update(patch),
  };

  return {
    handlers,
    on: (event, listener) => hostBus.on(event, listener),
    network: net.network,
    ...(net.seedUrl !== undefined ? { seedUrl: net.seedUrl } : {}),
    profile,
    profileDir,
    prefs,
    log,
    engineStats: () => (current ? current.engineStats() : { ...EMPTY_STATS, dropReasons: {} }),
    followUps: {
      mark: () => settled().services.engine.followUps.mark(),
      settle: (o) => settled().services.engine.followUps.settle(o),
    },
    close(closeOptions = {}) {
      return (closing ??= (async () => {
        if (swapping) await swapping;
        if (!broken && current && (closeOptions.drainMs ?? 0) > 0) await drainBeforeClose(current.services.engine, closeOptions.drainMs ?? 0, log, closeOptions.onProgress);
        await finishClose();
      })());
    },
  };

  async function finishClose(): Promise<void> {
    if (closed) return;
    closed = true;
    clearTimeout(warmNative);
    if (swapping) await swapping;
    hostBus.clear();
    try {
      if (!broken) current?.close();
    } finally {
      lock.release();
    }
    log.info(`backend: closed ${net.folder}/${profile}`);
  }
}

/**
 * The quit-time wait for queued follow-ups, logged and told to the host's `onProgress`: how many are pending
 * when it starts, every second while it lasts, and how it ended. Counts and kinds only: never a destination
 * or a message.
 */
async function drainBeforeClose(
  engine: { followUps: Pick<FollowUps, 'settle'>; running(): boolean; status(): NetworkState },
  drainMs: number,
  log: Logger,
  onProgress?: (pending: number, elapsedMs: number) => void,
): Promise<void> {
  let announced = false;
  const started = Date.now();
  try {
    const report = await drainFollowUps(engine.followUps, {
      timeoutMs: drainMs,
      // Offline, or the network never started: what is queued goes out on the next start, no wait.
      canDeliver: () => engine.running() && engine.status() !== 'offline',
      onProgress: (pending, elapsedMs) => {
        if (!announced) log.info(`shutdown: waiting up to ${drainMs / 1000} s for ${pending} queued store(s) (sync copies, settings updates, request responses)`);
        else log.info(`shutdown: ${pending} queued store(s) still pending after ${Math.round(elapsedMs / 1000)} s`);
        announced = true;
        try {
          onProgress?.(pending, elapsedMs);
        } catch (err) {
          // The host's display of the wait must not end the wait.
          log.warn('shutdown: showing the progress failed', err);
        }
      },
    });
    if (report.failed.length > 0) log.warn(`shutdown: ${report.failed.length} queued store(s) failed (${[...new Set(report.failed.map((f) => f.kind))].join(', ')}); they are retried on the next start`);
    if (!report.settled) log.warn(`shutdown: ${report.pending} queued store(s) not confirmed (${Math.round((Date.now() - started) / 1000)} s of at most ${drainMs / 1000} s; the network is ${engine.running() ? engine.status() : 'not running'}); they stay queued and are sent on the next start`);
    else if (announced) log.info(`shutdown: every queued store went out (${Date.now() - started} ms)`);
  } catch (err) {
    log.error('shutdown: waiting for queued stores failed', err);
  }
}
