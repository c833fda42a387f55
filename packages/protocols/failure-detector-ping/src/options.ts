import type { Address } from '@kompics/network';

/** Settings of a {@link PingFailureDetector}. Times in milliseconds. */
export interface PingFailureDetectorOptions {
  /** This node's address: pings go out from it, pongs come back to it. */
  readonly self: Address;
  /** How often each monitored node is pinged. Default 1000. */
  readonly pingIntervalMs?: number;
  /** The least time to wait for an answer beyond the ping interval. Default 1000. */
  readonly minTimeoutMs?: number;
  /** Added to a node's timeout each time a suspicion of it proves false. Default 1000. */
  readonly timeoutIncrementMs?: number;
}

/** Options with defaults applied, validated. */
export interface ResolvedOptions {
  readonly self: Address;
  readonly pingIntervalMs: number;
  readonly minTimeoutMs: number;
  readonly timeoutIncrementMs: number;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0)
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${v}`);
  return v;
}

export function resolveOptions(options: PingFailureDetectorOptions): ResolvedOptions {
  if (options?.self === undefined) throw new TypeError('PingFailureDetector needs its own address (self)');
  return {
    self: options.self,
    pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs, 1000),
    minTimeoutMs: positive('minTimeoutMs', options.minTimeoutMs, 1000),
    timeoutIncrementMs: positive('timeoutIncrementMs', options.timeoutIncrementMs, 1000),
  };
}
