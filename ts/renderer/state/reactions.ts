// Reactions in the state layer: adding or removing our reaction through `messages.react` (spec
// messaging §6.4), its answer merged into the loaded messages at once. The official client-side rate
// limit holds: more than 20 reactions within a minute are refused with the official toast, before any
// call. Other failures (a message gone, the backend refusing) are shown as a toast too.
import type { MessageView, SessionApi } from '../../ipc/contract';
import { t } from '../locales/i18n';
import { messagesUpdated } from './messages';
import { errorMessage, type ThunkExtra } from './thunk';
import { showToast } from './ui';

/** The official limit (spec/ui.md §4.4): at most this many reactions per RATE_WINDOW_MS. */
export const MAX_REACTIONS_PER_WINDOW = 20;
export const RATE_WINDOW_MS = 60_000;

type ReactThunk<R> = (dispatch: (action: { type: string }) => unknown, getState: () => unknown, extra: ThunkExtra) => R;

/** When this API's recent reactions were sent (one list per store's API, so two test stores never share one). */
const sentTimes = new WeakMap<SessionApi, number[]>();

/** Whether another reaction at `now` stays within the limit; if so it is counted. */
export function takeReactionSlot(api: SessionApi, now: number): boolean {
  const times = (sentTimes.get(api) ?? []).filter((at) => now - at < RATE_WINDOW_MS && at <= now);
  if (times.length >= MAX_REACTIONS_PER_WINDOW) {
    sentTimes.set(api, times);
    return false;
  }
  times.push(now);
  sentTimes.set(api, times);
  return true;
}

export interface ReactArgs {
  messageId: string;
  emoji: string;
  action: 'add' | 'remove';
  /** When the user reacted (the rate limit's clock). */
  now: number;
}

/** Adds or removes our reaction; resolves with the updated message, or undefined when it was refused (a toast says why). */
export const reactToMessage =
  (args: ReactArgs): ReactThunk<Promise<MessageView | undefined>> =>
  async (dispatch, _getState, { api }) => {
    if (!takeReactionSlot(api, args.now)) {
      dispatch(showToast({ kind: 'warning', message: t('reactRateLimited') }));
      return undefined;
    }
    try {
      const view = await api.call('messages.react', { messageId: args.messageId, emoji: args.emoji, action: args.action });
      dispatch(messagesUpdated({ messages: [view] }));
      return view;
    } catch (err) {
      // The backend keeps the same limit (a second client of the profile, a reload): its refusal is the same toast.
      const limited = !!err && typeof err === 'object' && (err as { code?: unknown }).code === 'conflict';
      dispatch(showToast(limited ? { kind: 'warning', message: t('reactRateLimited') } : { kind: 'error', message: t('reactFailed', { message: errorMessage(err) }) }));
      return undefined;
    }
  };
