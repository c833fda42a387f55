import { Etcd3 } from 'etcd3';
import type { KvDriver } from './driver.js';

/**
 * Drives etcd through `etcd3` (the maintained etcd v3 gRPC client for Node). Reads are etcd's
 * default linearizable reads (through the leader's read index), writes are Raft-committed, so
 * both sides of a comparison with CATS are linearizable; etcd fsyncs its WAL before
 * acknowledging, as CATS's lmdb store syncs before it acknowledges.
 */
export class EtcdDriver implements KvDriver {
  readonly name = 'etcd';
  readonly #client: Etcd3;

  constructor(endpoints: readonly string[]) {
    if (endpoints.length === 0) throw new RangeError('EtcdDriver needs at least one endpoint');
    this.#client = new Etcd3({ hosts: [...endpoints] });
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const value = await this.#client.get(key).buffer();
    return value ?? undefined;
  }

  async update(key: string, value: Uint8Array): Promise<void> {
    await this.#client.put(key).value(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }

  async close(): Promise<void> {
    this.#client.close();
  }
}
