import { inArc, RING_SIZE, ringDistance } from '@kompics/ring';
import type { StoreCursor } from './store-entry.js';

/** Largest ring identifier. */
const RING_MAX = RING_SIZE - 1;

/**
 * The arc `(fromExclusive, toInclusive]` as inclusive hash intervals `[lo, hi]`, in the order a
 * clockwise scan meets them: one interval, or two when the arc wraps past zero. As with
 * `inArc`, `fromExclusive === toInclusive` is the whole ring, starting just after `fromExclusive`.
 */
export function arcSegments(fromExclusive: number, toInclusive: number): Array<readonly [number, number]> {
  const segments: Array<readonly [number, number]> = [];
  if (fromExclusive < toInclusive) {
    segments.push([fromExclusive + 1, toInclusive]);
    return segments;
  }
  if (fromExclusive < RING_MAX) segments.push([fromExclusive + 1, RING_MAX]);
  segments.push([0, toInclusive]);
  return segments;
}

/**
 * How far clockwise past `fromExclusive` a hash lies, in `[1, RING_SIZE]`: `fromExclusive` itself
 * comes last (it closes the whole-ring arc).
 */
export function arcPosition(hash: number, fromExclusive: number): number {
  return ringDistance(fromExclusive, hash) || RING_SIZE;
}

/**
 * The order of a range scan over an arc starting after `fromExclusive`: clockwise by hash, then
 * by key (UTF-16 code units) among keys of one hash. Implementations must order by hash this way;
 * among the (rare) keys of one hash each may keep its own stable order.
 */
export function compareInArc(a: StoreCursor, b: StoreCursor, fromExclusive: number): number {
  const d = arcPosition(a.hash, fromExclusive) - arcPosition(b.hash, fromExclusive);
  if (d !== 0) return d;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

/** Whether an entry's hash lies in `(fromExclusive, toInclusive]`. */
export function inRange(cursor: StoreCursor, fromExclusive: number, toInclusive: number): boolean {
  return inArc(cursor.hash, fromExclusive, toInclusive);
}
