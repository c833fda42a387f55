import type { Address } from '@kompics/network';
import type { Connection } from './connection.js';
import type { SendQueue } from './send-queue.js';

/**
 * Everything this node keeps about one peer: the connection in use, a connection being
 * dialed, the queue of messages for it, and the reconnection schedule.
 */
export class PeerLink {
  /** The established connection messages go over (at most one per peer). */
  connection: Connection | undefined;
  /** An outgoing connection still in its handshake. */
  dialing: Connection | undefined;
  retryTimer: NodeJS.Timeout | undefined;
  /** Reconnection attempts since the last success. */
  attempt = 0;
  /** When the current run of failures to reach the peer began (host ms), if failing. */
  failingSince: number | undefined;
  /** Queue is full and the drop was logged: log again only after it drained. */
  dropping = false;
  /** Waiting for the next flush of coalesced messages. */
  dirty = false;

  constructor(
    readonly address: Address,
    readonly queue: SendQueue,
  ) {}
}
