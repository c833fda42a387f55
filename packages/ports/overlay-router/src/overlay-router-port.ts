import { definePort } from '@kompics/kernel';
import { isRingId, type RingNode, ringHash } from '@kompics/ring';

/**
 * Asks who is responsible for `keyHash` (a point on the ring) and for its `replicationDegree - 1`
 * successors: the replication group. Answered with a {@link LookupResponse} carrying the same
 * `requestId`.
 */
export class Lookup {
  declare private readonly kind: 'lookup';
  constructor(
    readonly keyHash: number,
    readonly replicationDegree: number,
    readonly requestId: string,
  ) {
    if (!isRingId(keyHash)) throw new RangeError(`keyHash must be a ring id, got ${String(keyHash)}`);
    if (!Number.isInteger(replicationDegree) || replicationDegree < 1)
      throw new RangeError(`replicationDegree must be a positive integer, got ${replicationDegree}`);
  }

  /** A lookup of a key, hashed onto the ring with {@link ringHash}. */
  static forKey(key: string | Uint8Array, replicationDegree: number, requestId: string): Lookup {
    return new Lookup(ringHash(key), replicationDegree, requestId);
  }
}

/**
 * The router's answer: the node it believes responsible for the key (the first member at or
 * clockwise after the key's hash) and the next members after it, `replicationDegree` nodes in
 * all when that many are known. A belief, possibly stale: a caller whose request fails at the
 * node named here looks up again.
 */
export class LookupResponse {
  declare private readonly kind: 'lookup-response';
  constructor(
    readonly requestId: string,
    readonly keyHash: number,
    readonly responsible: RingNode,
    /** The responsible node's successors, closest first, at most `replicationDegree - 1`. */
    readonly successors: readonly RingNode[],
  ) {}

  /** The replication group: the responsible node, then its successors. */
  get group(): readonly RingNode[] {
    return [this.responsible, ...this.successors];
  }
}

/** Asks for the router's whole member table; answered with a {@link MemberTable}. */
export class MemberTableQuery {
  declare private readonly kind: 'member-table-query';
}

/** The members the router believes are up, sorted by ring id (this node included). */
export class MemberTable {
  declare private readonly kind: 'member-table';
  constructor(readonly members: readonly RingNode[]) {}
}

/** This node is leaving: the router tells the others, so they drop it from their tables. */
export class LeaveOverlay {
  declare private readonly kind: 'leave-overlay';
}

/**
 * Overlay routing on the identifier ring: which node is responsible for a key, and its
 * successors (the replication group). Answers are beliefs, eventually consistent under churn:
 * a stale answer costs the caller a retry, never the data layer's correctness.
 */
export const OverlayRouter = definePort('OverlayRouter', {
  requests: [Lookup, MemberTableQuery, LeaveOverlay],
  indications: [LookupResponse, MemberTable],
});
export type OverlayRouter = typeof OverlayRouter;
