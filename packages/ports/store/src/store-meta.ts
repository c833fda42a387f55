import { checkStoreKey, utf8ByteLength } from './store-key.js';
import { StoreRequest } from './store-requests.js';
import { checkStoreValue, type StoreValue } from './store-value.js';

/** The longest metadata record value, in bytes (UTF-8 for text): metadata is small. */
export const MAX_META_BYTES = 64 * 1024;

function checkMetaName(name: unknown): string {
  return checkStoreKey(name, 'name');
}

function checkMetaValue(value: unknown): StoreValue {
  if (value === null) throw new TypeError('a metadata value must be a string or bytes, not null');
  const v = checkStoreValue(value as StoreValue) as StoreValue;
  const bytes = typeof v === 'string' ? utf8ByteLength(v) : v.byteLength;
  if (bytes > MAX_META_BYTES)
    throw new RangeError(`a metadata value is ${bytes} bytes; the limit is ${MAX_META_BYTES}`);
  return v;
}

/** One named metadata record. */
export interface StoreMetaRecord {
  readonly name: string;
  readonly value: StoreValue;
}

/**
 * Metadata requests: small named records kept apart from the versioned data (no tags, no
 * ring placement, untouched by ranges, snapshots and range removal) — for a component's own
 * durable state, such as the views and Paxos acceptor state of CATS's data layer. A put
 * replaces the record and is acknowledged, by a durable store, only once it is on disk; a
 * restart gives back every acknowledged record.
 */
export abstract class StoreMetaRequest extends StoreRequest {}

/** Writes (replaces) the record `name`. Answered by a `StoreMetaPutResult` once durable. */
export class StoreMetaPut extends StoreMetaRequest {
  declare private readonly kind: 'store-meta-put';
  readonly name: string;
  readonly value: StoreValue;
  constructor(requestId: string, name: string, value: StoreValue) {
    super(requestId);
    this.name = checkMetaName(name);
    this.value = checkMetaValue(value);
  }
}

/** Reads the record `name`. Answered by a `StoreMetaGetResult` (value null if absent). */
export class StoreMetaGet extends StoreMetaRequest {
  declare private readonly kind: 'store-meta-get';
  readonly name: string;
  constructor(requestId: string, name: string) {
    super(requestId);
    this.name = checkMetaName(name);
  }
}

/**
 * Lists the records whose names start with `prefix` (empty: all), sorted by name (UTF-16 code
 * unit order). Answered by a `StoreMetaListResult`.
 */
export class StoreMetaList extends StoreMetaRequest {
  declare private readonly kind: 'store-meta-list';
  readonly prefix: string;
  constructor(requestId: string, prefix = '') {
    super(requestId);
    if (typeof prefix !== 'string') throw new TypeError('prefix must be a string');
    this.prefix = prefix;
  }
}

/** Removes the record `name`. Answered by a `StoreMetaDeleteResult` once durable. */
export class StoreMetaDelete extends StoreMetaRequest {
  declare private readonly kind: 'store-meta-delete';
  readonly name: string;
  constructor(requestId: string, name: string) {
    super(requestId);
    this.name = checkMetaName(name);
  }
}
