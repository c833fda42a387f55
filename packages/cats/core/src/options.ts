import type { RingNode } from '@kompics/ring';

/**
 * `consistent`: ABD over consistent quorums of Paxos-agreed views (linearizable).
 * `eventual`: the deliberately broken baseline — plain majorities of the replica group each
 * coordinator computes from its own ring beliefs, replies counted regardless of view, no
 * reconfiguration and no data transfer. It exists to prove the test suite can fail.
 */
export type ConsistencyMode = 'consistent' | 'eventual';

/** Settings of a {@link CatsDataLayer}. Times in milliseconds. */
export interface CatsOptions {
  /** This node on the ring. */
  readonly self: RingNode;
  /** Default `consistent`. */
  readonly mode?: ConsistencyMode;
  /** Replicas per key range. Default 3. */
  readonly replicationDegree?: number;
  /** How many equal key ranges the ring is cut into (each has its own group). Default 16. */
  readonly slices?: number;
  /**
   * The initial members of the system, known to all of them: each one installs view 1 of every
   * range with the replica group of the range's end among them, empty and ready. Nodes not
   * listed start with no view and join through reconfiguration.
   */
  readonly genesis?: readonly RingNode[];
  /** How long an operation may take before it fails with `timeout`. Default 4000. */
  readonly operationTimeoutMs?: number;
  /** How often unanswered requests are sent again. Default 250. */
  readonly retryMs?: number;
  /** How often views are gossiped to ring neighbours and groups checked against the ring. Default 500. */
  readonly maintenanceMs?: number;
  /** Entries per range-transfer chunk. Default 64. */
  readonly syncChunk?: number;
  /**
   * How long after a node finds itself removed from a range's newest view (and a majority of
   * that view serves it) it deletes its copy of the range. Default 5000.
   */
  readonly gcDelayMs?: number;
}

/** Options with defaults applied, validated. */
export interface ResolvedCatsOptions {
  readonly self: RingNode;
  readonly mode: ConsistencyMode;
  readonly replicationDegree: number;
  readonly slices: number;
  readonly genesis: readonly RingNode[];
  readonly operationTimeoutMs: number;
  readonly retryMs: number;
  readonly maintenanceMs: number;
  readonly syncChunk: number;
  readonly gcDelayMs: number;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

export function resolveCatsOptions(options: CatsOptions): ResolvedCatsOptions {
  if (options?.self === undefined) throw new TypeError('CatsDataLayer needs its own ring node (self)');
  const mode = options.mode ?? 'consistent';
  if (mode !== 'consistent' && mode !== 'eventual')
    throw new RangeError(`mode must be 'consistent' or 'eventual', got ${String(mode)}`);
  return {
    self: options.self,
    mode,
    replicationDegree: positiveInt('replicationDegree', options.replicationDegree, 3),
    slices: positiveInt('slices', options.slices, 16),
    genesis: options.genesis ?? [],
    operationTimeoutMs: positiveInt('operationTimeoutMs', options.operationTimeoutMs, 4000),
    retryMs: positiveInt('retryMs', options.retryMs, 250),
    maintenanceMs: positiveInt('maintenanceMs', options.maintenanceMs, 500),
    syncChunk: positiveInt('syncChunk', options.syncChunk, 64),
    gcDelayMs: positiveInt('gcDelayMs', options.gcDelayMs, 5000),
  };
}
