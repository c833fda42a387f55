import { definePort } from '@kompics/kernel';
import type { Address } from '@kompics/network';
import type { BroadcastPayload } from './broadcast-payload.js';

/** Asks for `payload` to reach every node of the system (this one included). */
export class Broadcast {
  declare private readonly kind: 'broadcast';
  constructor(readonly payload: BroadcastPayload) {}
}

/** A broadcast payload arrived; each node delivers a given broadcast at most once. */
export class Deliver {
  declare private readonly kind: 'deliver';
  constructor(
    readonly payload: BroadcastPayload,
    /** The node that broadcast it. */
    readonly origin: Address,
    /** The broadcast's id, unique per origin. */
    readonly id: string,
    /** Hops the payload travelled to get here (0 at the origin). */
    readonly hops: number,
  ) {}
}

/**
 * Best-effort broadcast to all nodes: a {@link Broadcast} is delivered, at most once per node,
 * to every node that stays up, with high probability (epidemic implementations) — no order, no
 * agreement between nodes, no guarantee for nodes that join later. Deliveries go to every
 * requester connected to the provider; each picks the payload classes it cares about.
 */
export const BroadcastPort = definePort('Broadcast', { requests: [Broadcast], indications: [Deliver] });
export type BroadcastPort = typeof BroadcastPort;
