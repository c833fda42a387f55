import type { StoreValue } from './store-value.js';
import type { Tag } from './tag.js';

/**
 * A position in a range scan: an entry's key hash and key. Every {@link StoreEntry} is one, so
 * the last entry of a chunk can be passed as the `after` of the next request.
 */
export interface StoreCursor {
  /** The key's point on the ring, `ringHash(key)`. */
  readonly hash: number;
  readonly key: string;
}

/** One key's state as a range scan or snapshot returns it. */
export interface StoreEntry extends StoreCursor {
  /** The value, or null for a tombstone (a deletion that keeps its tag). */
  readonly value: StoreValue | null;
  readonly tag: Tag;
}
