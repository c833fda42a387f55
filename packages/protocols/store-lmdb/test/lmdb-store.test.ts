import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComponentDefinition, ManualScheduler, Runtime } from '@kompics/kernel';
import { StoreFailure, StoreGet, Tag } from '@kompics/store';
import { openStoreSession } from '@kompics/store/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { LmdbStore, LmdbStoreError, type LmdbStoreOptions } from '../src/index.js';

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kompics-lmdb-opts-'));
  scratch.push(dir);
  return dir;
}

/** Creates an LmdbStore with `options` inside a root component, as an app would. */
function create(options: LmdbStoreOptions): LmdbStore {
  class Host extends ComponentDefinition {
    readonly store = this.create(LmdbStore, options);
  }
  const host = new Runtime({ scheduler: new ManualScheduler() }).bootstrap(Host);
  return host.store.definition;
}

describe('LmdbStore options', () => {
  it('creates a missing data directory, parents included, and opens it', async () => {
    const dir = join(tempDir(), 'a', 'b', 'data.lmdb'); // an extension does not make it a file
    const store = create({ path: dir });
    expect(store.directory).toBe(dir);
    expect(readdirSync(dir).sort()).toEqual(['data.mdb', 'lock.mdb', 'meta']);
    await store.close();
  });

  it('refuses a path that is missing, empty or not a directory, saying why', () => {
    expect(() => create(undefined as unknown as LmdbStoreOptions)).toThrow(
      /needs options with a data directory path/,
    );
    expect(() => create({} as LmdbStoreOptions)).toThrow(/path must be a non-empty string, got undefined/);
    expect(() => create({ path: '  ' })).toThrow(TypeError);
    expect(() => create({ path: 'a\0b' })).toThrow(/NUL/);
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, 'not a directory');
    expect(() => create({ path: file })).toThrow(LmdbStoreError);
    expect(() => create({ path: file })).toThrow(/exists and is not a directory/);
    expect(() => create({ path: join(file, 'below') })).toThrow(/cannot (create|inspect) data directory/);
  });
});

describe('LmdbStore lifecycle', () => {
  it('answers requests sent after close with a closed failure', async () => {
    const path = tempDir();
    const session = openStoreSession({ definition: LmdbStore, args: [{ path }] });
    await session.put('k', 'v', new Tag(1, 'w'));
    await (session.store as LmdbStore).close();
    const answer = await session.send(new StoreGet(session.nextId(), 'k'));
    expect(answer).toBeInstanceOf(StoreFailure);
    expect((answer as StoreFailure).reason).toBe('closed');
    await session.kill();
  });

  it('answers every write sent around a stop, and reopens on the next start', async () => {
    const path = tempDir();
    const session = openStoreSession({ definition: LmdbStore, args: [{ path }] });
    await session.get('warm-up');
    // Some of these are on their way to disk when Stop comes, the rest wait for the Start.
    const writes = Array.from({ length: 100 }, (_, i) => session.put(`k${i}`, `v${i}`, new Tag(1, 'w')));
    await session.stop();
    await session.start();
    expect((await Promise.all(writes)).every((r) => r.applied)).toBe(true);
    expect((await session.scan(0, 0, 1000)).entries.length).toBe(100);
    await session.kill();
    await (session.store as LmdbStore).close();
    expect(existsSync(join(path, 'data.mdb'))).toBe(true);
  });
});
