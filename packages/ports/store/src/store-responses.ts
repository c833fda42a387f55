import type { StoreCursor, StoreEntry } from './store-entry.js';
import type { StoreMetaRecord } from './store-meta.js';
import type { StoreValue } from './store-value.js';
import type { Tag } from './tag.js';

/** An answer from the store, carrying the `requestId` of the request it answers. */
export abstract class StoreResponse {
  constructor(readonly requestId: string) {}
}

/** Answers a `StoreGet`: the value (null if absent or a tombstone) and its tag ({@link Tag.ZERO} if absent). */
export class StoreGetResult extends StoreResponse {
  declare private readonly kind: 'store-get-result';
  constructor(
    requestId: string,
    readonly key: string,
    readonly value: StoreValue | null,
    readonly tag: Tag,
  ) {
    super(requestId);
  }
}

/**
 * Answers a `StorePut`: whether the put's value was stored (`applied`: its tag was greater than
 * the stored one), and the tag stored now, durably (the put's own tag, or a greater or equal one
 * that was already there).
 */
export class StorePutResult extends StoreResponse {
  declare private readonly kind: 'store-put-result';
  constructor(
    requestId: string,
    readonly key: string,
    readonly applied: boolean,
    readonly tag: Tag,
  ) {
    super(requestId);
  }
}

/** Answers a `StoreDelete`: whether the key was there (a tombstone counts). */
export class StoreDeleteResult extends StoreResponse {
  declare private readonly kind: 'store-delete-result';
  constructor(
    requestId: string,
    readonly key: string,
    readonly existed: boolean,
  ) {
    super(requestId);
  }
}

/**
 * Answers a `StoreRange`: one chunk of entries in arc order, and the cursor to pass as `after`
 * for the next chunk, or undefined when this chunk is the last.
 */
export class StoreRangeResult extends StoreResponse {
  declare private readonly kind: 'store-range-result';
  constructor(
    requestId: string,
    readonly entries: readonly StoreEntry[],
    readonly next: StoreCursor | undefined,
  ) {
    super(requestId);
  }

  /** Whether this is the last chunk. */
  get done(): boolean {
    return this.next === undefined;
  }
}

/** Answers a `StoreSnapshot`: the id to read and release it by, and how many entries it holds. */
export class StoreSnapshotOpened extends StoreResponse {
  declare private readonly kind: 'store-snapshot-opened';
  constructor(
    requestId: string,
    readonly snapshotId: string,
    readonly fromExclusive: number,
    readonly toInclusive: number,
    readonly size: number,
  ) {
    super(requestId);
  }
}

/** Answers a `StoreReleaseSnapshot`. */
export class StoreSnapshotReleased extends StoreResponse {
  declare private readonly kind: 'store-snapshot-released';
  constructor(
    requestId: string,
    readonly snapshotId: string,
  ) {
    super(requestId);
  }
}

/** Answers a `StoreRemoveRange`: how many entries were removed. */
export class StoreRangeRemoved extends StoreResponse {
  declare private readonly kind: 'store-range-removed';
  constructor(
    requestId: string,
    readonly removed: number,
  ) {
    super(requestId);
  }
}

/**
 * Why a request failed: `unknown-snapshot` (never opened, or released), `io` (the medium failed:
 * the write may or may not be stored), `closed` (the store was closed before it could answer).
 */
export type StoreFailureReason = 'unknown-snapshot' | 'io' | 'closed';

/** Answers any request the store could not carry out. */
export class StoreFailure extends StoreResponse {
  declare private readonly kind: 'store-failure';
  constructor(
    requestId: string,
    readonly reason: StoreFailureReason,
    readonly detail: string,
  ) {
    super(requestId);
  }
}

/** Answers a `StoreMetaPut`: the record is stored (durably, for a durable store). */
export class StoreMetaPutResult extends StoreResponse {
  declare private readonly kind: 'store-meta-put-result';
  constructor(
    requestId: string,
    readonly name: string,
  ) {
    super(requestId);
  }
}

/** Answers a `StoreMetaGet`: the record's value, null if there is none. */
export class StoreMetaGetResult extends StoreResponse {
  declare private readonly kind: 'store-meta-get-result';
  constructor(
    requestId: string,
    readonly name: string,
    readonly value: StoreValue | null,
  ) {
    super(requestId);
  }
}

/** Answers a `StoreMetaList`: the matching records, sorted by name. */
export class StoreMetaListResult extends StoreResponse {
  declare private readonly kind: 'store-meta-list-result';
  constructor(
    requestId: string,
    readonly records: readonly StoreMetaRecord[],
  ) {
    super(requestId);
  }
}

/** Answers a `StoreMetaDelete`: whether the record was there. */
export class StoreMetaDeleteResult extends StoreResponse {
  declare private readonly kind: 'store-meta-delete-result';
  constructor(
    requestId: string,
    readonly name: string,
    readonly existed: boolean,
  ) {
    super(requestId);
  }
}

/**
 * Answers a `StoreStats`: how much the store holds.
 *
 * - `entries`: the number of data keys stored, **tombstones included** (they take space and
 *   are real entries of ranges and snapshots); metadata records are not counted.
 * - `bytes`: the space the data takes, approximately, as the implementation can tell it
 *   cheaply — an in-memory store sums the UTF-8 bytes of keys and values (text as UTF-8, bytes
 *   as they are) and the tags' writer ids; a disk store reports the bytes of the pages its data
 *   tree uses on disk (so it includes page overhead and is at least one page once anything was
 *   written). Compare figures of one implementation only.
 */
export class StoreStatsResult extends StoreResponse {
  declare private readonly kind: 'store-stats-result';
  constructor(
    requestId: string,
    readonly entries: number,
    readonly bytes: number,
  ) {
    super(requestId);
  }
}
