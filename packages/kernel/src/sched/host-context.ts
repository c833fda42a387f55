import { randomInt } from 'node:crypto';
import type { ComponentContext } from '../context.js';
import { CountingIdSource } from '../context.js';
import { SeededRandom } from '../seeded-random.js';

/**
 * The production context: the host's wall clock, randomness seeded from the host's entropy
 * (or from `seed`, to reproduce a run), and ids with a random per-process prefix.
 */
export function hostContext(seed: number = randomInt(0, 2 ** 31)): ComponentContext {
  return {
    clock: { now: () => Date.now() },
    random: new SeededRandom(seed),
    ids: new CountingIdSource(`${seed.toString(36)}-`),
  };
}
