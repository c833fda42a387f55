import { MAX_KEY_BYTES, MAX_VALUE_BYTES } from '@kompics/dht';

/** A value the client stores: text (sent as UTF-8) or bytes. */
export type CatsValue = string | Uint8Array;

function utf8Length(text: string): number {
  return text.isWellFormed() ? Buffer.byteLength(text, 'utf8') : -1;
}

/** Checks a key against the DHT's limits: a non-empty, well-formed string of at most 1024 UTF-8 bytes. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw new TypeError(`a key must be a string, got ${typeof key}`);
  if (key.length === 0) throw new RangeError('a key must not be empty');
  const bytes = utf8Length(key);
  if (bytes < 0) throw new RangeError('a key must be well-formed Unicode (it has a lone surrogate)');
  if (bytes > MAX_KEY_BYTES)
    throw new RangeError(`a key is at most ${MAX_KEY_BYTES} UTF-8 bytes; this one is ${bytes}`);
  return key;
}

/** Checks a value and returns its bytes: a string (UTF-8) or Uint8Array of at most 1 MiB. */
export function valueBytes(value: unknown): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'string') {
    if (!value.isWellFormed())
      throw new RangeError('a text value must be well-formed Unicode (it has a lone surrogate)');
    bytes = Buffer.from(value, 'utf8');
  } else if (value instanceof Uint8Array) bytes = value;
  else {
    throw new TypeError(
      `a value must be a string or a Uint8Array, got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (bytes.byteLength > MAX_VALUE_BYTES) {
    throw new RangeError(
      `a value is at most ${MAX_VALUE_BYTES} bytes (1 MiB); this one is ${bytes.byteLength}`,
    );
  }
  return bytes;
}
