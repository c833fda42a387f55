import { type Address, Message } from '@kompics/network';
import type { RingNode } from '@kompics/ring';

/**
 * Finds the node responsible for `target`: routed greedily (closest preceding known node) until
 * it reaches the node `p` with `target ∈ (p, successor(p)]`, which answers `origin` directly with
 * a {@link ChordFoundSuccessor}. Used to join, to refresh fingers and to detect loopy rings.
 */
export class ChordFindSuccessor extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly target: number,
    readonly origin: RingNode,
    readonly requestId: number,
    readonly hops: number,
  ) {
    super(source, destination);
  }
}

/** Answers a {@link ChordFindSuccessor}: `responsible` is `p`; `successors` is p's list, its successor first. */
export class ChordFoundSuccessor extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly requestId: number,
    readonly responsible: RingNode,
    readonly successors: readonly RingNode[],
  ) {
    super(source, destination);
  }
}

/**
 * Stabilization: the sender asks its successor for its predecessor and successor list, and
 * offers itself as the successor's predecessor (Chord's notify, folded into the request).
 */
export class ChordGetNeighbours extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly sender: RingNode,
  ) {
    super(source, destination);
  }
}

/** Answers a {@link ChordGetNeighbours}. */
export class ChordNeighbours extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly sender: RingNode,
    readonly predecessor: RingNode | undefined,
    readonly successors: readonly RingNode[],
  ) {
    super(source, destination);
  }
}

/** A graceful leave, told to the leaver's predecessor: here are my successors, take them. */
export class ChordSuccessorLeaving extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly leaver: RingNode,
    readonly successors: readonly RingNode[],
  ) {
    super(source, destination);
  }
}

/** A graceful leave, told to the leaver's successor: here is my predecessor, take it. */
export class ChordPredecessorLeaving extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly leaver: RingNode,
    readonly predecessor: RingNode | undefined,
  ) {
    super(source, destination);
  }
}

/** Ring unification: are you alive (and in a ring)? Sent periodically to nodes once suspected. */
export class ChordProbe extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly nonce: number,
  ) {
    super(source, destination);
  }
}

/** Answers a {@link ChordProbe}, from a node that is in a ring. */
export class ChordProbeAck extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly nonce: number,
    readonly node: RingNode,
  ) {
    super(source, destination);
  }
}

/**
 * Ring unification's `mlookup(id)`: routed in the receiver's ring to where `id` would sit; the
 * node there sends `id` a {@link ChordTryMerge} with the neighbours `id` should have in that ring.
 */
export class ChordMLookup extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly id: RingNode,
    readonly hops: number,
  ) {
    super(source, destination);
  }
}

/** Ring unification's `trymerge(cpred, csucc)`: candidates, from another ring, for the receiver's neighbours. */
export class ChordTryMerge extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly candidatePredecessor: RingNode,
    readonly candidateSuccessor: RingNode,
  ) {
    super(source, destination);
  }
}
