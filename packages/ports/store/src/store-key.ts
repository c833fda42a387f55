/** The longest key a store accepts, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** Whether `text` has no lone surrogates, so it survives a round trip through UTF-8. */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit > 0xdbff) return false;
    const low = text.charCodeAt(i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/** The length of `text` in UTF-8 bytes (lone surrogates count as U+FFFD, three bytes). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Checks a store key: a non-empty, well-formed string (no lone surrogates, so it round-trips
 * through UTF-8) of at most {@link MAX_KEY_BYTES} UTF-8 bytes.
 */
export function checkStoreKey(key: unknown, what = 'key'): string {
  if (typeof key !== 'string') throw new TypeError(`${what} must be a string, got ${typeof key}`);
  if (key.length === 0) throw new RangeError(`${what} must not be empty`);
  if (!isWellFormed(key))
    throw new RangeError(`${what} must be well-formed Unicode (it has a lone surrogate)`);
  const bytes = utf8ByteLength(key);
  if (bytes > MAX_KEY_BYTES) {
    throw new RangeError(`${what} is ${bytes} UTF-8 bytes long; the limit is ${MAX_KEY_BYTES}`);
  }
  return key;
}

/** Checks a request id: a non-empty string, unique among the requester's outstanding requests. */
export function checkRequestId(requestId: unknown): string {
  if (typeof requestId !== 'string' || requestId.length === 0) {
    throw new TypeError(`requestId must be a non-empty string, got ${JSON.stringify(requestId)}`);
  }
  return requestId;
}
