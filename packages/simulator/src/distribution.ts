import type { RandomSource } from '@kompics/kernel';

/**
 * A source of values drawn with a seeded {@link RandomSource}: latencies, inter-arrival times,
 * operation parameters. Sampling consumes randomness only from the source it is given, so a
 * run stays a function of its seed.
 */
export interface Distribution<T = number> {
  sample(random: RandomSource): T;
  /** A short human description, e.g. `uniform(10, 20)`, for reports. */
  readonly description: string;
  /**
   * For distributions with state (such as {@link sequence}): a copy with the state reset. A
   * scenario takes a fresh copy for every run, so running it twice gives the same run twice.
   */
  fresh?(): Distribution<T>;
}

function checkFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

/** Always `value`. */
export function constant<T>(value: T): Distribution<T> {
  return { sample: () => value, description: `constant(${String(value)})` };
}

/** A float uniformly distributed in `[min, max)`. */
export function uniform(min: number, max: number): Distribution<number> {
  checkFinite('min', min);
  checkFinite('max', max);
  if (max < min) throw new RangeError(`uniform needs min <= max, got ${min} > ${max}`);
  const width = max - min;
  return { sample: (random) => min + random.nextFloat() * width, description: `uniform(${min}, ${max})` };
}

/** An integer uniformly distributed in `[min, max]` (both inclusive). */
export function uniformInt(min: number, max: number): Distribution<number> {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
    throw new RangeError(`uniformInt needs integers min <= max, got ${min}, ${max}`);
  }
  const bound = max - min + 1;
  return { sample: (random) => min + random.nextInt(bound), description: `uniformInt(${min}, ${max})` };
}

/** Exponentially distributed with the given mean (rate `1 / mean`), shifted by `offset`. */
export function exponential(mean: number, offset = 0): Distribution<number> {
  checkFinite('mean', mean);
  checkFinite('offset', offset);
  if (mean <= 0) throw new RangeError(`exponential needs a positive mean, got ${mean}`);
  return {
    // 1 - u is in (0, 1], so the logarithm is finite.
    sample: (random) => offset - mean * Math.log(1 - random.nextFloat()),
    description: offset === 0 ? `exponential(${mean})` : `exponential(${mean}, +${offset})`,
  };
}

/**
 * Normally distributed (Box–Muller). With `min` given, samples below it are drawn again, so a
 * latency is never negative; keep `min` a few standard deviations below the mean to keep the
 * moments as declared.
 */
export function normal(mean: number, stdDev: number, min = Number.NEGATIVE_INFINITY): Distribution<number> {
  checkFinite('mean', mean);
  checkFinite('stdDev', stdDev);
  if (stdDev < 0) throw new RangeError(`normal needs stdDev >= 0, got ${stdDev}`);
  if (mean < min && stdDev === 0) throw new RangeError('normal: mean is below min and stdDev is 0');
  return {
    sample: (random) => {
      for (;;) {
        const u1 = 1 - random.nextFloat();
        const u2 = random.nextFloat();
        const value = mean + stdDev * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        if (value >= min) return value;
      }
    },
    description: `normal(${mean}, ${stdDev})`,
  };
}

/** `start`, `start + step`, `start + 2·step`, … — one per sample, ignoring randomness. */
export function sequence(start = 0, step = 1): Distribution<number> {
  let next = start;
  return {
    sample: () => {
      const value = next;
      next += step;
      return value;
    },
    description: `sequence(${start}, ${step})`,
    fresh: () => sequence(start, step),
  };
}

/** One of `values`, each equally likely. */
export function pick<T>(values: readonly T[]): Distribution<T> {
  if (values.length === 0) throw new RangeError('pick needs at least one value');
  return {
    sample: (random) => values[random.nextInt(values.length)] as T,
    description: `pick(${values.length})`,
  };
}

/** Values built from other distributions' samples. */
export function mapped<A, T>(
  from: Distribution<A>,
  map: (value: A) => T,
  description?: string,
): Distribution<T> {
  return {
    sample: (random) => map(from.sample(random)),
    description: description ?? `mapped(${from.description})`,
  };
}
