// The example in README.md, kept here so that it is compiled and run with the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentDefinition, Runtime, Start } from '@kompics/kernel';
import { Store, StoreGet, StoreGetResult, StorePut, StorePutResult, Tag } from '@kompics/store';
import { expect, it } from 'vitest';
import { LmdbStore } from '../src/index.js';

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
    // Each answer comes once what it reports is on disk.
    this.subscribe(this.store, StorePutResult, (r) => this.log.push(`${r.requestId} applied=${r.applied}`));
    this.subscribe(this.store, StoreGetResult, (r) => this.log.push(`${r.requestId} ${r.value} @ ${r.tag}`));
  }
}

class Main extends ComponentDefinition {
  readonly client = this.create(Client);
  readonly store;
  constructor(path: string) {
    super();
    this.store = this.create(LmdbStore, { path }); // created if missing
    this.connect(this.store.provided(Store), this.client.required(Store));
  }
}

it('runs the README example', async () => {
  const path = mkdtempSync(join(tmpdir(), 'kompics-lmdb-readme-'));
  try {
    const runtime = new Runtime();
    const main = runtime.bootstrap(Main, path);
    runtime.start();
    const log = main.client.definition.log;
    while (log.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    expect([...log].sort()).toEqual(['r1 hello @ 2:a', 'w1 applied=true', 'w2 applied=false']);
    runtime.kill();
    await main.store.definition.close();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
});
