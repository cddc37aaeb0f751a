// Batched backend events: a burst of messages.added / messages.updated / conversations.updated changes
// the store once, at the next frame, with the same end state as applying them one by one; other events
// first apply what is waiting, so a removal is never overtaken by an older update.
import type { MessageView } from '../../../ts/ipc/contract';
import { selectInboxConversations } from '../../../ts/renderer/state/conversations';
import { animationFrameScheduler, type FrameScheduler } from '../../../ts/renderer/state/eventBatcher';
import { createStore } from '../../../ts/renderer/state/store';
import { conversation, FakeApi } from './fakeApi';

const A = '05' + 'a'.repeat(64);
const B = '05' + 'b'.repeat(64);

function message(id: string, conversationId: string, timestamp: number, over: Partial<MessageView> = {}): MessageView {
  return { id, conversationId, sender: conversationId, direction: 'incoming', text: `text ${id}`, timestamp, receivedAt: timestamp, status: 'received', ...over };
}

/** A scheduler the test runs by hand: `frame()` runs what was scheduled. */
function manualFrames(): { schedule: FrameScheduler; frame(): void; pending(): number } {
  let queue: (() => void)[] = [];
  return {
    schedule(fn) {
      queue.push(fn);
      return () => {
        queue = queue.filter((f) => f !== fn);
      };
    },
    frame() {
      const q = queue;
      queue = [];
      for (const f of q) f();
    },
    pending: () => queue.length,
  };
}

async function loaded(api: FakeApi, frames: ReturnType<typeof manualFrames>) {
  const store = createStore(api, { batchEvents: frames.schedule });
  await new Promise((r) => setTimeout(r, 0));
  return store;
}

describe('batched backend events', () => {
  it('applies a burst once, at the next frame, with the end state of applying each event', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1 }), conversation(B, { updatedAt: 2 })];
    const frames = manualFrames();
    const store = await loaded(api, frames);
    let changes = 0;
    const unsubscribe = store.subscribe(() => changes++);
    for (let i = 1; i <= 20; i++) {
      const id = i % 2 ? A : B;
      api.emit('messages.added', { messages: [message(`m${i}`, id, 10 + i)] });
      api.emit('conversations.updated', { conversations: [conversation(id, { updatedAt: 10 + i, unreadCount: Math.ceil(i / 2), lastMessage: message(`m${i}`, id, 10 + i) })] });
    }
    expect(changes).toBe(0);
    expect(frames.pending()).toBe(1);
    frames.frame();
    unsubscribe();
    // One messages.added (all twenty, merged) and one conversations.updated (the newest summary of each).
    expect(changes).toBe(2);
    expect(selectInboxConversations(store.getState()).map((c) => [c.id, c.unreadCount, c.lastMessage?.id])).toEqual([
      [B, 10, 'm20'],
      [A, 10, 'm19'],
    ]);
    // Conversations that are not open keep only their newest row.
    expect(store.getState().messages.byConversation[A]?.map((m) => m.id)).toEqual(['m19']);
    expect(frames.pending()).toBe(0);
  });

  it('asks for a light flush for summaries alone, and again as a full one when messages follow before it ran', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1 })];
    const asked: boolean[] = [];
    const frames = manualFrames();
    const store = await loaded(api, {
      ...frames,
      schedule: (fn, opts) => {
        asked.push(opts?.light === true);
        return frames.schedule(fn);
      },
    });
    api.emit('conversations.updated', { conversations: [conversation(A, { updatedAt: 2 })] });
    api.emit('conversations.updated', { conversations: [conversation(A, { updatedAt: 3 })] });
    expect(asked).toEqual([true]);
    api.emit('messages.added', { messages: [message('m1', A, 4)] });
    api.emit('conversations.updated', { conversations: [conversation(A, { updatedAt: 4 })] });
    expect(asked).toEqual([true, false]);
    expect(frames.pending()).toBe(1);
    frames.frame();
    expect(store.getState().conversations.byId[A]?.updatedAt).toBe(4);
    expect(store.getState().messages.byConversation[A]?.map((m) => m.id)).toEqual(['m1']);
  });

  it('keeps message events in order: an update after its add wins', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1 })];
    const frames = manualFrames();
    const store = await loaded(api, frames);
    api.emit('messages.added', { messages: [message('m1', A, 5)] });
    api.emit('messages.updated', { messages: [message('m1', A, 5, { text: 'edited' })] });
    api.emit('messages.added', { messages: [message('m0', A, 4)] });
    frames.frame();
    expect(store.getState().messages.byConversation[A]?.map((m) => [m.id, m.text])).toEqual([['m1', 'edited']]);
  });

  it('applies what is waiting before a removal, so an older update does not bring a removed conversation back', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1 }), conversation(B, { updatedAt: 2 })];
    const frames = manualFrames();
    const store = await loaded(api, frames);
    api.emit('conversations.updated', { conversations: [conversation(A, { updatedAt: 3, unreadCount: 1 })] });
    api.emit('conversations.removed', { ids: [A] });
    expect(store.getState().conversations.byId[A]).toBeUndefined();
    frames.frame();
    expect(store.getState().conversations.byId[A]).toBeUndefined();
    expect(Object.keys(store.getState().conversations.byId)).toEqual([B]);
  });

  it('without a scheduler applies every event at once', async () => {
    const api = new FakeApi();
    api.conversations = [conversation(A, { updatedAt: 1 })];
    const store = createStore(api);
    await new Promise((r) => setTimeout(r, 0));
    api.emit('conversations.updated', { conversations: [conversation(A, { updatedAt: 3, unreadCount: 4 })] });
    expect(store.getState().conversations.byId[A]?.unreadCount).toBe(4);
  });

  it('the browser scheduler runs once, at the frame or after the fallback when no frame comes', () => {
    jest.useFakeTimers();
    try {
      const frames: (() => void)[] = [];
      const win = {
        requestAnimationFrame: (fn: FrameRequestCallback) => frames.push(() => fn(0)),
        cancelAnimationFrame: () => undefined,
        setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
        clearTimeout: (h: number) => clearTimeout(h),
      } as unknown as Window;
      const schedule = animationFrameScheduler(win, 100);
      let runs = 0;
      schedule(() => runs++);
      frames.shift()?.();
      jest.advanceTimersByTime(200);
      expect(runs).toBe(1);
      // A hidden page gets no frames: the fallback runs it.
      schedule(() => runs++);
      jest.advanceTimersByTime(100);
      expect(runs).toBe(2);
      frames.shift()?.();
      expect(runs).toBe(2);
      // Cancelled: never.
      const cancel = schedule(() => runs++);
      cancel();
      frames.shift()?.();
      jest.advanceTimersByTime(200);
      expect(runs).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('during a burst the browser scheduler runs at most once per gap; a lone event still runs at the next frame', () => {
    jest.useFakeTimers();
    try {
      let clock = 0;
      const frames: (() => void)[] = [];
      const win = {
        requestAnimationFrame: (fn: FrameRequestCallback) => frames.push(() => fn(0)),
        cancelAnimationFrame: () => undefined,
        setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
        clearTimeout: (h: number) => clearTimeout(h),
      } as unknown as Window;
      const advance = (ms: number) => {
        clock += ms;
        jest.advanceTimersByTime(ms);
      };
      const schedule = animationFrameScheduler(win, 100, 200, () => clock);
      let runs = 0;
      schedule(() => runs++);
      expect(frames).toHaveLength(1);
      frames.shift()?.();
      expect(runs).toBe(1);
      // Asked again 10 ms later: no frame is asked for before the gap has passed.
      advance(10);
      schedule(() => runs++);
      expect(frames).toHaveLength(0);
      advance(150);
      expect(runs).toBe(1);
      advance(40);
      expect(frames).toHaveLength(1);
      frames.shift()?.();
      expect(runs).toBe(2);
      // Long after: at the next frame again.
      advance(1_000);
      schedule(() => runs++);
      expect(frames).toHaveLength(1);
      frames.shift()?.();
      expect(runs).toBe(3);
      // A light run (summaries only) neither waits for the gap nor starts one.
      advance(10);
      schedule(() => runs++, { light: true });
      expect(frames).toHaveLength(1);
      frames.shift()?.();
      expect(runs).toBe(4);
      // The next full run still waits for the gap after the last full run (not after the light one)...
      advance(10);
      schedule(() => runs++);
      expect(frames).toHaveLength(0);
      advance(180);
      expect(frames).toHaveLength(1);
      frames.shift()?.();
      expect(runs).toBe(5);
      // ...and after a quiet gap, a light run followed by a full one (the join's summary, then the room's
      // first page) has both at their next frames.
      advance(1_000);
      schedule(() => runs++, { light: true });
      frames.shift()?.();
      advance(10);
      schedule(() => runs++);
      expect(frames).toHaveLength(1);
      frames.shift()?.();
      expect(runs).toBe(7);
    } finally {
      jest.useRealTimers();
    }
  });
});
