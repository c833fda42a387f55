/** Counters of the simulated network, for reports and tests. */
export class NetworkStats {
  /** Messages handed to the network. */
  sent = 0;
  /** Copies handed to the destination's channel (whether or not a live node was there). */
  delivered = 0;
  /** Messages dropped by the loss model. */
  lost = 0;
  /** Copies dropped by a partition, cut or isolation (at send or while in flight). */
  blocked = 0;
  /** Extra copies made by the duplication model. */
  duplicated = 0;
  /** Messages held back by the reordering model. */
  reordered = 0;
  /** Copies on their way (scheduled, not yet arrived or dropped in flight). */
  inFlight = 0;
  /** Wire bytes of every sent message (with the codec on). */
  bytes = 0;

  toJSON(): Record<string, number> {
    return {
      sent: this.sent,
      delivered: this.delivered,
      lost: this.lost,
      blocked: this.blocked,
      duplicated: this.duplicated,
      reordered: this.reordered,
      inFlight: this.inFlight,
      bytes: this.bytes,
    };
  }
}
