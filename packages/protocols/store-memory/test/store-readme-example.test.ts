// The example in @kompics/store's README.md (a port package cannot depend on an
// implementation, so it runs here, against the in-memory store).
import { ComponentDefinition, ManualScheduler, Runtime, Start } from '@kompics/kernel';
import { inArc, ringHash } from '@kompics/ring';
import {
  Store,
  type StoreEntry,
  StoreRange,
  StoreRangeResult,
  StoreReleaseSnapshot,
  StoreSnapshot,
  StoreSnapshotOpened,
  Tag,
} from '@kompics/store';
import { expect, it } from 'vitest';
import { MemoryStore, MemoryStoreData } from '../src/index.js';

class ArcReader extends ComponentDefinition {
  readonly store = this.requires(Store);
  readonly entries: StoreEntry[] = [];
  done = false;
  #snapshot = '';
  constructor(from: number, to: number, chunk = 100) {
    super();
    this.subscribe(this.control, Start, () => this.trigger(new StoreSnapshot('open', from, to), this.store));
    this.subscribe(this.store, StoreSnapshotOpened, (opened) => {
      this.#snapshot = opened.snapshotId;
      this.trigger(new StoreRange('chunk-0', from, to, chunk, undefined, this.#snapshot), this.store);
    });
    this.subscribe(this.store, StoreRangeResult, (result) => {
      this.entries.push(...result.entries); // e.g. send them to the new replica
      if (result.next !== undefined) {
        const id = `chunk-${this.entries.length}`;
        this.trigger(new StoreRange(id, from, to, chunk, result.next, this.#snapshot), this.store);
      } else {
        this.trigger(new StoreReleaseSnapshot('release', this.#snapshot), this.store);
        this.done = true;
      }
    });
  }
}

class Main extends ComponentDefinition {
  readonly store;
  readonly reader;
  constructor(data: MemoryStoreData, from: number, to: number) {
    super();
    this.store = this.create(MemoryStore, { data });
    this.reader = this.create(ArcReader, from, to, 7);
    this.connect(this.store.provided(Store), this.reader.required(Store));
  }
}

it("runs @kompics/store's README example: a chunked, consistent read of an arc", () => {
  const data = new MemoryStoreData();
  for (let i = 0; i < 200; i++) data.put(`key${i}`, `value${i}`, new Tag(1, 'w'));
  const from = ringHash('key10');
  const to = ringHash('key20');
  const scheduler = new ManualScheduler();
  const runtime = new Runtime({ scheduler });
  const main = runtime.bootstrap(Main, data, from, to);
  runtime.start();
  scheduler.runUntilIdle();
  const reader = main.reader.definition;
  expect(reader.done).toBe(true);
  const want = [...data.entries()].filter((e) => inArc(e.hash, from, to)).map((e) => e.key);
  expect(reader.entries.map((e) => e.key).sort()).toEqual(want.sort());
  expect(main.store.definition.openSnapshots).toBe(0);
});
