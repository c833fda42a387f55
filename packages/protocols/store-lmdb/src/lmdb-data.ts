import { join } from 'node:path';
import { inArc, RING_SIZE, ringHash } from '@kompics/ring';
import { arcSegments, type StoreCursor, type StoreEntry, type StoreValue, Tag } from '@kompics/store';
import { type Database, open, type RangeOptions, type Transaction } from 'lmdb';
import { decodeKey, encodeKey, hashBound } from './key-codec.js';
import { decodeRecord, encodeRecord } from './record-codec.js';

/** A write handed to LMDB and not yet durable: the state it leaves the key in. */
interface PendingWrite {
  /** The entry after the write; undefined after a removal. */
  readonly entry: StoreEntry | undefined;
  /** Settles when the write is durable (or failed). */
  readonly done: Promise<void>;
}

/** One chunk of a scan, and the cursor to continue after if there are more. */
export interface Chunk {
  readonly entries: StoreEntry[];
  readonly next: StoreCursor | undefined;
}

/** A consistent read view, with the arc it was opened for. */
export interface ReadSnapshot {
  readonly fromExclusive: number;
  readonly toInclusive: number;
  readonly transaction: Transaction;
  readonly size: number;
}

const noop = () => {};

/**
 * The durable data of an {@link LmdbStore}, on one LMDB environment.
 *
 * Every decision — does this put's tag beat the stored one, which keys does a range removal
 * hit — is made synchronously when a request arrives, against the latest state: the writes
 * still on their way to disk (kept in an overlay) over what LMDB has committed. The write is
 * then handed to LMDB, which commits queued writes in order, batched, and the returned promise
 * resolves only once its commit is durable. A get answers with the key's state as of its place
 * among the requests, and range reads see at least every earlier write — each once it is
 * durable, so answers never show data that a crash could still take back.
 *
 * The environment is opened with `overlappingSync: false`: LMDB then syncs each commit to disk
 * before the commit returns, and lmdb-js resolves a write's promise after that commit. (With
 * lmdb-js's default on Linux, overlapping sync, the promise would resolve when the commit is
 * visible, before it is flushed.)
 */
export class LmdbData {
  readonly #db: Database<Buffer, Buffer>;
  /** Metadata records, in an environment of their own (`<path>/meta`), synced like the data. */
  readonly #meta: Database<Buffer, Buffer>;
  /** Metadata requests run one after another, each after the previous one is durable. */
  #metaChain: Promise<unknown> = Promise.resolve();
  readonly #pending = new Map<string, PendingWrite>();
  /** Settles after every write handed to LMDB so far. */
  #allWritten: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(path: string) {
    this.#db = open<Buffer, Buffer>({
      path,
      noSubdir: false,
      keyEncoding: 'binary',
      encoding: 'binary',
      overlappingSync: false,
      compression: false,
    });
    try {
      this.#meta = open<Buffer, Buffer>({
        path: join(path, 'meta'),
        noSubdir: false,
        keyEncoding: 'binary',
        encoding: 'binary',
        overlappingSync: false,
        compression: false,
      });
    } catch (error) {
      void this.#db.close();
      throw error;
    }
  }

  #metaStep<T>(step: () => Promise<T> | T): Promise<T> {
    const run = this.#metaChain.then(step);
    this.#metaChain = run.then(noop, noop);
    this.#allWritten = Promise.all([this.#allWritten, this.#metaChain]).then(noop);
    return run;
  }

  /** Replaces the metadata record `name`; resolves once it is durable. */
  putMeta(name: string, value: StoreValue): Promise<void> {
    const record = encodeRecord(value, Tag.ZERO);
    return this.#metaStep(async () => {
      await this.#meta.put(Buffer.from(name, 'utf8'), record);
    });
  }

  /** The metadata record `name` (after every earlier metadata request), or null. */
  getMeta(name: string): Promise<StoreValue | null> {
    return this.#metaStep(() => {
      const bytes = this.#meta.get(Buffer.from(name, 'utf8'));
      return bytes === undefined ? null : decodeRecord(bytes).value;
    });
  }

  /** Removes the metadata record `name`; resolves once durable, with whether it was there. */
  deleteMeta(name: string): Promise<boolean> {
    return this.#metaStep(async () => {
      const key = Buffer.from(name, 'utf8');
      if (this.#meta.get(key) === undefined) return false;
      await this.#meta.remove(key);
      return true;
    });
  }

  /** The metadata records whose names start with `prefix`, sorted by name. */
  listMeta(prefix: string): Promise<{ name: string; value: StoreValue }[]> {
    return this.#metaStep(() => {
      const records: { name: string; value: StoreValue }[] = [];
      for (const { key, value } of this.#meta.getRange({ start: Buffer.from(prefix, 'utf8') })) {
        const name = Buffer.from(key).toString('utf8');
        if (!name.startsWith(prefix)) break;
        records.push({ name, value: decodeRecord(value).value as StoreValue });
      }
      return records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The key's latest state: its pending write's, else what LMDB has committed. */
  #current(key: string, hash: number): StoreEntry | undefined {
    const pending = this.#pending.get(key);
    if (pending !== undefined) return pending.entry;
    return this.#committed(key, hash);
  }

  #committed(key: string, hash: number, transaction?: Transaction): StoreEntry | undefined {
    const bytes = transaction
      ? this.#db.get(encodeKey(hash, key), { transaction })
      : this.#db.get(encodeKey(hash, key));
    if (bytes === undefined) return undefined;
    const { value, tag } = decodeRecord(bytes);
    return { key, hash, value, tag };
  }

  /** Records a write handed to LMDB; resolves when it is durable. */
  #track(key: string, entry: StoreEntry | undefined, write: Promise<boolean>): Promise<void> {
    const done = write.then(noop);
    const pending = { entry, done };
    this.#pending.set(key, pending);
    const settled = done.then(noop, noop).then(() => {
      if (this.#pending.get(key) === pending) this.#pending.delete(key);
    });
    this.#allWritten = Promise.all([this.#allWritten, settled]).then(noop);
    return done;
  }

  /**
   * The key's entry as the requests so far left it, once that state is durable (if its write
   * fails, what LMDB has committed). Bytes are a fresh copy.
   */
  async get(key: string): Promise<StoreEntry | undefined> {
    const hash = ringHash(key);
    const pending = this.#pending.get(key);
    if (pending === undefined) return this.#committed(key, hash);
    try {
      await pending.done;
    } catch {
      return this.#committed(key, hash);
    }
    const entry = pending.entry;
    return entry?.value instanceof Uint8Array ? { ...entry, value: entry.value.slice() } : entry;
  }

  /**
   * Writes `value` with `tag` if `tag` beats the key's latest tag. Resolves, once the write (or,
   * when not applied, the write that holds the winning tag) is durable, with whether it was
   * applied and the tag stored.
   */
  put(key: string, value: StoreValue | null, tag: Tag): Promise<{ applied: boolean; tag: Tag }> {
    const hash = ringHash(key);
    const current = this.#current(key, hash);
    const stored = current?.tag ?? Tag.ZERO;
    if (!tag.isAfter(stored)) {
      const durable = this.#pending.get(key)?.done ?? Promise.resolve();
      return durable.then(() => ({ applied: false, tag: stored }));
    }
    const entry: StoreEntry = { key, hash, value: value instanceof Uint8Array ? value.slice() : value, tag };
    const done = this.#track(key, entry, this.#db.put(encodeKey(hash, key), encodeRecord(value, tag)));
    return done.then(() => ({ applied: true, tag }));
  }

  /** Removes the key; resolves once that is durable, with whether it was there. */
  delete(key: string): Promise<boolean> {
    const hash = ringHash(key);
    if (this.#current(key, hash) === undefined) {
      const durable = this.#pending.get(key)?.done ?? Promise.resolve();
      return durable.then(() => false);
    }
    return this.#track(key, undefined, this.#db.remove(encodeKey(hash, key))).then(() => true);
  }

  /** Removes every entry of an arc; resolves once that is durable, with how many there were. */
  removeRange(fromExclusive: number, toInclusive: number): Promise<number> {
    const victims = new Map<string, number>();
    for (const [lo, hi] of arcSegments(fromExclusive, toInclusive)) {
      for (const raw of this.#db.getKeys(this.#bounds(lo, hi))) {
        const { hash, key } = decodeKey(raw);
        victims.set(key, hash);
      }
    }
    for (const [key, pending] of this.#pending) {
      if (pending.entry !== undefined && inArc(pending.entry.hash, fromExclusive, toInclusive)) {
        victims.set(key, pending.entry.hash);
      }
    }
    const writes: Promise<void>[] = [];
    for (const [key, hash] of victims) {
      if (this.#current(key, hash) === undefined) continue;
      writes.push(this.#track(key, undefined, this.#db.remove(encodeKey(hash, key))));
    }
    return Promise.all(writes).then(() => writes.length);
  }

  /** Resolves once every write handed to LMDB so far has settled. */
  written(): Promise<void> {
    return this.#allWritten;
  }

  /**
   * Reads a chunk of an arc, in arc order, from what LMDB has committed (or from a snapshot,
   * whose own arc then narrows the request's).
   */
  scan(
    fromExclusive: number,
    toInclusive: number,
    limit: number,
    after: StoreCursor | undefined,
    snapshot?: ReadSnapshot,
  ): Chunk {
    const segments = arcSegments(fromExclusive, toInclusive);
    let first = 0;
    if (after !== undefined) {
      first = segments.findIndex(([lo, hi]) => after.hash >= lo && after.hash <= hi);
      if (first < 0) return { entries: [], next: undefined };
    }
    const entries: StoreEntry[] = [];
    for (let s = first; s < segments.length; s++) {
      const [lo, hi] = segments[s] as readonly [number, number];
      const options: RangeOptions = this.#bounds(lo, hi);
      if (s === first && after !== undefined) {
        options.start = encodeKey(after.hash, after.key);
        options.exclusiveStart = true;
      }
      if (snapshot !== undefined) options.transaction = snapshot.transaction;
      for (const { key: raw, value } of this.#db.getRange(options)) {
        const { hash, key } = decodeKey(raw);
        if (snapshot !== undefined && !inArc(hash, snapshot.fromExclusive, snapshot.toInclusive)) continue;
        if (entries.length === limit) {
          const last = entries[limit - 1] as StoreEntry;
          return { entries, next: { hash: last.hash, key: last.key } };
        }
        const record = decodeRecord(value);
        entries.push({ key, hash, value: record.value, tag: record.tag });
      }
    }
    return { entries, next: undefined };
  }

  /** Opens a read transaction: a consistent view of what LMDB has committed now. */
  openSnapshot(fromExclusive: number, toInclusive: number): ReadSnapshot {
    const transaction = this.#db.useReadTransaction();
    let size = 0;
    for (const [lo, hi] of arcSegments(fromExclusive, toInclusive)) {
      size += this.#db.getKeysCount({ ...this.#bounds(lo, hi), transaction });
    }
    return { fromExclusive, toInclusive, transaction, size };
  }

  /**
   * How much LMDB has committed, from its own statistics (no scan): the data tree's entry count
   * (tombstones included; metadata lives in another environment) and the bytes of the pages it
   * uses (branch + leaf + overflow pages × page size). Call after {@link written} to count every
   * earlier write.
   */
  stats(): { entries: number; bytes: number } {
    const stats = this.#db.getStats() as {
      entryCount: number;
      pageSize: number;
      treeBranchPageCount: number;
      treeLeafPageCount: number;
      overflowPages: number;
    };
    const pages = stats.treeBranchPageCount + stats.treeLeafPageCount + stats.overflowPages;
    return { entries: stats.entryCount, bytes: pages * stats.pageSize };
  }

  /** Range options covering the hashes `[lo, hi]`. */
  #bounds(lo: number, hi: number): RangeOptions {
    const options: RangeOptions = { start: hashBound(lo) };
    if (hi < RING_SIZE - 1) options.end = hashBound(hi + 1);
    return options;
  }

  /** Waits for pending writes, then closes the environment. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#allWritten;
    await this.#db.close();
    await this.#meta.close();
  }
}
