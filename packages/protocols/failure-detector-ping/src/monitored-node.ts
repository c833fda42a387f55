import type { Address } from '@kompics/network';
import { RoundTripEstimator } from './round-trip-estimator.js';

/** How many unanswered pings' send times are kept per node, for round-trip samples. */
const PINGS_REMEMBERED = 16;

/** What the detector knows of one node it monitors. */
export class MonitoredNode {
  readonly requesters = new Set<string>();
  readonly rtt = new RoundTripEstimator();
  suspected = false;
  /** Grows by the increment at each false suspicion, so the detector becomes accurate eventually. */
  penalty = 0;
  /** When the node last answered, or when monitoring began. */
  lastHeard: number;
  readonly #sentAt = new Map<number, number>();

  constructor(
    readonly address: Address,
    now: number,
  ) {
    this.lastHeard = now;
  }

  pingSent(nonce: number, now: number): void {
    this.#sentAt.set(nonce, now);
    if (this.#sentAt.size > PINGS_REMEMBERED) {
      const oldest = this.#sentAt.keys().next().value;
      if (oldest !== undefined) this.#sentAt.delete(oldest);
    }
  }

  /** Records an answer; returns false for a nonce this node was never sent (or forgotten). */
  pongReceived(nonce: number, now: number): boolean {
    const sentAt = this.#sentAt.get(nonce);
    if (sentAt === undefined) return false;
    this.#sentAt.delete(nonce);
    this.rtt.sample(now - sentAt);
    this.lastHeard = now;
    return true;
  }

  /** How long past the ping interval silence is tolerated before suspecting. */
  timeout(minTimeout: number): number {
    return Math.max(minTimeout, this.rtt.timeout ?? 0) + this.penalty;
  }
}
