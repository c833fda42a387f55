/**
 * What a store keeps under a key: text or bytes. Stores treat values as immutable: they copy
 * bytes they are given and bytes they hand out, so neither side can change the other's copy.
 */
export type StoreValue = string | Uint8Array;

/** Whether `value` is a {@link StoreValue}. */
export function isStoreValue(value: unknown): value is StoreValue {
  return typeof value === 'string' || value instanceof Uint8Array;
}

/** Checks a value given to a put: a {@link StoreValue}, or null for a tombstone. */
export function checkStoreValue(value: unknown): StoreValue | null {
  if (value === null || isStoreValue(value)) return value;
  throw new TypeError(
    `a stored value must be a string, a Uint8Array or null (a tombstone), got ${value === undefined ? 'undefined' : typeof value}`,
  );
}
