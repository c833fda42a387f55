/** FNV-1a over a string, 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** One member's share of a {@link tableDigest}. */
export function digestTerm(key: string, incarnation: number): number {
  return fnv1a(`${key}#${incarnation}`);
}

/** A digest from the sum (mod 2^32) of its members' terms and their count. */
export function combineDigest(sum: number, count: number): number {
  return ((sum >>> 0) ^ Math.imul(count, 0x9e3779b1)) >>> 0;
}

/**
 * An order-independent 32-bit digest of `(address key, incarnation)` pairs: two routers whose
 * confirmed live members agree have equal digests, so anti-entropy sends whole tables only
 * when something differs (or, once in 2^32, misses a difference until the next change). Kept
 * incrementally: adding or removing a member adds or subtracts its term.
 */
export function tableDigest(entries: Iterable<readonly [key: string, incarnation: number]>): number {
  let sum = 0;
  let count = 0;
  for (const [key, incarnation] of entries) {
    sum = (sum + digestTerm(key, incarnation)) >>> 0;
    count++;
  }
  return combineDigest(sum, count);
}
