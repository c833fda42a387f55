import type { Address } from '@kompics/network';

/** Settings of a {@link Cyclon} component. */
export interface CyclonOptions {
  readonly self: Address;
  /** Known nodes to join through. */
  readonly bootstrap: readonly Address[];
  /** Peers kept in the partial view. Default 20. */
  readonly viewSize?: number;
  /** Entries exchanged per shuffle. Default 5. */
  readonly shuffleLength?: number;
  /** Milliseconds between shuffles. Default 1000. */
  readonly shufflePeriodMs?: number;
}

export interface ResolvedCyclonOptions {
  readonly self: Address;
  readonly bootstrap: readonly Address[];
  readonly viewSize: number;
  readonly shuffleLength: number;
  readonly shufflePeriodMs: number;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

export function resolveCyclonOptions(options: CyclonOptions): ResolvedCyclonOptions {
  if (options?.self === undefined) throw new TypeError('Cyclon needs its own address (self)');
  if (!Array.isArray(options.bootstrap)) throw new TypeError('Cyclon needs a list of bootstrap addresses');
  const viewSize = positiveInteger('viewSize', options.viewSize, 20);
  const shuffleLength = positiveInteger('shuffleLength', options.shuffleLength, 5);
  if (shuffleLength > viewSize)
    throw new RangeError(`shuffleLength (${shuffleLength}) exceeds viewSize (${viewSize})`);
  const period = options.shufflePeriodMs ?? 1000;
  if (!Number.isFinite(period) || period <= 0)
    throw new RangeError(`shufflePeriodMs must be positive, got ${period}`);
  return {
    self: options.self,
    bootstrap: options.bootstrap,
    viewSize,
    shuffleLength,
    shufflePeriodMs: period,
  };
}
