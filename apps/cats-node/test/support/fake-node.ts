// An in-memory stand-in for a running node (the contract's RunningCatsNode), for testing the
// HTTP API and pages without a cluster.
import type { Member, NodeHandle, NodeStatus, RingMember } from '../../src/node-api.js';

/** A DhtError-shaped failure. */
export class FakeDhtError extends Error {
  constructor(
    readonly reason: 'timeout' | 'unavailable' | 'rejected',
    message: string,
  ) {
    super(message);
  }
}

function ringMember(id: number, port: number): RingMember {
  return { id, address: { host: '127.0.0.1', port, key: `127.0.0.1:${port}` } };
}

function member(m: RingMember): Member {
  return { id: m.id, address: m.address.key, url: `http://${m.address.key}` };
}

/** A fake node with a map for a store; `fail` makes the next operation fail with a reason. */
export class FakeNode implements NodeHandle {
  readonly data = new Map<string, Uint8Array>();
  readonly table: RingMember[];
  readonly self: RingMember;
  readonly url: string;
  fail: FakeDhtError | undefined;
  left = false;
  stopped = false;

  constructor(port: number, peers: readonly number[] = [port + 1, port + 2, port + 3, port + 4]) {
    this.self = ringMember(1_000_000_000, port);
    this.table = [this.self, ...peers.map((p, i) => ringMember(((i + 2) * 800_000_000) % 2 ** 32, p))];
    this.url = `http://${this.self.address.key}`;
  }

  #check(): void {
    const f = this.fail;
    this.fail = undefined;
    if (f !== undefined) throw f;
  }

  async put(key: string, value: string | Uint8Array): Promise<void> {
    this.#check();
    this.data.set(key, typeof value === 'string' ? new TextEncoder().encode(value) : value.slice());
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    this.#check();
    return this.data.get(key);
  }

  async delete(key: string): Promise<void> {
    this.#check();
    this.data.delete(key);
  }

  async members(): Promise<RingMember[]> {
    return this.table;
  }

  async status(): Promise<NodeStatus> {
    const sorted = [...this.table].sort((a, b) => a.id - b.id);
    const at = sorted.indexOf(this.self);
    const pred = sorted[(at - 1 + sorted.length) % sorted.length] as RingMember;
    const succ = [1, 2].map((d) => member(sorted[(at + d) % sorted.length] as RingMember));
    return {
      node: {
        id: this.self.id,
        address: this.self.address.key,
        url: this.url,
        startedAt: 0,
        uptimeMs: 61_000,
      },
      ring: { joined: true, predecessor: member(pred), successors: succ },
      groups: [
        {
          slice: 3,
          from: 805306368,
          to: 1073741824,
          view: 2,
          members: [member(this.self), ...succ],
          serving: true,
        },
      ],
      store: {
        entries: this.data.size,
        bytes: [...this.data.values()].reduce((n, v) => n + v.byteLength, 0),
      },
      suspected: ['127.0.0.1:9'],
      counters: { gets: 1, puts: 2, deletes: 0 },
      bootstrap: 'http://127.0.0.1:7000',
    };
  }

  async leave(): Promise<void> {
    this.left = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}
