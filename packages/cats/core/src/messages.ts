import { type Address, Message } from '@kompics/network';
import type { RingNode } from '@kompics/ring';
import type { StoreCursor, StoreValue, Tag } from '@kompics/store';
import type { Ballot } from './ballot.js';
import type { GroupView } from './group-view.js';

/** What an ABD write phase stores: a value (null: a tombstone, for delete) and its tag. */
export interface AbdWrite {
  readonly value: StoreValue | null;
  readonly tag: Tag;
}

/**
 * One phase of an ABD operation, sent by its coordinator to a replica: a read (`write`
 * undefined: send back the value and tag) or a write (store `write` if its tag is higher).
 */
export class AbdRequest extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly opId: string,
    readonly phase: number,
    readonly key: string,
    readonly write: AbdWrite | undefined,
  ) {
    super(source, destination);
  }
}

/**
 * How a replica answered an ABD phase: `ok` (done, in `view`), `not-member` (it does not
 * serve the key's range; `view` is the newest it knows, if any), `not-ready` (it is a member
 * of `view` but still receiving the range's data, or reconfiguring).
 */
export type AbdStatus = 'ok' | 'not-member' | 'not-ready';

/** A replica's answer to an {@link AbdRequest}, carrying the replier's view of the range. */
export class AbdReply extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly opId: string,
    readonly phase: number,
    readonly status: AbdStatus,
    /** The replier's view (undefined in eventual mode, or when it knows none). */
    readonly view: GroupView | undefined,
    /** For a read: the value stored (null if absent or deleted). */
    readonly value: StoreValue | null,
    /** For a read: its tag; for a write: the tag stored now. */
    readonly tag: Tag,
  ) {
    super(source, destination);
  }
}

/** Paxos phase 1a for deciding the view after view `instance` of `slice`. */
export class Prepare extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
    readonly instance: number,
    readonly ballot: Ballot,
  ) {
    super(source, destination);
  }
}

/** A proposal for the next view's members, accepted under a ballot. */
export interface AcceptedProposal {
  readonly ballot: Ballot;
  readonly members: readonly RingNode[];
}

/**
 * Paxos phase 1b: the acceptor promises `ballot` (`ok`) and reports what it accepted before,
 * or refuses (it promised a higher ballot, or is not in view `instance`; then `view` is its own).
 */
export class Promised extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
    readonly instance: number,
    readonly ballot: Ballot,
    readonly ok: boolean,
    readonly accepted: AcceptedProposal | undefined,
    readonly view: GroupView | undefined,
  ) {
    super(source, destination);
  }
}

/** Paxos phase 2a: accept `members` as view `instance + 1` under `ballot`. */
export class Accept extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
    readonly instance: number,
    readonly ballot: Ballot,
    readonly members: readonly RingNode[],
  ) {
    super(source, destination);
  }
}

/** Paxos phase 2b: the acceptor accepted (`ok`) or refused `ballot`. */
export class Accepted extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
    readonly instance: number,
    readonly ballot: Ballot,
    readonly ok: boolean,
  ) {
    super(source, destination);
  }
}

/** A view was decided (or is known installed): sent to the old and new members, and gossiped. */
export class ViewNews extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly views: readonly GroupView[],
  ) {
    super(source, destination);
  }
}

/**
 * A member of `view` (not yet serving it) asks a member of the previous view for the range's
 * data, one chunk after `after`. The source learns `view` from it, so it stops serving older views.
 */
export class SyncPull extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly view: GroupView,
    readonly after: StoreCursor | undefined,
    readonly limit: number,
  ) {
    super(source, destination);
  }
}

/** One stored entry of a range in transfer. */
export interface SyncEntry {
  readonly key: string;
  readonly value: StoreValue | null;
  readonly tag: Tag;
}

/**
 * A chunk of a range's data for view `viewNumber` of `slice`. `coversBelow` is the source's
 * guarantee: its data holds every write completed in views numbered below it.
 */
export class SyncChunk extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
    readonly viewNumber: number,
    readonly after: StoreCursor | undefined,
    readonly coversBelow: number,
    readonly entries: readonly SyncEntry[],
    readonly next: StoreCursor | undefined,
  ) {
    super(source, destination);
  }
}

/**
 * A node that was removed from a slice's group (or is retiring) asks the members of the newest
 * view it knows whether they serve it — i.e. have the range's data — before it deletes its own
 * copy or reports itself retired.
 */
export class ReadyQuery extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
  ) {
    super(source, destination);
  }
}

/** The answer to a {@link ReadyQuery}: the replier's newest view and whether it serves it. */
export class ReadyNews extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly slice: number,
    readonly view: GroupView | undefined,
    readonly ready: boolean,
  ) {
    super(source, destination);
  }
}

/**
 * A node is retiring (graceful leave): its ring neighbours and the members of its groups leave
 * it out of the groups they propose from now on.
 */
export class Leaving extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly node: RingNode,
  ) {
    super(source, destination);
  }
}
