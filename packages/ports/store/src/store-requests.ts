import { isRingId } from '@kompics/ring';
import type { StoreCursor } from './store-entry.js';
import { checkRequestId, checkStoreKey } from './store-key.js';
import { checkStoreValue, type StoreValue } from './store-value.js';
import { Tag } from './tag.js';

function checkRingId(id: unknown, what: string): number {
  if (!isRingId(id)) throw new RangeError(`${what} must be a ring id in [0, 2^32), got ${String(id)}`);
  return id;
}

function checkLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${String(limit)}`);
  }
  return limit;
}

function checkSnapshotId(snapshotId: unknown): string {
  if (typeof snapshotId !== 'string' || snapshotId.length === 0) {
    throw new TypeError(`snapshotId must be a non-empty string, got ${JSON.stringify(snapshotId)}`);
  }
  return snapshotId;
}

/**
 * A request to the store. Each carries a `requestId` chosen by the requester; the store's
 * answer (a {@link StoreResponse}) carries the same id.
 */
export abstract class StoreRequest {
  readonly requestId: string;
  constructor(requestId: string) {
    this.requestId = checkRequestId(requestId);
  }
}

/** Reads a key: answered by a `StoreGetResult` (value null and {@link Tag.ZERO} if absent). */
export class StoreGet extends StoreRequest {
  declare private readonly kind: 'store-get';
  readonly key: string;
  constructor(requestId: string, key: string) {
    super(requestId);
    this.key = checkStoreKey(key);
  }
}

/**
 * Writes `value` under `key` with `tag` — if `tag` is greater than the tag stored there (the
 * "keep the highest tag" rule that ABD relies on); otherwise the store keeps what it has. A null
 * value is a tombstone: the key reads as absent but keeps its tag, so older writes cannot bring
 * it back. A put with {@link Tag.ZERO} (the tag of absence) never applies. Answered by a
 * `StorePutResult` — from a durable store only once the write is on disk.
 */
export class StorePut extends StoreRequest {
  declare private readonly kind: 'store-put';
  readonly key: string;
  readonly value: StoreValue | null;
  readonly tag: Tag;
  constructor(requestId: string, key: string, value: StoreValue | null, tag: Tag) {
    super(requestId);
    this.key = checkStoreKey(key);
    this.value = checkStoreValue(value);
    if (!(tag instanceof Tag)) throw new TypeError('tag must be a Tag');
    this.tag = tag;
  }
}

/**
 * Forgets a key entirely, tag and all (after which any put to it applies). For a deletion that
 * must not be undone by older writes, put a tombstone instead. Answered by a `StoreDeleteResult`.
 */
export class StoreDelete extends StoreRequest {
  declare private readonly kind: 'store-delete';
  readonly key: string;
  constructor(requestId: string, key: string) {
    super(requestId);
    this.key = checkStoreKey(key);
  }
}

/**
 * Reads one chunk of the entries whose key hash lies in `(fromExclusive, toInclusive]` (clockwise;
 * equal bounds mean the whole ring), at most `limit` of them, in arc order (clockwise by hash),
 * starting after the cursor `after` (the last entry of the previous chunk) or at the start of
 * the arc. Tombstones are included. With `snapshot`, reads that snapshot (see `StoreSnapshot`)
 * instead of the live data. Answered by a `StoreRangeResult`, whose `next` is the `after` of the
 * next chunk (undefined after the last).
 */
export class StoreRange extends StoreRequest {
  declare private readonly kind: 'store-range';
  readonly fromExclusive: number;
  readonly toInclusive: number;
  readonly limit: number;
  readonly after: StoreCursor | undefined;
  readonly snapshot: string | undefined;
  constructor(
    requestId: string,
    fromExclusive: number,
    toInclusive: number,
    limit: number,
    after?: StoreCursor,
    snapshot?: string,
  ) {
    super(requestId);
    this.fromExclusive = checkRingId(fromExclusive, 'fromExclusive');
    this.toInclusive = checkRingId(toInclusive, 'toInclusive');
    this.limit = checkLimit(limit);
    if (after !== undefined) {
      checkRingId(after?.hash, 'after.hash');
      if (typeof after.key !== 'string') throw new TypeError('after.key must be a string');
      this.after = { hash: after.hash, key: after.key };
    } else this.after = undefined;
    this.snapshot = snapshot === undefined ? undefined : checkSnapshotId(snapshot);
  }
}

/**
 * Opens a snapshot of the entries in `(fromExclusive, toInclusive]`: a consistent view, as of the
 * moment the store handles this request, that later writes do not change. Read it in chunks with
 * `StoreRange(…, snapshot)` (e.g. to transfer a range to a new replica) and release it with
 * `StoreReleaseSnapshot`; an unreleased snapshot holds memory (or, on disk, old pages). Answered
 * by a `StoreSnapshotOpened`.
 */
export class StoreSnapshot extends StoreRequest {
  declare private readonly kind: 'store-snapshot';
  readonly fromExclusive: number;
  readonly toInclusive: number;
  constructor(requestId: string, fromExclusive: number, toInclusive: number) {
    super(requestId);
    this.fromExclusive = checkRingId(fromExclusive, 'fromExclusive');
    this.toInclusive = checkRingId(toInclusive, 'toInclusive');
  }
}

/** Releases a snapshot. Answered by a `StoreSnapshotReleased`. */
export class StoreReleaseSnapshot extends StoreRequest {
  declare private readonly kind: 'store-release-snapshot';
  readonly snapshotId: string;
  constructor(requestId: string, snapshotId: string) {
    super(requestId);
    this.snapshotId = checkSnapshotId(snapshotId);
  }
}

/**
 * Forgets every entry whose key hash lies in `(fromExclusive, toInclusive]`, tombstones
 * included: garbage collection of a range this node no longer replicates. Open snapshots keep
 * their view. Answered by a `StoreRangeRemoved` — from a durable store once the removal is on disk.
 */
export class StoreRemoveRange extends StoreRequest {
  declare private readonly kind: 'store-remove-range';
  readonly fromExclusive: number;
  readonly toInclusive: number;
  constructor(requestId: string, fromExclusive: number, toInclusive: number) {
    super(requestId);
    this.fromExclusive = checkRingId(fromExclusive, 'fromExclusive');
    this.toInclusive = checkRingId(toInclusive, 'toInclusive');
  }
}

/**
 * Asks how much the store holds: answered by a `StoreStatsResult`. Cheap (no scan), for status
 * pages and metrics. The answer reflects at least every write requested before it.
 */
export class StoreStats extends StoreRequest {
  declare private readonly kind: 'store-stats';
}
