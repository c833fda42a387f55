import { constant, type Distribution } from './distribution.js';
import type { Operation } from './operation.js';

/** One distribution per operation parameter. */
export type ParamDistributions<P extends readonly unknown[]> = {
  readonly [K in keyof P]: Distribution<P[K]>;
};

/** What a process does: how many operations, how far apart, with which parameters. */
export interface ProcessSpec<P extends readonly unknown[]> {
  readonly operation: Operation<P>;
  /** How many operations the process issues. */
  readonly count: number;
  /** Time between consecutive operations (ms). Default `constant(0)`. */
  readonly interArrival?: Distribution<number>;
  /** A distribution per parameter of the operation. May be left out for an operation without parameters. */
  readonly params?: ParamDistributions<P>;
}

/** @internal When a process starts. */
export type StartRule =
  | { readonly kind: 'at'; readonly time: number }
  | { readonly kind: 'after-start'; readonly of: StochasticProcess; readonly delay: number }
  | { readonly kind: 'after-termination'; readonly of: StochasticProcess; readonly delay: number };

/** @internal When a process is cut short. */
export type EndRule =
  | { readonly kind: 'at'; readonly time: number }
  | { readonly kind: 'after-termination'; readonly of: StochasticProcess; readonly delay: number };

/**
 * A stochastic process of a scenario: from its start it issues `count` operations separated by
 * inter-arrival times, each with freshly drawn parameters. The first operation is issued at
 * the start time; the process terminates when its last operation has been issued, or earlier
 * by a termination rule. Compose processes with the `start…` and `terminate…` methods.
 */
export class StochasticProcess<P extends readonly unknown[] = readonly unknown[]> {
  /** @internal */
  startRule: StartRule = { kind: 'at', time: 0 };
  /** @internal */
  endRule: EndRule | undefined;
  readonly interArrival: Distribution<number>;
  readonly params: ParamDistributions<P>;

  /** @internal */
  constructor(
    readonly name: string,
    readonly spec: ProcessSpec<P>,
  ) {
    if (!Number.isInteger(spec.count) || spec.count < 0) {
      throw new RangeError(`process ${name}: count must be an integer >= 0, got ${spec.count}`);
    }
    this.interArrival = spec.interArrival ?? constant(0);
    this.params = spec.params ?? ([] as unknown as ParamDistributions<P>);
  }

  /** Starts at virtual time `time` (the default is 0). */
  startAt(time: number): this {
    this.startRule = { kind: 'at', time: checkTime(time) };
    return this;
  }

  /** Starts `delay` ms after `other` starts. */
  startAfterStartOf(other: StochasticProcess, delay = 0): this {
    this.startRule = { kind: 'after-start', of: other, delay: checkTime(delay) };
    return this;
  }

  /** Starts together with `other`. */
  startWith(other: StochasticProcess): this {
    return this.startAfterStartOf(other, 0);
  }

  /** Starts `delay` ms after `other` terminates. */
  startAfterTerminationOf(other: StochasticProcess, delay = 0): this {
    this.startRule = { kind: 'after-termination', of: other, delay: checkTime(delay) };
    return this;
  }

  /** Terminates at virtual time `time` at the latest, issuing no operation from then on. */
  terminateAt(time: number): this {
    this.endRule = { kind: 'at', time: checkTime(time) };
    return this;
  }

  /** Terminates `delay` ms after `other` terminates, at the latest. */
  terminateAfterTerminationOf(other: StochasticProcess, delay = 0): this {
    this.endRule = { kind: 'after-termination', of: other, delay: checkTime(delay) };
    return this;
  }
}

function checkTime(time: number): number {
  if (!(time >= 0) || !Number.isFinite(time))
    throw new RangeError(`time must be a finite number >= 0, got ${time}`);
  return time;
}
