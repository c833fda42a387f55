import type { RandomSource } from '@kompics/kernel';

/** Picks record numbers in `[0, count)`. */
export interface KeyChooser {
  readonly count: number;
  next(random: RandomSource): number;
}

/** Every record equally likely. */
export class UniformKeys implements KeyChooser {
  constructor(readonly count: number) {
    checkCount(count);
  }
  next(random: RandomSource): number {
    return random.nextInt(this.count);
  }
}

/** The zipfian constant YCSB uses. */
export const YCSB_ZIPFIAN_THETA = 0.99;

/**
 * Zipfian record popularity as in YCSB (Gray et al., "Quickly generating billion-record
 * synthetic databases"): rank `r` (0 = most popular) has probability ∝ 1/(r+1)^θ. Ranks are
 * scrambled over the records by a hash, as YCSB's `ScrambledZipfianGenerator` does, so the hot
 * records are spread over the key space (and over the ring) instead of being neighbours.
 */
export class ZipfianKeys implements KeyChooser {
  readonly #theta: number;
  readonly #alpha: number;
  readonly #zetaN: number;
  readonly #eta: number;
  readonly #scramble: boolean;

  constructor(
    readonly count: number,
    options: { readonly theta?: number; readonly scramble?: boolean } = {},
  ) {
    checkCount(count);
    const theta = options.theta ?? YCSB_ZIPFIAN_THETA;
    if (!(theta > 0 && theta < 1)) throw new RangeError(`zipfian theta must be in (0, 1), got ${theta}`);
    this.#theta = theta;
    this.#scramble = options.scramble ?? true;
    this.#alpha = 1 / (1 - theta);
    this.#zetaN = zeta(count, theta);
    const zeta2 = zeta(2, theta);
    this.#eta = (1 - (2 / count) ** (1 - theta)) / (1 - zeta2 / this.#zetaN);
  }

  /** The probability of rank `r` (0-based), for tests and reports. */
  probabilityOfRank(r: number): number {
    return 1 / (r + 1) ** this.#theta / this.#zetaN;
  }

  /** The record holding rank `r`. */
  recordOfRank(r: number): number {
    return this.#scramble ? mix32(r) % this.count : r;
  }

  next(random: RandomSource): number {
    return this.recordOfRank(this.nextRank(random));
  }

  /** A rank drawn from the distribution (0 = most popular). */
  nextRank(random: RandomSource): number {
    const u = random.nextFloat();
    const uz = u * this.#zetaN;
    if (uz < 1) return 0;
    if (uz < 1 + 0.5 ** this.#theta) return 1;
    const rank = Math.floor(this.count * (this.#eta * u - this.#eta + 1) ** this.#alpha);
    return Math.min(rank, this.count - 1);
  }
}

function zeta(n: number, theta: number): number {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += 1 / i ** theta;
  return sum;
}

/** A 32-bit integer hash (murmur3's finalizer), unsigned. */
function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`record count must be a positive integer, got ${count}`);
}
