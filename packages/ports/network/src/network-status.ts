import { definePort } from '@kompics/kernel';
import type { Address } from './address.js';

/**
 * Base class of the connection news a network implementation reports about one peer. `local`
 * is the address of the node the news is for (one network component may serve several).
 */
export abstract class PeerStatus {
  constructor(
    readonly local: Address,
    readonly peer: Address,
  ) {}
}

/** The first working connection to `peer` is up: messages flow both ways. */
export class PeerConnected extends PeerStatus {
  declare private readonly status: 'connected';
}

/**
 * The connection to `peer` was lost (the peer closed it, crashed or became unreachable).
 * Messages sent meanwhile are queued within the implementation's bounds or dropped.
 */
export class PeerDropped extends PeerStatus {
  declare private readonly status: 'dropped';
  constructor(
    local: Address,
    peer: Address,
    /** Why, in words, for logs. */
    readonly reason: string,
  ) {
    super(local, peer);
  }
}

/** A connection to `peer` is up again after a {@link PeerDropped}. */
export class PeerReconnected extends PeerStatus {
  declare private readonly status: 'reconnected';
}

/**
 * Connection status of a network implementation, as indications only: {@link PeerConnected},
 * {@link PeerDropped}, {@link PeerReconnected} (subscribe to {@link PeerStatus} for all). Optional: an
 * implementation that has no connections (e.g. a simulated network) need not provide it, and
 * protocols must treat it as a hint — correctness never depends on it.
 */
export const NetworkStatus = definePort('NetworkStatus', {
  requests: [],
  indications: [PeerStatus],
});
export type NetworkStatus = typeof NetworkStatus;
