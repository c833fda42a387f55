import type { Address } from '@kompics/network';
import { ringHash } from '@kompics/ring';

/** Settings of a {@link OneHopRouter} component. Times in milliseconds. */
export interface OneHopRouterOptions {
  /** This node's address. */
  readonly self: Address;
  /**
   * The ring id of a node, from its address: how addresses learnt from peer samples become
   * ring nodes. Default `ringHash(address.key)`, the rule `@kompics/ring-chord` uses by default.
   */
  readonly nodeId?: (address: Address) => number;
  /** How often the node compares tables with a random peer (anti-entropy). Default 1000. */
  readonly antiEntropyPeriodMs?: number;
  /** How long a node announced failed or left is remembered, to refuse stale news of it. Default 120000. */
  readonly tombstoneMs?: number;
  /**
   * How long a node heard of only through peer sampling or the ring (no announcement with an
   * incarnation yet) stays in the table unconfirmed. Default 20000.
   */
  readonly unconfirmedTtlMs?: number;
  /** Table neighbours on each side this node watches with the failure detector. Default 1. */
  readonly monitorNeighbours?: number;
  /** Announce as failed a node that drops out of the ring's successor list within its span. Default true. */
  readonly failuresFromRing?: boolean;
}

/** Options with defaults applied, validated. */
export interface ResolvedRouterOptions {
  readonly self: Address;
  readonly nodeId: (address: Address) => number;
  readonly antiEntropyPeriodMs: number;
  readonly tombstoneMs: number;
  readonly unconfirmedTtlMs: number;
  readonly monitorNeighbours: number;
  readonly failuresFromRing: boolean;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0)
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${v}`);
  return v;
}

export function resolveRouterOptions(options: OneHopRouterOptions): ResolvedRouterOptions {
  if (options?.self === undefined) throw new TypeError('OneHopRouter needs its own address (self)');
  const monitor = options.monitorNeighbours ?? 1;
  if (!Number.isInteger(monitor) || monitor < 0)
    throw new RangeError(`monitorNeighbours must be a non-negative integer, got ${monitor}`);
  return {
    self: options.self,
    nodeId: options.nodeId ?? ((address) => ringHash(address.key)),
    antiEntropyPeriodMs: positive('antiEntropyPeriodMs', options.antiEntropyPeriodMs, 1000),
    tombstoneMs: positive('tombstoneMs', options.tombstoneMs, 120_000),
    unconfirmedTtlMs: positive('unconfirmedTtlMs', options.unconfirmedTtlMs, 20_000),
    monitorNeighbours: monitor,
    failuresFromRing: options.failuresFromRing ?? true,
  };
}
