import * as crypto from 'node:crypto';

/** Identifiers live on a ring of 2^32 points, shared by nodes and key hashes. */
export const RING_SIZE = 2 ** 32;

/** Where a key (or a node name) lands on the ring: the first 32 bits of its SHA-1. */
export function ringHash(key: string | Uint8Array): number {
  return sha1(key).readUInt32BE(0);
}

// One-shot crypto.hash (Node >= 20.12) makes no Hash object per call: about 1.5x faster, and ring
// hashing runs on every operation and store access. Older Node 20 releases lack it.
const sha1: (data: string | Uint8Array) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha1', data, 'buffer')
    : (data) => crypto.createHash('sha1').update(data).digest();

/** Whether `id` is a valid ring identifier. */
export function isRingId(id: unknown): id is number {
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < RING_SIZE;
}

/** Clockwise distance from `from` to `to`, in [0, RING_SIZE). */
export function ringDistance(from: number, to: number): number {
  return (to - from + RING_SIZE) % RING_SIZE;
}

/**
 * Whether `id` lies in the half-open arc `(from, to]` going clockwise. When `from === to` the arc
 * is the whole ring, as for a node alone on it.
 */
export function inArc(id: number, from: number, to: number): boolean {
  if (from === to) return true;
  const d = ringDistance(from, id);
  return d > 0 && d <= ringDistance(from, to);
}

/** Whether `id` lies strictly between `from` and `to` going clockwise. */
export function between(id: number, from: number, to: number): boolean {
  if (from === to) return id !== from;
  const d = ringDistance(from, id);
  return d > 0 && d < ringDistance(from, to);
}
