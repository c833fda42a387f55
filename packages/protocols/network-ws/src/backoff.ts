import type { RandomSource } from '@kompics/kernel';

/**
 * Exponential backoff with jitter: the n-th retry waits `initial * 2^n` ms capped at `max`,
 * scaled by a random factor in [0.5, 1) so that peers that lost each other do not retry in step.
 */
export function backoffDelay(attempt: number, initial: number, max: number, random: RandomSource): number {
  const base = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.max(1, Math.round(base * (0.5 + random.nextFloat() * 0.5)));
}
