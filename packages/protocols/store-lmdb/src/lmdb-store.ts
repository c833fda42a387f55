import { ComponentDefinition, Start, Stop } from '@kompics/kernel';
import {
  Store,
  StoreDelete,
  StoreDeleteResult,
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
  type StoreResponse,
  StoreSnapshot,
  StoreSnapshotOpened,
  StoreSnapshotReleased,
  StoreStats,
  StoreStatsResult,
  Tag,
} from '@kompics/store';
import { LmdbData, type ReadSnapshot } from './lmdb-data.js';
import { LmdbStoreError, type LmdbStoreOptions, resolveLmdbStoreOptions } from './options.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Provides the {@link Store} port on LMDB (through lmdb-js), durably: a put, delete or range
 * removal is answered only once it is on disk, so after a crash, reopening the directory gives
 * back every write that was acknowledged. Metadata records live in a second environment in the
 * `meta` subdirectory, synced the same way.
 *
 * Each key keeps the value with the highest tag it was given (ABD's rule); a null value is a
 * tombstone that keeps its tag. Entries are keyed by `[ringHash(key), key]`, so a range of the
 * ring is a range of the database. Writes are batched by LMDB (those of one event-loop turn share
 * a commit). A request sees the effect of every request sent before it; an answer waits until
 * the state it reports is durable. A snapshot is an LMDB read transaction, held until
 * released (a long-held one keeps old pages from being reused). `StoreStats` answers from LMDB's
 * own statistics once earlier writes are durable: the entry count (tombstones included) and the
 * bytes of the pages the data tree uses on disk.
 *
 * The data directory is validated, created if missing and opened when the component is created
 * (an {@link LmdbStoreError} or `TypeError` says what is wrong). The environment closes on Stop
 * (and Kill), after pending writes, and opens again on the next Start; call {@link close} when
 * destroying the component without a Stop. Requests arriving while closed fail with `closed`;
 * an I/O error fails its request with `io`.
 */
export class LmdbStore extends ComponentDefinition {
  readonly store = this.provides(Store);
  /** The absolute path of the data directory. */
  readonly directory: string;
  #data: LmdbData;
  readonly #snapshots = new Map<string, ReadSnapshot>();
  /** Set from {@link close} until the next Start reopens the environment. */
  #closing: Promise<void> | undefined;
  /** Set while a Start reopens the environment; requests wait for it. */
  #opening: Promise<void> | undefined;
  /** Why the environment could not be reopened, if it could not. */
  #broken: Error | undefined;

  constructor(options: LmdbStoreOptions) {
    super();
    this.directory = resolveLmdbStoreOptions(options).path;
    this.#data = this.#open();
    this.subscribe(this.store, StoreGet, (r) =>
      this.#answer(r.requestId, async () => {
        const entry = await this.#data.get(r.key);
        return new StoreGetResult(r.requestId, r.key, entry?.value ?? null, entry?.tag ?? Tag.ZERO);
      }),
    );
    this.subscribe(this.store, StorePut, (r) =>
      this.#answer(r.requestId, () => {
        const written = this.#data.put(r.key, r.value, r.tag);
        return written.then(({ applied, tag }) => new StorePutResult(r.requestId, r.key, applied, tag));
      }),
    );
    this.subscribe(this.store, StoreDelete, (r) =>
      this.#answer(r.requestId, () =>
        this.#data.delete(r.key).then((existed) => new StoreDeleteResult(r.requestId, r.key, existed)),
      ),
    );
    this.subscribe(this.store, StoreRemoveRange, (r) =>
      this.#answer(r.requestId, () =>
        this.#data
          .removeRange(r.fromExclusive, r.toInclusive)
          .then((removed) => new StoreRangeRemoved(r.requestId, removed)),
      ),
    );
    this.subscribe(this.store, StoreRange, (r) => this.#answer(r.requestId, () => this.#range(r)));
    this.subscribe(this.store, StoreSnapshot, (r) =>
      this.#answer(r.requestId, async () => {
        await this.#data.written();
        const snapshot = this.#data.openSnapshot(r.fromExclusive, r.toInclusive);
        const snapshotId = `snapshot-${this.context.ids.next()}`;
        this.#snapshots.set(snapshotId, snapshot);
        return new StoreSnapshotOpened(
          r.requestId,
          snapshotId,
          r.fromExclusive,
          r.toInclusive,
          snapshot.size,
        );
      }),
    );
    this.subscribe(this.store, StoreReleaseSnapshot, (r) => {
      const snapshot = this.#snapshots.get(r.snapshotId);
      if (snapshot === undefined) {
        this.trigger(this.#unknownSnapshot(r.requestId, r.snapshotId), this.store);
        return;
      }
      this.#snapshots.delete(r.snapshotId);
      snapshot.transaction.done();
      this.trigger(new StoreSnapshotReleased(r.requestId, r.snapshotId), this.store);
    });
    this.subscribe(this.store, StoreMetaPut, (r) =>
      this.#answer(r.requestId, () =>
        this.#data.putMeta(r.name, r.value).then(() => new StoreMetaPutResult(r.requestId, r.name)),
      ),
    );
    this.subscribe(this.store, StoreMetaGet, (r) =>
      this.#answer(r.requestId, () =>
        this.#data.getMeta(r.name).then((value) => new StoreMetaGetResult(r.requestId, r.name, value)),
      ),
    );
    this.subscribe(this.store, StoreMetaList, (r) =>
      this.#answer(r.requestId, () =>
        this.#data.listMeta(r.prefix).then((records) => new StoreMetaListResult(r.requestId, records)),
      ),
    );
    this.subscribe(this.store, StoreMetaDelete, (r) =>
      this.#answer(r.requestId, () =>
        this.#data
          .deleteMeta(r.name)
          .then((existed) => new StoreMetaDeleteResult(r.requestId, r.name, existed)),
      ),
    );
    this.subscribe(this.store, StoreStats, (r) =>
      this.#answer(r.requestId, async () => {
        await this.#data.written();
        if (this.#data.closed) return new StoreFailure(r.requestId, 'closed', 'the store is closed');
        const { entries, bytes } = this.#data.stats();
        return new StoreStatsResult(r.requestId, entries, bytes);
      }),
    );
    this.subscribe(this.control, Start, () => this.#reopen());
    this.subscribe(this.control, Stop, () => void this.close());
  }

  #open(): LmdbData {
    try {
      return new LmdbData(this.directory);
    } catch (error) {
      throw new LmdbStoreError(`LmdbStore: cannot open ${this.directory}: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  /** On a Start after a Stop (or {@link close}): opens the environment again once it is closed. */
  #reopen(): void {
    const closing = this.#closing;
    if (closing === undefined) return;
    this.#closing = undefined;
    this.#opening = closing
      .then(() => {
        this.#data = this.#open();
        this.#broken = undefined;
      })
      .catch((error: unknown) => {
        this.#broken = error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => {
        this.#opening = undefined;
      });
  }

  /** How many snapshots are open (for inspection and tests). */
  get openSnapshots(): number {
    return this.#snapshots.size;
  }

  /**
   * Releases open snapshots, waits for pending writes (they are still answered) and closes the
   * environment; resolves once it is closed. Safe to call more than once. Done on Stop (and so
   * on Kill); the next Start opens the environment again.
   */
  close(): Promise<void> {
    if (this.#closing === undefined) {
      for (const snapshot of this.#snapshots.values()) snapshot.transaction.done();
      this.#snapshots.clear();
      const opening = this.#opening ?? Promise.resolve();
      this.#closing = opening.then(() => this.#data.close());
    }
    return this.#closing;
  }

  async #range(r: StoreRange): Promise<StoreResponse> {
    let snapshot: ReadSnapshot | undefined;
    if (r.snapshot !== undefined) {
      snapshot = this.#snapshots.get(r.snapshot);
      if (snapshot === undefined) return this.#unknownSnapshot(r.requestId, r.snapshot);
    } else {
      await this.#data.written();
    }
    if (this.#data.closed) return new StoreFailure(r.requestId, 'closed', 'the store is closed');
    const { entries, next } = this.#data.scan(r.fromExclusive, r.toInclusive, r.limit, r.after, snapshot);
    return new StoreRangeResult(r.requestId, entries, next);
  }

  #unknownSnapshot(requestId: string, snapshotId: string): StoreFailure {
    return new StoreFailure(requestId, 'unknown-snapshot', `no open snapshot ${snapshotId}`);
  }

  /**
   * Runs `work` (after a reopen in progress) and triggers its response when it settles; a
   * failure becomes a {@link StoreFailure}.
   */
  #answer(requestId: string, work: () => Promise<StoreResponse>): void {
    if (this.#closing !== undefined) {
      this.trigger(new StoreFailure(requestId, 'closed', 'the store is closed'), this.store);
      return;
    }
    const run = (): Promise<StoreResponse> => {
      if (this.#broken !== undefined) return Promise.reject(this.#broken);
      try {
        return work();
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const pending = this.#opening === undefined ? run() : this.#opening.then(run);
    pending.then(
      (response) => this.trigger(response, this.store),
      (error: unknown) => this.trigger(new StoreFailure(requestId, 'io', describe(error)), this.store),
    );
  }
}
