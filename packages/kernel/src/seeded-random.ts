import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { RandomSource } from './context.js';

/**
 * A {@link RandomSource} over pure-rand's xoroshiro128+ (a maintained, well-tested PRNG):
 * the same seed gives the same sequence on every machine.
 */
export class SeededRandom implements RandomSource {
  readonly #rng: RandomGenerator;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.#rng = xoroshiro128plus(seed | 0);
  }

  nextFloat(): number {
    return uniformFloat64(this.#rng);
  }

  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0)
      throw new RangeError(`bound must be a positive integer, got ${bound}`);
    return uniformInt(this.#rng, 0, bound - 1);
  }

  fork(): RandomSource {
    return new SeededRandom(uniformInt(this.#rng, -0x80000000, 0x7fffffff));
  }
}
