// The example in README.md, kept here so that it is compiled and run with the tests.
import { ComponentDefinition, ManualScheduler, Runtime, Start } from '@kompics/kernel';
import { Store, StoreGet, StoreGetResult, StorePut, StorePutResult, Tag } from '@kompics/store';
import { expect, it } from 'vitest';
import { MemoryStore, MemoryStoreData } from '../src/index.js';

class Client extends ComponentDefinition {
  readonly store = this.requires(Store);
  readonly log: string[] = [];
  constructor() {
    super();
    this.subscribe(this.control, Start, () => {
      this.trigger(new StorePut('w1', 'greeting', 'hello', new Tag(2, 'a')), this.store);
      this.trigger(new StorePut('w2', 'greeting', 'stale', new Tag(1, 'z')), this.store); // lower tag
      this.trigger(new StoreGet('r1', 'greeting'), this.store);
    });
    this.subscribe(this.store, StorePutResult, (r) => this.log.push(`${r.requestId} applied=${r.applied}`));
    this.subscribe(this.store, StoreGetResult, (r) => this.log.push(`${r.requestId} ${r.value} @ ${r.tag}`));
  }
}

class Main extends ComponentDefinition {
  readonly client = this.create(Client);
  constructor(data: MemoryStoreData) {
    super();
    const store = this.create(MemoryStore, { data });
    this.connect(store.provided(Store), this.client.required(Store));
  }
}

it('runs the README example', () => {
  const data = new MemoryStoreData(); // hand the same data to a new MemoryStore to model a restart
  const scheduler = new ManualScheduler(); // production code leaves this out
  const runtime = new Runtime({ scheduler });
  const main = runtime.bootstrap(Main, data);
  runtime.start();
  scheduler.runUntilIdle();
  expect(main.client.definition.log).toEqual(['w1 applied=true', 'w2 applied=false', 'r1 hello @ 2:a']);
  expect(data.get('greeting')?.tag.toString()).toBe('2:a');
});
