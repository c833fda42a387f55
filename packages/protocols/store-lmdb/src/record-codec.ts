import { type StoreValue, Tag } from '@kompics/store';

/** What a record holds. */
const TOMBSTONE = 0;
const TEXT = 1;
const BYTES = 2;
/** Kind (1 byte), sequence (float64, exact for safe integers), writer length (uint32). */
const HEADER = 1 + 8 + 4;

/** A stored value and its tag. */
export interface StoredRecord {
  readonly value: StoreValue | null;
  readonly tag: Tag;
}

/**
 * Encodes a record for the database: `kind | sequence | writer length | writer | value`, where
 * kind tells a tombstone, text (UTF-8) and bytes apart.
 */
export function encodeRecord(value: StoreValue | null, tag: Tag): Buffer {
  const writerBytes = Buffer.byteLength(tag.writer, 'utf8');
  const valueBytes =
    value === null ? 0 : typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.byteLength;
  const out = Buffer.allocUnsafe(HEADER + writerBytes + valueBytes);
  out[0] = value === null ? TOMBSTONE : typeof value === 'string' ? TEXT : BYTES;
  out.writeDoubleBE(tag.sequence, 1);
  out.writeUInt32BE(writerBytes, 9);
  out.write(tag.writer, HEADER, 'utf8');
  const at = HEADER + writerBytes;
  if (typeof value === 'string') out.write(value, at, 'utf8');
  else if (value !== null) out.set(value, at);
  return out;
}

/** Decodes a record; its bytes are a fresh copy. Throws on a record this codec did not write. */
export function decodeRecord(bytes: Uint8Array): StoredRecord {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER) throw new Error(`corrupt record: ${buffer.length} bytes`);
  const kind = buffer[0];
  const writerBytes = buffer.readUInt32BE(9);
  const at = HEADER + writerBytes;
  if (at > buffer.length) throw new Error('corrupt record: writer overruns it');
  const tag = new Tag(buffer.readDoubleBE(1), buffer.toString('utf8', HEADER, at));
  switch (kind) {
    case TOMBSTONE:
      return { value: null, tag };
    case TEXT:
      return { value: buffer.toString('utf8', at), tag };
    case BYTES:
      return { value: new Uint8Array(buffer.subarray(at)), tag };
    default:
      throw new Error(`corrupt record: unknown kind ${String(kind)}`);
  }
}
