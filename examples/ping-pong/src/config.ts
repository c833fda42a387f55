import { configKey } from '@kompics/kernel';

/** Parses a whole number of at least `min`, or throws saying what was wrong. */
export function wholeNumber(raw: unknown, min: number): number {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < min) {
    throw new RangeError(`expected a whole number >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** How many Ping/Pong rounds the pinger plays. */
export const ROUNDS = configKey<number>('pingPong.rounds', {
  parse: (raw) => wholeNumber(raw, 1),
  default: 10,
});

/**
 * The round whose first Ping poisons the ponger: its handler throws on it. `null` (the default)
 * injects no failure. A resent Ping of that round (attempt 2 and on) is answered normally, as a
 * transient fault that a restart clears.
 */
export const FAIL_AT = configKey<number | null>('pingPong.failAt', {
  parse: (raw) => (raw === null ? null : wholeNumber(raw, 1)),
  default: null,
});
