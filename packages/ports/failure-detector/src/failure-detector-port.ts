import { definePort } from '@kompics/kernel';
import type { Address } from '@kompics/network';

/**
 * Starts monitoring `node` for `requester`. Several requesters may monitor one node; each
 * one's monitoring lasts until its own {@link StopMonitoring}.
 */
export class StartMonitoring {
  declare private readonly kind: 'start-monitoring';
  constructor(
    readonly node: Address,
    /** Who asks: a stable id per requesting component (e.g. its path). */
    readonly requester: string,
  ) {}
}

/** Ends `requester`'s monitoring of `node`; the detector stops probing when the last requester stops. */
export class StopMonitoring {
  declare private readonly kind: 'stop-monitoring';
  constructor(
    readonly node: Address,
    readonly requester: string,
  ) {}
}

/** The detector now suspects `node` has crashed. */
export class Suspect {
  declare private readonly kind: 'suspect';
  constructor(readonly node: Address) {}
}

/** The detector no longer suspects `node`: the suspicion was false. */
export class Restore {
  declare private readonly kind: 'restore';
  constructor(readonly node: Address) {}
}

/**
 * An eventually perfect failure detector (◇P): every crashed node monitored is eventually
 * suspected for good (completeness), and eventually no live node is suspected (accuracy).
 * Before that, suspicions may be false and are then withdrawn with {@link Restore}.
 * Suspect and Restore go to every requester connected to the detector; each keeps what it
 * monitors.
 */
export const FailureDetector = definePort('FailureDetector', {
  requests: [StartMonitoring, StopMonitoring],
  indications: [Suspect, Restore],
});
export type FailureDetector = typeof FailureDetector;
