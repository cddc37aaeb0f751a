// The composition root of the renderer state: builds the Redux store around an injected API,
// subscribes to backend events, and refetches everything after a transport reconnect.
import { combineReducers, configureStore, type Reducer, type UnknownAction } from '@reduxjs/toolkit';
import type { SessionApi, Unsubscribe } from '../../ipc/contract';
import { accountChanged, accountReducer, fetchAccount } from './account';
import { appReducer, fetchAppInfo } from './app';
import { conversationMessagesRemoved, conversationsReducer, conversationsRemoved, conversationsUpdated, fetchConversations } from './conversations';
import { conversationMessagesDropped, fetchMessages, messagesAdded, messagesReducer, messagesRemoved, messagesUpdated } from './messages';
import { fetchPaths, networkReducer, networkStatusChanged } from './network';
import { fetchSettings, settingsChanged, settingsReducer } from './settings';
import type { ThunkExtra } from './thunk';
import { uiReducer } from './ui';
import { composeReducer } from './compose';
import { createEventBatcher, type FrameScheduler } from './eventBatcher';
import { avatarsReducer } from './avatars';
import { fetchPasswordStatus, passwordChanged, passwordReducer } from './password';
// --- search (begin) ---
import { searchReducer } from './search';
// --- search (end) ---
// --- conversation features: typing (begin) ---
import { subscribeTyping, typingReducer } from './typing';
// --- conversation features: typing (end) ---
// --- communities ---
import { communitiesReducer } from './communities';
// --- groups ---
import { groupsReducer } from './groups';

const combinedReducer = combineReducers({
  app: appReducer,
  account: accountReducer,
  settings: settingsReducer,
  ui: uiReducer,
  conversations: conversationsReducer,
  network: networkReducer,
  messages: messagesReducer,
  compose: composeReducer,
  avatars: avatarsReducer,
  // --- search ---
  search: searchReducer,
  // --- conversation features: typing ---
  typing: typingReducer,
  password: passwordReducer,
  // --- communities ---
  communities: communitiesReducer,
  // --- groups ---
  groups: groupsReducer,
});

export type RootState = ReturnType<typeof combinedReducer>;

/**
 * When the account goes away (Clear Data, spec/ui.md §6.12) every per-account slice starts over:
 * no modal, selection, conversation or message of the old account may outlive it. What the
 * backend says about itself and the user's settings stay.
 */
export const rootReducer: Reducer<RootState, UnknownAction, Partial<RootState>> = (state, action) => {
  if (state?.account?.account && accountChanged.match(action) && action.payload.account === null) {
    return combinedReducer({ app: state.app, settings: state.settings, password: state.password }, action);
  }
  return combinedReducer(state, action);
};

function buildStore(api: SessionApi, preloadedState?: Partial<RootState>) {
  const extra: ThunkExtra = { api };
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    // The development-only invariant checks warn on slow machines; a higher threshold keeps test logs clean.
    middleware: (getDefault) =>
      getDefault({
        thunk: { extraArgument: extra },
        immutableCheck: { warnAfter: 250 },
        serializableCheck: { warnAfter: 250 },
      }),
  });
}

export type AppStore = ReturnType<typeof buildStore> & {
  /** Drops the event subscriptions (tests, window teardown). */
  dispose(): void;
};
export type AppDispatch = AppStore['dispatch'];

export interface CreateStoreOptions {
  preloadedState?: Partial<RootState>;
  /** Skip the initial fetches (tests that only need a store). */
  skipInitialLoad?: boolean;
  /**
   * Apply messages.added / messages.updated / conversations.updated at most once per frame of this
   * scheduler (the app passes the animation-frame one); without it each event is applied at once.
   */
  batchEvents?: FrameScheduler;
}

/** Builds the store, wires backend events into it and starts the first load. */
export function createStore(api: SessionApi, options: CreateStoreOptions = {}): AppStore {
  const store = buildStore(api, options.preloadedState);
  // A locked profile (app password) answers only what the lock screen needs; the rest loads once unlocked.
  const loadAll = () => {
    void store.dispatch(fetchAppInfo());
    void store.dispatch(fetchSettings());
    const { load, status: known } = store.getState().password;
    const status = store.dispatch(fetchPasswordStatus());
    // Known to be unlocked (a reconnect): reload at once, as before. Otherwise (the first load, or a host
    // restarted into its lock screen) only once the backend said it is unlocked.
    if (load === 'ready' && !known?.locked) return loadProfile();
    void status.then((r) => {
      if (fetchPasswordStatus.fulfilled.match(r) && r.payload.locked) return;
      loadProfile();
    });
  };
  const loadProfile = () => {
    void store.dispatch(fetchAccount());
    void store.dispatch(fetchConversations());
    void store.dispatch(fetchPaths());
    // The open conversation may have missed events while the transport was down.
    const open = store.getState().ui.selectedConversationId;
    if (open) void store.dispatch(fetchMessages(open));
  };
  // With a scheduler, the high-volume events wait for the next frame; every other event first applies them.
  const batcher = options.batchEvents ? createEventBatcher(store.dispatch, options.batchEvents) : undefined;
  const inOrder =
    <P>(apply: (payload: P) => void) =>
    (payload: P) => {
      batcher?.flush();
      apply(payload);
    };
  const subscriptions: Unsubscribe[] = [
    api.on('settings.changed', inOrder((payload) => store.dispatch(settingsChanged(payload)))),
    api.on('conversations.updated', (payload) => (batcher ? batcher.conversationsUpdated(payload) : store.dispatch(conversationsUpdated(payload)))),
    api.on(
      'conversations.removed',
      inOrder((payload) => {
        store.dispatch(conversationsRemoved(payload));
        for (const id of payload.ids) store.dispatch(conversationMessagesDropped(id));
      }),
    ),
    api.on(
      'messages.removed',
      inOrder((payload) => {
        store.dispatch(messagesRemoved(payload));
        store.dispatch(conversationMessagesRemoved(payload));
      }),
    ),
    api.on('messages.added', (payload) => (batcher ? batcher.messagesAdded(payload) : store.dispatch(messagesAdded(payload)))),
    api.on('messages.updated', (payload) => (batcher ? batcher.messagesUpdated(payload) : store.dispatch(messagesUpdated(payload)))),
    api.on('account.changed', inOrder((payload) => store.dispatch(accountChanged(payload)))),
    api.on('network.status', (payload) => store.dispatch(networkStatusChanged(payload))),
    api.on('password.changed', (payload) => {
      const wasLocked = store.getState().password.status?.locked === true;
      store.dispatch(passwordChanged(payload));
      // Unlocked (here or in another window): everything the lock screen did not load.
      if (wasLocked && !payload.locked) {
        void store.dispatch(fetchSettings());
        loadProfile();
      }
    }),
    api.onReconnect(() => {
      batcher?.flush();
      loadAll();
    }),
    // --- conversation features: typing ---
    subscribeTyping(api, store.dispatch),
    () => batcher?.dispose(),
  ];
  if (!options.skipInitialLoad) loadAll();
  return Object.assign(store, {
    dispose: () => {
      for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
    },
  });
}
