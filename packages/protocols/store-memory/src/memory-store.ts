import { ComponentDefinition, Stop } from '@kompics/kernel';
import {
  Store,
  StoreDelete,
  StoreDeleteResult,
  type StoreEntry,
  StoreFailure,
  StoreGet,
  StoreGetResult,
  StoreMetaDelete,
  StoreMetaDeleteResult,
  StoreMetaGet,
  StoreMetaGetResult,
  StoreMetaList,
  StoreMetaListResult,
  StoreMetaPut,
  StoreMetaPutResult,
  StorePut,
  StorePutResult,
  StoreRange,
  StoreRangeRemoved,
  StoreRangeResult,
  StoreReleaseSnapshot,
  StoreRemoveRange,
  StoreSnapshot,
  StoreSnapshotOpened,
  StoreSnapshotReleased,
  StoreStats,
  StoreStatsResult,
  Tag,
} from '@kompics/store';
import { copyValue, type MemoryStoreData } from './memory-store-data.js';
import { type MemoryStoreOptions, resolveMemoryStoreOptions } from './options.js';
import { scanArc } from './sorted-entries.js';

/** An open snapshot: the arc it covers and its entries, sorted by (hash, key). */
interface Snapshot {
  readonly fromExclusive: number;
  readonly toInclusive: number;
  readonly entries: readonly StoreEntry[];
}

/** An entry whose bytes the receiver may keep and change. */
function handOut(entry: StoreEntry): StoreEntry {
  return entry.value instanceof Uint8Array ? { ...entry, value: copyValue(entry.value) } : entry;
}

/**
 * Provides the {@link Store} port in memory, for tests and simulation: every request is answered
 * at once, in order, deterministically.
 *
 * Each key keeps the value with the highest tag it was given — a put whose tag is not greater
 * than the stored one changes nothing (ABD's rule); a null value is a tombstone that keeps its
 * tag. Bytes are copied on the way in and out. Snapshots hold the entries of their arc as they
 * were (entries are immutable, so this costs one array per snapshot) until released or the
 * component stops. `StoreStats` answers from running counts: entries (tombstones included) and
 * the UTF-8 bytes of keys, values and tag writers (see {@link MemoryStoreData.bytes}). The data itself lives in a {@link MemoryStoreData}, which can be handed to
 * a new component to model a restart with the disk intact.
 */
export class MemoryStore extends ComponentDefinition {
  readonly store = this.provides(Store);
  /** The data served (shared with whoever passed it in). */
  readonly data: MemoryStoreData;
  readonly #snapshots = new Map<string, Snapshot>();

  constructor(options?: MemoryStoreOptions) {
    super();
    this.data = resolveMemoryStoreOptions(options).data;
    this.subscribe(this.store, StoreGet, (r) => {
      const entry = this.data.get(r.key);
      this.trigger(
        new StoreGetResult(r.requestId, r.key, copyValue(entry?.value ?? null), entry?.tag ?? Tag.ZERO),
        this.store,
      );
    });
    this.subscribe(this.store, StorePut, (r) => {
      const { applied, tag } = this.data.put(r.key, r.value, r.tag);
      this.trigger(new StorePutResult(r.requestId, r.key, applied, tag), this.store);
    });
    this.subscribe(this.store, StoreDelete, (r) => {
      this.trigger(new StoreDeleteResult(r.requestId, r.key, this.data.delete(r.key)), this.store);
    });
    this.subscribe(this.store, StoreRange, (r) => this.#range(r));
    this.subscribe(this.store, StoreSnapshot, (r) => {
      const snapshotId = `snapshot-${this.context.ids.next()}`;
      const entries = this.data.snapshot(r.fromExclusive, r.toInclusive);
      this.#snapshots.set(snapshotId, {
        fromExclusive: r.fromExclusive,
        toInclusive: r.toInclusive,
        entries,
      });
      this.trigger(
        new StoreSnapshotOpened(r.requestId, snapshotId, r.fromExclusive, r.toInclusive, entries.length),
        this.store,
      );
    });
    this.subscribe(this.store, StoreReleaseSnapshot, (r) => {
      if (this.#snapshots.delete(r.snapshotId)) {
        this.trigger(new StoreSnapshotReleased(r.requestId, r.snapshotId), this.store);
      } else this.#unknownSnapshot(r.requestId, r.snapshotId);
    });
    this.subscribe(this.store, StoreRemoveRange, (r) => {
      const removed = this.data.removeRange(r.fromExclusive, r.toInclusive);
      this.trigger(new StoreRangeRemoved(r.requestId, removed), this.store);
    });
    this.subscribe(this.store, StoreMetaPut, (r) => {
      this.data.putMeta(r.name, r.value);
      this.trigger(new StoreMetaPutResult(r.requestId, r.name), this.store);
    });
    this.subscribe(this.store, StoreMetaGet, (r) => {
      this.trigger(new StoreMetaGetResult(r.requestId, r.name, this.data.getMeta(r.name)), this.store);
    });
    this.subscribe(this.store, StoreMetaList, (r) => {
      this.trigger(new StoreMetaListResult(r.requestId, this.data.listMeta(r.prefix)), this.store);
    });
    this.subscribe(this.store, StoreMetaDelete, (r) => {
      this.trigger(new StoreMetaDeleteResult(r.requestId, r.name, this.data.deleteMeta(r.name)), this.store);
    });
    this.subscribe(this.store, StoreStats, (r) => {
      this.trigger(new StoreStatsResult(r.requestId, this.data.size, this.data.bytes), this.store);
    });
    this.subscribe(this.control, Stop, () => this.#snapshots.clear());
  }

  /** How many snapshots are open (for inspection and tests). */
  get openSnapshots(): number {
    return this.#snapshots.size;
  }

  #range(r: StoreRange): void {
    let chunk: { entries: StoreEntry[]; next: StoreRange['after'] };
    if (r.snapshot === undefined) {
      chunk = this.data.scan(r.fromExclusive, r.toInclusive, r.limit, r.after);
    } else {
      const snapshot = this.#snapshots.get(r.snapshot);
      if (snapshot === undefined) {
        this.#unknownSnapshot(r.requestId, r.snapshot);
        return;
      }
      // The snapshot holds its own arc only; the request's arc narrows it further.
      chunk = scanArc(snapshot.entries, r.fromExclusive, r.toInclusive, r.limit, r.after);
    }
    this.trigger(new StoreRangeResult(r.requestId, chunk.entries.map(handOut), chunk.next), this.store);
  }

  #unknownSnapshot(requestId: string, snapshotId: string): void {
    this.trigger(
      new StoreFailure(requestId, 'unknown-snapshot', `no open snapshot ${snapshotId}`),
      this.store,
    );
  }
}
