import { arcSegments, type StoreCursor, type StoreEntry } from '@kompics/store';

/** Compares two positions by hash, then key (UTF-16 code units). */
export function compareCursors(a: StoreCursor, b: StoreCursor): number {
  if (a.hash !== b.hash) return a.hash < b.hash ? -1 : 1;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/** First index whose entry is at or after `cursor` (the insertion point when absent). */
export function lowerBound(sorted: readonly StoreEntry[], cursor: StoreCursor): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareCursors(sorted[mid] as StoreEntry, cursor) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose entry is strictly after `cursor`. */
function upperBound(sorted: readonly StoreEntry[], cursor: StoreCursor): number {
  const at = lowerBound(sorted, cursor);
  const found = sorted[at];
  return found !== undefined && found.hash === cursor.hash && found.key === cursor.key ? at + 1 : at;
}

/** One chunk of a scan: the entries, and the cursor to continue after if there are more. */
export interface Chunk {
  readonly entries: StoreEntry[];
  readonly next: StoreCursor | undefined;
}

/**
 * Reads a chunk of the arc `(fromExclusive, toInclusive]` from entries sorted by (hash, key): at
 * most `limit` entries in arc order, after `after` if given. A cursor outside the arc has nothing
 * after it.
 */
export function scanArc(
  sorted: readonly StoreEntry[],
  fromExclusive: number,
  toInclusive: number,
  limit: number,
  after?: StoreCursor,
): Chunk {
  const segments = arcSegments(fromExclusive, toInclusive);
  let segment = 0;
  let start: number | undefined;
  if (after !== undefined) {
    segment = segments.findIndex(([lo, hi]) => after.hash >= lo && after.hash <= hi);
    if (segment < 0) return { entries: [], next: undefined };
    start = upperBound(sorted, after);
  }
  const entries: StoreEntry[] = [];
  for (; segment < segments.length; segment++) {
    const [lo, hi] = segments[segment] as readonly [number, number];
    let i = start ?? lowerBound(sorted, { hash: lo, key: '' });
    start = undefined;
    for (; i < sorted.length; i++) {
      const entry = sorted[i] as StoreEntry;
      if (entry.hash > hi) break;
      if (entries.length === limit) {
        const last = entries[limit - 1] as StoreEntry;
        return { entries, next: { hash: last.hash, key: last.key } };
      }
      entries.push(entry);
    }
  }
  return { entries, next: undefined };
}
