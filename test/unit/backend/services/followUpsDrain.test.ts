// The quit-time wait for queued follow-ups (issue 14, shutdown completeness): bounded, with progress, and
// ending as soon as the last one is stored or has failed. A source stands in for the outbox and the config
// push queue; the tracker is the real one.
import { createFollowUps, drainFollowUps, type FollowUpFailure, type FollowUpSource } from '../../../../ts/backend/services/followUps';

function source(name: string, pending: number) {
  const state = { pending, failed: [] as FollowUpFailure[] };
  const s: FollowUpSource = {
    name,
    mark: () => 0,
    status: () => ({ pending: state.pending, pendingEarlier: state.pending, failed: state.failed }),
    retryFailed: () => 0,
  };
  return { s, state };
}

describe('drainFollowUps', () => {
  it('returns at once when nothing is queued, without reporting progress', async () => {
    const f = createFollowUps();
    f.register(source('outbox', 0).s);
    const progress = jest.fn();
    await expect(drainFollowUps(f, { timeoutMs: 10_000, onProgress: progress })).resolves.toMatchObject({ settled: true, pending: 0 });
    expect(progress).not.toHaveBeenCalled();
  });

  it('announces the wait at once, reports progress, and ends as soon as the last store is done', async () => {
    const f = createFollowUps();
    const outbox = source('outbox', 2);
    const config = source('config', 1);
    f.register(outbox.s);
    f.register(config.s);
    const seen: number[] = [];
    const drained = drainFollowUps(f, { timeoutMs: 10_000, progressEveryMs: 20, onProgress: (pending) => seen.push(pending) });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([3]);
    outbox.state.pending = 0;
    f.changed();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.at(-1)).toBe(1);
    // The config push fails after its retries: done waiting, and the failure is in the report.
    config.state.pending = 0;
    config.state.failed = [{ source: 'config', kind: 'config-push', id: '1', destination: '05', attempts: 3, error: 'x', earlier: true }];
    const started = Date.now();
    f.changed();
    const report = await drained;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report).toMatchObject({ settled: true, pending: 0, failed: [{ kind: 'config-push' }] });
  });

  it('gives up at the deadline with what is still pending', async () => {
    const f = createFollowUps();
    f.register(source('outbox', 4).s);
    let t = 0;
    const seen: Array<[number, number]> = [];
    // A clock that moves 300 ms per look: the 1 s deadline passes after a few steps whatever the machine's speed.
    const report = await drainFollowUps(f, { timeoutMs: 1_000, progressEveryMs: 1, now: () => (t += 300), onProgress: (p, ms) => seen.push([p, ms]) });
    expect(report).toMatchObject({ settled: false, pending: 4 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([p]) => p === 4)).toBe(true);
  });

  it('does not wait when nothing can be delivered (network offline or not started), and stops waiting when it goes', async () => {
    const f = createFollowUps();
    f.register(source('outbox', 2).s);
    const progress = jest.fn();
    const started = Date.now();
    const offline = await drainFollowUps(f, { timeoutMs: 10_000, progressEveryMs: 5, canDeliver: () => false, onProgress: progress });
    expect(offline).toMatchObject({ settled: false, pending: 2 });
    expect(progress).not.toHaveBeenCalled();
    expect(Date.now() - started).toBeLessThan(5_000);
    // Online at first, then the network drops: the wait ends at the next look.
    let online = 3;
    const seen: number[] = [];
    const dropped = await drainFollowUps(f, { timeoutMs: 10_000, progressEveryMs: 5, canDeliver: () => online-- > 0, onProgress: (p) => seen.push(p) });
    expect(dropped).toMatchObject({ settled: false, pending: 2 });
    expect(seen).toEqual([2, 2, 2]);
  });
});
