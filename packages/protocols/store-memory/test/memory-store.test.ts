import { ComponentDefinition, ManualScheduler, Runtime } from '@kompics/kernel';
import { ringHash } from '@kompics/ring';
import {
  Store,
  StoreGet,
  type StoreGetResult,
  StorePut,
  StoreResponse,
  StoreSnapshot,
  Tag,
} from '@kompics/store';
import { describe, expect, it } from 'vitest';
import { MemoryStore, MemoryStoreData, scanArc } from '../src/index.js';

class Requester extends ComponentDefinition {
  readonly store = this.requires(Store);
  readonly answers: StoreResponse[] = [];
  constructor() {
    super();
    this.subscribe(this.store, StoreResponse, (r) => this.answers.push(r));
  }
  send(request: StorePut | StoreGet | StoreSnapshot): void {
    this.trigger(request, this.store);
  }
}

class Node extends ComponentDefinition {
  readonly requester = this.create(Requester);
  readonly store;
  constructor(data: MemoryStoreData) {
    super();
    this.store = this.create(MemoryStore, { data });
    this.connect(this.store.provided(Store), this.requester.required(Store));
  }
}

function boot(data: MemoryStoreData) {
  const scheduler = new ManualScheduler();
  const runtime = new Runtime({ scheduler });
  const node = runtime.bootstrap(Node, data);
  runtime.start();
  scheduler.runUntilIdle();
  return { node, scheduler, runtime };
}

describe('MemoryStore', () => {
  it('answers every request synchronously, in order, within one run of the scheduler', () => {
    const { node, scheduler } = boot(new MemoryStoreData());
    const requester = node.requester.definition;
    for (let i = 0; i < 50; i++) requester.send(new StorePut(`p${i}`, `k${i % 5}`, `v${i}`, new Tag(i, 'w')));
    requester.send(new StoreGet('g', 'k3'));
    scheduler.runUntilIdle();
    expect(requester.answers.map((a) => a.requestId)).toEqual([
      ...Array.from({ length: 50 }, (_, i) => `p${i}`),
      'g',
    ]);
    const got = requester.answers.at(-1) as StoreGetResult;
    expect([got.value, got.tag.toString()]).toEqual(['v48', '48:w']);
  });

  it('serves the same data to a new component, as after a restart with the disk intact', () => {
    const data = new MemoryStoreData();
    const first = boot(data);
    first.node.requester.definition.send(new StorePut('p', 'kept', 'value', new Tag(7, 'n1')));
    first.scheduler.runUntilIdle();
    first.runtime.kill();
    first.scheduler.runUntilIdle();

    const second = boot(data);
    second.node.requester.definition.send(new StoreGet('g', 'kept'));
    second.scheduler.runUntilIdle();
    const got = second.node.requester.definition.answers[0] as StoreGetResult;
    expect([got.value, got.tag.toString()]).toEqual(['value', '7:n1']);
    expect(data.size).toBe(1);
  });

  it('drops its snapshots when killed', () => {
    const { node, scheduler, runtime } = boot(new MemoryStoreData());
    node.requester.definition.send(new StoreSnapshot('s', 0, 0));
    scheduler.runUntilIdle();
    expect(node.store.definition.openSnapshots).toBe(1);
    runtime.kill();
    scheduler.runUntilIdle();
    expect(node.store.definition.openSnapshots).toBe(0);
  });

  it('refuses bad options with a clear error', () => {
    const runtime = new Runtime({ scheduler: new ManualScheduler() });
    class Bad extends ComponentDefinition {
      constructor() {
        super();
        this.create(MemoryStore, { data: new Map() as unknown as MemoryStoreData });
      }
    }
    expect(() => runtime.bootstrap(Bad)).toThrow(/data must be a MemoryStoreData/);
    const other = new Runtime({ scheduler: new ManualScheduler() });
    class Worse extends ComponentDefinition {
      constructor() {
        super();
        this.create(MemoryStore, 'nope' as never);
      }
    }
    expect(() => other.bootstrap(Worse)).toThrow(/options must be an object/);
  });
});

describe('MemoryStoreData', () => {
  it('keeps entries sorted by hash and scans in bounded chunks', () => {
    const data = new MemoryStoreData();
    const keys = Array.from({ length: 300 }, (_, i) => `key-${i}`);
    for (const [i, key] of keys.entries()) data.put(key, `v${i}`, new Tag(1, 'w'));
    for (const key of keys.slice(0, 100)) data.put(key, 'updated', new Tag(2, 'w')); // replace in place
    for (const key of keys.slice(100, 150)) data.delete(key);
    const hashes = [...data.entries()].map((e) => e.hash);
    expect(hashes).toEqual([...hashes].sort((a, b) => a - b));
    expect(data.size).toBe(250);
    expect(new Set([...data.entries()].map((e) => e.key)).size).toBe(250);
    const sorted = [...data.entries()];
    const chunk = scanArc(sorted, 0, 0, 10);
    expect(chunk.entries.length).toBe(10);
    expect(chunk.next).toEqual({ hash: chunk.entries[9]?.hash, key: chunk.entries[9]?.key });
    // A cursor outside the arc has nothing after it.
    const h = ringHash('key-7');
    expect(scanArc(sorted, h, h + 1, 5, { hash: h + 100, key: 'x' })).toEqual({
      entries: [],
      next: undefined,
    });
  });

  it('stores copies of bytes', () => {
    const data = new MemoryStoreData();
    const bytes = Uint8Array.from([1, 2, 3]);
    data.put('b', bytes, new Tag(1, 'w'));
    bytes[0] = 9;
    expect(Array.from(data.get('b')?.value as Uint8Array)).toEqual([1, 2, 3]);
  });
});
