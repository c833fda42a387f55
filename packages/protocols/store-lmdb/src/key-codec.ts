import type { StoreCursor } from '@kompics/store';

/**
 * Database keys are the key's ring hash (4 bytes, big-endian) followed by the key in UTF-8, so
 * LMDB's byte order sorts entries by hash — a range of the ring is a range of database keys —
 * and then by key.
 */
export function encodeKey(hash: number, key: string): Buffer {
  const bytes = Buffer.allocUnsafe(4 + Buffer.byteLength(key, 'utf8'));
  bytes.writeUInt32BE(hash, 0);
  bytes.write(key, 4, 'utf8');
  return bytes;
}

/** The smallest database key of hash `hash` (a bound for range reads). */
export function hashBound(hash: number): Buffer {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeUInt32BE(hash, 0);
  return bytes;
}

/** The hash and key a database key stands for. */
export function decodeKey(bytes: Uint8Array): StoreCursor {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { hash: buffer.readUInt32BE(0), key: buffer.toString('utf8', 4) };
}
