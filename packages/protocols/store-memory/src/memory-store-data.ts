import { inArc, ringHash } from '@kompics/ring';
import { type StoreCursor, type StoreEntry, type StoreValue, Tag, utf8ByteLength } from '@kompics/store';
import { type Chunk, lowerBound, scanArc } from './sorted-entries.js';

/** A copy of bytes (strings and null are immutable already). */
export function copyValue<V extends StoreValue | null>(value: V): V {
  return (value instanceof Uint8Array ? value.slice() : value) as V;
}

/** The approximate size of an entry: UTF-8 bytes of its key, value and tag writer. */
function entryBytes(entry: StoreEntry): number {
  const value =
    entry.value === null
      ? 0
      : typeof entry.value === 'string'
        ? utf8ByteLength(entry.value)
        : entry.value.byteLength;
  return utf8ByteLength(entry.key) + value + utf8ByteLength(entry.tag.writer);
}

/**
 * The data of an in-memory store: the highest-tagged value of each key, indexed by key and kept
 * sorted by (key hash, key) for range scans. It outlives the {@link MemoryStore} component that
 * serves it when handed to the next one, which lets a simulation model a node whose disk
 * survives a crash and restart (metadata records included). Entries are immutable: a write replaces an entry, so snapshots
 * share them safely.
 */
export class MemoryStoreData {
  readonly #byKey = new Map<string, StoreEntry>();
  readonly #sorted: StoreEntry[] = [];
  readonly #meta = new Map<string, StoreValue>();
  /** The running sum of {@link entryBytes} over the stored entries. */
  #bytes = 0;

  /** How many keys are stored (tombstones included). */
  get size(): number {
    return this.#byKey.size;
  }

  /**
   * The approximate size of the data, kept as a running count: the UTF-8 bytes of every stored
   * key, value (bytes as they are; tombstones none) and tag writer id. Metadata is not counted.
   */
  get bytes(): number {
    return this.#bytes;
  }

  /** The entry of `key`, if any. Its bytes are the store's own: copy before handing them out. */
  get(key: string): StoreEntry | undefined {
    return this.#byKey.get(key);
  }

  /**
   * Stores `value` (copied) with `tag` if `tag` is greater than the stored tag ({@link Tag.ZERO}
   * when absent). Returns whether it did, and the tag stored now.
   */
  put(key: string, value: StoreValue | null, tag: Tag): { applied: boolean; tag: Tag } {
    const current = this.#byKey.get(key);
    if (!tag.isAfter(current?.tag ?? Tag.ZERO)) return { applied: false, tag: current?.tag ?? Tag.ZERO };
    const hash = current?.hash ?? ringHash(key);
    const entry: StoreEntry = Object.freeze({ key, hash, value: copyValue(value), tag });
    this.#byKey.set(key, entry);
    this.#bytes += entryBytes(entry) - (current === undefined ? 0 : entryBytes(current));
    const at = lowerBound(this.#sorted, entry);
    if (current === undefined) this.#sorted.splice(at, 0, entry);
    else this.#sorted[at] = entry;
    return { applied: true, tag };
  }

  /** Forgets `key`; returns whether it was there. */
  delete(key: string): boolean {
    const current = this.#byKey.get(key);
    if (current === undefined) return false;
    this.#byKey.delete(key);
    this.#bytes -= entryBytes(current);
    this.#sorted.splice(lowerBound(this.#sorted, current), 1);
    return true;
  }

  /** One chunk of a range scan (see `scanArc`). */
  scan(fromExclusive: number, toInclusive: number, limit: number, after?: StoreCursor): Chunk {
    return scanArc(this.#sorted, fromExclusive, toInclusive, limit, after);
  }

  /** The entries of an arc as they are now, sorted by (hash, key). */
  snapshot(fromExclusive: number, toInclusive: number): StoreEntry[] {
    return this.#sorted.filter((e) => inArc(e.hash, fromExclusive, toInclusive));
  }

  /** Forgets every entry of an arc; returns how many there were. */
  removeRange(fromExclusive: number, toInclusive: number): number {
    let kept = 0;
    let removed = 0;
    for (const entry of this.#sorted) {
      if (inArc(entry.hash, fromExclusive, toInclusive)) {
        this.#byKey.delete(entry.key);
        this.#bytes -= entryBytes(entry);
        removed++;
      } else this.#sorted[kept++] = entry;
    }
    this.#sorted.length = kept;
    return removed;
  }

  /** Sets the metadata record `name` (a copy of `value`). */
  putMeta(name: string, value: StoreValue): void {
    this.#meta.set(name, copyValue(value));
  }

  /** The metadata record `name` (a copy), or null. */
  getMeta(name: string): StoreValue | null {
    const value = this.#meta.get(name);
    return value === undefined ? null : copyValue(value);
  }

  /** Removes the metadata record `name`; returns whether it was there. */
  deleteMeta(name: string): boolean {
    return this.#meta.delete(name);
  }

  /** The metadata records whose names start with `prefix`, sorted by name (copies). */
  listMeta(prefix = ''): { name: string; value: StoreValue }[] {
    return [...this.#meta.keys()]
      .filter((name) => name.startsWith(prefix))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => ({ name, value: copyValue(this.#meta.get(name) as StoreValue) }));
  }

  /** How many metadata records there are. */
  get metaSize(): number {
    return this.#meta.size;
  }

  /** Every entry, sorted by (hash, key). */
  entries(): IterableIterator<StoreEntry> {
    return this.#sorted.values();
  }
}
