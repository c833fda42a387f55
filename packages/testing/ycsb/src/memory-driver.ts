import type { KvDriver } from './driver.js';

/**
 * A driver over a `Map` in this process, answering on the next microtask: the generator's own
 * cost, the floor any real store is measured against, and a stand-in for tests.
 */
export class MemoryDriver implements KvDriver {
  readonly name = 'memory';
  readonly data = new Map<string, Uint8Array>();

  async read(key: string): Promise<Uint8Array | undefined> {
    return this.data.get(key);
  }

  async update(key: string, value: Uint8Array): Promise<void> {
    this.data.set(key, value);
  }

  async close(): Promise<void> {}
}
