// Randomness is a parameter of every protocol function; this is the production source hosts pass in.
import { randomBytes } from 'node:crypto';

/** A source of `length` random bytes (tests pass a deterministic one). */
export type RandomSource = (length: number) => Uint8Array;

/** Cryptographically secure random bytes from the OS. */
export const secureRandom: RandomSource = (length) => new Uint8Array(randomBytes(length));
