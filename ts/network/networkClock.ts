// Network time (spec §7): the offset between our clock and the service nodes', learned from the
// `t` field of responses (last 10 samples, floored average). Signatures and stores use now() - offset.

/** Responses carrying a `t` at or below this (≈ 2020-12-31) are ignored as bogus. */
export const MIN_VALID_NETWORK_T = 1_609_419_600_000;
const WINDOW = 10;

export class NetworkClock {
  private readonly samples: number[] = [];

  constructor(private readonly localNow: () => number) {}

  /** Records a node's `t` seen now; ignores missing or implausible values. Returns whether it was used. */
  addSample(t: unknown, localNow = this.localNow()): boolean {
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= MIN_VALID_NETWORK_T) return false;
    this.samples.push(localNow - t);
    if (this.samples.length > WINDOW) this.samples.shift();
    return true;
  }

  /** local − network, in ms: floor of the mean of the last 10 samples (0 before any sample). */
  get offsetMs(): number {
    if (this.samples.length === 0) return 0;
    return Math.floor(this.samples.reduce((a, b) => a + b, 0) / this.samples.length);
  }

  /** Forgets all samples (after a clock-skew error, so a fresh `t` decides alone). */
  reset(): void {
    this.samples.length = 0;
  }

  /** Network time in ms. */
  now(): number {
    return this.localNow() - this.offsetMs;
  }

  get sampleCount(): number {
    return this.samples.length;
  }
}
