/** The longest key the DHT accepts, in UTF-8 bytes (1 KiB). */
export const MAX_KEY_BYTES = 1024;
/** The largest value the DHT accepts, in bytes (UTF-8 bytes for text): 1 MiB. */
export const MAX_VALUE_BYTES = 1024 * 1024;

/** A value the DHT stores: text or bytes. */
export type DhtValue = string | Uint8Array;

/** The length of `text` in UTF-8 bytes, or -1 if it has a lone surrogate (which UTF-8 cannot carry). */
function utf8Length(text: string): number {
  return text.isWellFormed() ? Buffer.byteLength(text, 'utf8') : -1;
}

/** Checks a request id: a non-empty string. */
export function checkRequestId(requestId: unknown): string {
  if (typeof requestId !== 'string' || requestId.length === 0) {
    throw new TypeError(`requestId must be a non-empty string, got ${JSON.stringify(requestId)}`);
  }
  return requestId;
}

/** Checks a key: a non-empty, well-formed string of at most {@link MAX_KEY_BYTES} UTF-8 bytes. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw new TypeError(`a DHT key must be a string, got ${typeof key}`);
  if (key.length === 0) throw new RangeError('a DHT key must not be empty');
  const bytes = utf8Length(key);
  if (bytes < 0) throw new RangeError('a DHT key must be well-formed Unicode (it has a lone surrogate)');
  if (bytes > MAX_KEY_BYTES) {
    throw new RangeError(`a DHT key is at most ${MAX_KEY_BYTES} UTF-8 bytes; this one is ${bytes}`);
  }
  return key;
}

/** Checks a value: a string or Uint8Array of at most {@link MAX_VALUE_BYTES} bytes. */
export function checkValue(value: unknown): DhtValue {
  let bytes: number;
  if (typeof value === 'string') {
    bytes = utf8Length(value);
    if (bytes < 0)
      throw new RangeError('a DHT text value must be well-formed Unicode (it has a lone surrogate)');
  } else if (value instanceof Uint8Array) bytes = value.byteLength;
  else {
    throw new TypeError(
      `a DHT value must be a string or a Uint8Array, got ${value === null ? 'null' : typeof value}`,
    );
  }
  if (bytes > MAX_VALUE_BYTES) {
    throw new RangeError(`a DHT value is at most ${MAX_VALUE_BYTES} bytes (1 MiB); this one is ${bytes}`);
  }
  return value;
}
