// Clock offset from `t` (spec §7: last 10 samples, floored mean, t must be after 2020-12-31) and back-off bounds.
import { backoffDelay, withRetries } from '../../../ts/network/backoff';
import { NetworkError } from '../../../ts/network/errors';
import { MIN_VALID_NETWORK_T, NetworkClock } from '../../../ts/network/networkClock';
import { ManualClock } from './fakes';

describe('NetworkClock', () => {
  it('is 0 offset before any sample', () => {
    const c = new NetworkClock(() => 1_700_000_000_000);
    expect(c.offsetMs).toBe(0);
    expect(c.now()).toBe(1_700_000_000_000);
  });

  it('uses local − t, floored mean', () => {
    let local = 1_700_000_000_000;
    const c = new NetworkClock(() => local);
    c.addSample(local - 1000); // we are 1000 ms ahead
    local += 10;
    c.addSample(local - 1001);
    expect(c.offsetMs).toBe(1000); // floor(2001 / 2)
    expect(c.now()).toBe(local - 1000);
    c.addSample(local + 3); // now behind
    expect(c.offsetMs).toBe(Math.floor((1000 + 1001 - 3) / 3));
  });

  it('keeps only the last 10 samples', () => {
    const local = 1_700_000_000_000;
    const c = new NetworkClock(() => local);
    for (let i = 0; i < 10; i++) c.addSample(local - 100_000);
    for (let i = 0; i < 10; i++) c.addSample(local - 500);
    expect(c.offsetMs).toBe(500);
    expect(c.sampleCount).toBe(10);
  });

  it('ignores missing, non-numeric and pre-2021 values of t', () => {
    const c = new NetworkClock(() => 1_700_000_000_000);
    expect(c.addSample(undefined)).toBe(false);
    expect(c.addSample('1700000000000')).toBe(false);
    expect(c.addSample(MIN_VALID_NETWORK_T)).toBe(false);
    expect(c.addSample(0)).toBe(false);
    expect(c.addSample(MIN_VALID_NETWORK_T + 1)).toBe(true);
  });
});

describe('back-off', () => {
  it('doubles from the minimum and never exceeds the maximum', () => {
    const o = { minDelayMs: 100, maxDelayMs: 2000 };
    expect([1, 2, 3, 4, 5, 6, 10, 100].map((a) => backoffDelay(a, o))).toEqual([100, 200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  it('retries retryable errors up to the attempt limit, sleeping through the injected clock', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const err = await withRetries(clock, { attempts: 3, minDelayMs: 100, maxDelayMs: 1000 }, async () => {
      calls++;
      throw new NetworkError('timeout');
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'timeout' });
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('does not retry a final error and returns the first success', async () => {
    const clock = new ManualClock();
    let calls = 0;
    await expect(
      withRetries(clock, { attempts: 5, minDelayMs: 1, maxDelayMs: 1 }, async () => {
        calls++;
        throw new NetworkError('clock-skew');
      }),
    ).rejects.toMatchObject({ kind: 'clock-skew' });
    expect(calls).toBe(1);
    let n = 0;
    await expect(
      withRetries(clock, { attempts: 5, minDelayMs: 1, maxDelayMs: 1 }, async () => {
        if (++n < 3) throw new NetworkError('path-failed');
        return 'ok';
      }),
    ).resolves.toBe('ok');
  });
});
