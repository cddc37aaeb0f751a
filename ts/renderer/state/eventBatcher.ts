// Coalesces the backend's high-volume events (messages.added, messages.updated, conversations.updated)
// into one store update per animation frame. A catch-up delivers a poll batch of a few hundred messages
// as two events, many batches a second: applied one by one, each is a reducer pass and a render of the
// list, and the page has no time left to paint. Batched, the page renders once per frame whatever the
// rate. Order is kept where it matters: message events stay in their order (an update after its add),
// a later summary of a conversation replaces an earlier one, and every other event (removals, account,
// reconnect) first applies what is waiting, so nothing overtakes it.
import type { ConversationSummary, EventPayloads, MessageView } from '../../ipc/contract';
import { conversationsUpdated } from './conversations';
import { messagesAdded, messagesUpdated } from './messages';

/**
 * Runs `fn` once, soon (the next frame); returns a cancel function. `light`: a cheap update (conversation
 * summaries only) that neither waits for a burst's gap nor starts one.
 */
export type FrameScheduler = (fn: () => void, opts?: { light?: boolean }) => () => void;

/**
 * The browser's: the next animation frame, or after `fallbackMs` when frames do not come (a hidden
 * page gets none), whichever is first; and never sooner than `minGapMs` after the previous run that was
 * not light. A lone event (a message while chatting, a room's first page after joining) shows at the
 * next frame; a burst (a catch-up: a commit every few ms) updates the page a few times a second instead
 * of every frame, leaving the CPU to the engine that stores the messages (on two cores they compete).
 * Light runs (summaries only) do not count: a summary shortly before a room's first page (the join's
 * own update) must not hold that page back for a whole gap.
 */
export function animationFrameScheduler(
  win: Pick<Window, 'requestAnimationFrame' | 'cancelAnimationFrame' | 'setTimeout' | 'clearTimeout'>,
  fallbackMs = 100,
  minGapMs = 0,
  now: () => number = () => Date.now(),
): FrameScheduler {
  let lastRun = -Infinity;
  return (fn, opts) => {
    const light = opts?.light === true;
    let done = false;
    let frame: number | undefined;
    let timer: ReturnType<Window['setTimeout']> | undefined;
    let gap: ReturnType<Window['setTimeout']> | undefined;
    const clear = () => {
      if (frame !== undefined) win.cancelAnimationFrame(frame);
      if (timer !== undefined) win.clearTimeout(timer);
      if (gap !== undefined) win.clearTimeout(gap);
    };
    const once = () => {
      if (done) return;
      done = true;
      clear();
      if (!light) lastRun = now();
      fn();
    };
    const arm = () => {
      gap = undefined;
      if (done) return;
      frame = win.requestAnimationFrame(once);
      timer = win.setTimeout(once, fallbackMs);
    };
    const wait = light ? 0 : lastRun + minGapMs - now();
    if (wait > 0) gap = win.setTimeout(arm, wait);
    else arm();
    return () => {
      done = true;
      clear();
    };
  };
}

type BatchedAction = ReturnType<typeof messagesAdded> | ReturnType<typeof messagesUpdated> | ReturnType<typeof conversationsUpdated>;

export interface EventBatcher {
  messagesAdded(payload: EventPayloads['messages.added']): void;
  messagesUpdated(payload: EventPayloads['messages.updated']): void;
  conversationsUpdated(payload: EventPayloads['conversations.updated']): void;
  /** Applies what is waiting now (before any other event, and on reconnect). */
  flush(): void;
  /** Drops what is waiting and cancels the scheduled flush. */
  dispose(): void;
}

export function createEventBatcher(dispatch: (action: BatchedAction) => unknown, schedule: FrameScheduler): EventBatcher {
  let messageRuns: { kind: 'added' | 'updated'; messages: MessageView[] }[] = [];
  let summaries = new Map<string, ConversationSummary>();
  let cancel: (() => void) | undefined;
  /** Whether the scheduled flush was asked for as light (summaries only so far). */
  let scheduledLight = false;

  const flush = (): void => {
    cancel?.();
    cancel = undefined;
    const runs = messageRuns;
    const convs = summaries;
    messageRuns = [];
    summaries = new Map();
    // One task: react-redux renders once for all of these.
    for (const r of runs) dispatch(r.kind === 'added' ? messagesAdded({ messages: r.messages }) : messagesUpdated({ messages: r.messages }));
    if (convs.size > 0) dispatch(conversationsUpdated({ conversations: [...convs.values()] }));
  };
  // Messages make a flush heavy (it renders the timeline): one scheduled as light is asked for again as heavy,
  // so a burst of messages still waits for its gap.
  const later = (light: boolean): void => {
    if (cancel && scheduledLight && !light) {
      cancel();
      cancel = undefined;
    }
    if (cancel) return;
    scheduledLight = light;
    cancel = schedule(flush, { light });
  };
  const queueMessages = (kind: 'added' | 'updated', messages: readonly MessageView[]): void => {
    const last = messageRuns[messageRuns.length - 1];
    if (last?.kind === kind) last.messages.push(...messages);
    else messageRuns.push({ kind, messages: [...messages] });
    later(false);
  };
  return {
    messagesAdded: (p) => queueMessages('added', p.messages),
    messagesUpdated: (p) => queueMessages('updated', p.messages),
    conversationsUpdated(p) {
      for (const c of p.conversations) summaries.set(c.id, c);
      later(messageRuns.length === 0);
    },
    flush,
    dispose() {
      cancel?.();
      cancel = undefined;
      messageRuns = [];
      summaries = new Map();
    },
  };
}
