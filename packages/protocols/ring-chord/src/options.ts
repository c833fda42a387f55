import type { Address } from '@kompics/network';
import { isRingId, type RingNode, ringHash } from '@kompics/ring';

/** How rings are merged once a node suspected earlier answers again. */
export type UnificationMode = 'simple' | 'gossip' | 'off';

/**
 * Pointers a node starts with instead of joining: for tests only (to build a loopy ring, or any
 * other broken state, on purpose). The node counts as joined from the start.
 */
export interface InitialPointers {
  readonly predecessor?: RingNode;
  readonly successors: readonly RingNode[];
}

/** Settings of a {@link ChordRing}. Times in milliseconds. */
export interface ChordRingOptions {
  /** This node's address. */
  readonly self: Address;
  /** This node's ring identifier. Default `ringHash(self.key)`. */
  readonly id?: number;
  /** Successors kept, the first being the successor. Default 8. */
  readonly successorListLength?: number;
  /** How many of the successors (from the first) the failure detector watches. Default all. */
  readonly monitoredSuccessors?: number;
  /** Period of stabilization (and of one finger refresh). Default 1000. */
  readonly stabilizePeriodMs?: number;
  /** A join not answered within this time is tried again through the next bootstrap node. Default 3000. */
  readonly joinRetryMs?: number;
  /** Ring unification: `'gossip'` (default), `'simple'` (linear), or `'off'`. */
  readonly unification?: UnificationMode;
  /** Period γ at which suspected nodes are probed. Default 2000. */
  readonly unificationPeriodMs?: number;
  /** Suspected nodes remembered for probing (the oldest go first). Default 16. */
  readonly suspectedListSize?: number;
  /** A suspected node not heard from for this long is forgotten. Default 600000 (10 minutes). */
  readonly suspectedTtlMs?: number;
  /** Gossip variant: nodes each merging node starts a merge at. Default 3. */
  readonly gossipFanout?: number;
  /** Gossip variant: least time between two gossip rounds of one node. Default 10000. */
  readonly gossipCooldownMs?: number;
  /** Every this many stabilization rounds, look up the node's own id to detect a loopy ring. Default 5. */
  readonly loopCheckRounds?: number;
  /** Test only: start joined, with these pointers. */
  readonly initial?: InitialPointers;
}

/** Options with defaults applied, validated. */
export interface ResolvedChordOptions {
  readonly self: Address;
  readonly id: number;
  readonly successorListLength: number;
  readonly monitoredSuccessors: number;
  readonly stabilizePeriodMs: number;
  readonly joinRetryMs: number;
  readonly unification: UnificationMode;
  readonly unificationPeriodMs: number;
  readonly suspectedListSize: number;
  readonly suspectedTtlMs: number;
  readonly gossipFanout: number;
  readonly gossipCooldownMs: number;
  readonly loopCheckRounds: number;
  readonly initial: InitialPointers | undefined;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number, got ${v}`);
  return v;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

/** Applies defaults and validates; throws a TypeError or RangeError naming the bad option. */
export function resolveChordOptions(options: ChordRingOptions): ResolvedChordOptions {
  if (options?.self === undefined) throw new TypeError('ChordRing needs its own address (self)');
  const id = options.id ?? ringHash(options.self.key);
  if (!isRingId(id)) throw new RangeError(`id must be an integer in [0, 2^32), got ${String(id)}`);
  const successorListLength = positiveInteger('successorListLength', options.successorListLength, 8);
  const monitoredSuccessors = positiveInteger(
    'monitoredSuccessors',
    options.monitoredSuccessors,
    successorListLength,
  );
  const unification = options.unification ?? 'gossip';
  if (unification !== 'simple' && unification !== 'gossip' && unification !== 'off')
    throw new RangeError(`unification must be 'simple', 'gossip' or 'off', got ${String(unification)}`);
  return {
    self: options.self,
    id,
    successorListLength,
    monitoredSuccessors: Math.min(monitoredSuccessors, successorListLength),
    stabilizePeriodMs: positive('stabilizePeriodMs', options.stabilizePeriodMs, 1000),
    joinRetryMs: positive('joinRetryMs', options.joinRetryMs, 3000),
    unification,
    unificationPeriodMs: positive('unificationPeriodMs', options.unificationPeriodMs, 2000),
    suspectedListSize: positiveInteger('suspectedListSize', options.suspectedListSize, 16),
    suspectedTtlMs: positive('suspectedTtlMs', options.suspectedTtlMs, 600_000),
    gossipFanout: positiveInteger('gossipFanout', options.gossipFanout, 3),
    gossipCooldownMs: positive('gossipCooldownMs', options.gossipCooldownMs, 10_000),
    loopCheckRounds: positiveInteger('loopCheckRounds', options.loopCheckRounds, 5),
    initial: options.initial,
  };
}
