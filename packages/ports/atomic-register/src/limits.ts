/** A value a register holds: text or bytes (null: none, as after a deletion). */
export type RegisterValue = string | Uint8Array;

/** Checks a request id: a non-empty string. */
export function checkRequestId(requestId: unknown): string {
  if (typeof requestId !== 'string' || requestId.length === 0) {
    throw new TypeError(`requestId must be a non-empty string, got ${JSON.stringify(requestId)}`);
  }
  return requestId;
}

/** The longest register key, in UTF-8 bytes (1 KiB, as the store under it allows). */
export const MAX_KEY_BYTES = 1024;

/** The length of `text` in UTF-8 bytes, or -1 if it has a lone surrogate (which UTF-8 cannot carry). */
function utf8Length(text: string): number {
  return text.isWellFormed() ? Buffer.byteLength(text, 'utf8') : -1;
}

/** Checks a register key: a non-empty, well-formed string of at most {@link MAX_KEY_BYTES} UTF-8 bytes. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string') throw new TypeError(`a register key must be a string, got ${typeof key}`);
  if (key.length === 0) throw new RangeError('a register key must not be empty');
  const bytes = utf8Length(key);
  if (bytes < 0) throw new RangeError('a register key must be well-formed Unicode (it has a lone surrogate)');
  if (bytes > MAX_KEY_BYTES) {
    throw new RangeError(`a register key is at most ${MAX_KEY_BYTES} UTF-8 bytes; this one is ${bytes}`);
  }
  return key;
}

/** Checks a value to write: a string, a Uint8Array, or null. */
export function checkValue(value: unknown): RegisterValue | null {
  if (value === null || typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new TypeError(
    `a register value must be a string, a Uint8Array or null, got ${value === undefined ? 'undefined' : typeof value}`,
  );
}
