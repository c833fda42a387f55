/** Small, fast 32-bit hashes for model states. */

/** Mixes a 32-bit integer (the finalizer of MurmurHash3). */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Long strings (an append-only value grows with every append) are sampled rather than read whole,
// so hashing a state stays cheap; equality, not the hash, decides whether two states are the same.
const SAMPLES = 64;

/** Hashes a string from its length and up to 64 evenly spaced characters. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  const n = s.length;
  const stride = n <= SAMPLES ? 1 : Math.floor(n / SAMPLES);
  for (let i = 0; i < n; i += stride) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  if (n > 0) h = Math.imul(h ^ s.charCodeAt(n - 1), 0x01000193);
  return mix32(h);
}

/** Hashes a number (integers and floats alike). */
export function hashNumber(x: number): number {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 31) return mix32(x ^ 0x5bd1e995);
  return hashString(String(x));
}
