import { definePort } from '@kompics/kernel';
import type { Address } from '@kompics/network';
import type { RingNode } from './ring-node.js';

/** Makes this node a ring of its own (the first node of a system). */
export class CreateRing {
  declare private readonly kind: 'create-ring';
}

/** Joins the ring through any of `via` (live nodes, e.g. from the bootstrap service). */
export class JoinRing {
  declare private readonly kind: 'join-ring';
  constructor(readonly via: readonly Address[]) {}
}

/** Leaves gracefully, handing this node's neighbours over to each other. */
export class LeaveRing {
  declare private readonly kind: 'leave-ring';
}

/** Asks for the current neighbourhood; answered with a {@link Neighbourhood}. */
export class NeighbourhoodQuery {
  declare private readonly kind: 'neighbourhood-query';
}

/** This node has joined (or created) a ring and now has a successor. */
export class RingJoined {
  declare private readonly kind: 'ring-joined';
  constructor(readonly self: RingNode) {}
}

/** The node now believes `predecessor` precedes it (undefined: it knows none). */
export class NewPredecessor {
  declare private readonly kind: 'new-predecessor';
  constructor(readonly predecessor: RingNode | undefined) {}
}

/** The node's successor list changed; the first entry is its successor. */
export class NewSuccessorList {
  declare private readonly kind: 'new-successor-list';
  constructor(readonly successors: readonly RingNode[]) {}
}

/** What this node believes about its neighbourhood, answering a {@link NeighbourhoodQuery}. */
export class Neighbourhood {
  declare private readonly kind: 'neighbourhood';
  constructor(
    readonly self: RingNode,
    readonly predecessor: RingNode | undefined,
    readonly successors: readonly RingNode[],
  ) {}
}

/**
 * The ring: a best-effort consistent-hashing ring. Node `n` believes it is responsible for
 * `(predecessor, n]`. Beliefs may be wrong for a while (churn, partitions); the indications
 * say what the node believes now, and the data layer must stay safe whatever they say.
 */
export const Ring = definePort('Ring', {
  requests: [CreateRing, JoinRing, LeaveRing, NeighbourhoodQuery],
  indications: [RingJoined, NewPredecessor, NewSuccessorList, Neighbourhood],
});
export type Ring = typeof Ring;
