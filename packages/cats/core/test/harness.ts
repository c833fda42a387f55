// One simulated CATS run: N nodes, concurrent clients on few hot and many cold keys, a fault
// family, and the history of every operation (virtual call and return times, outputs) for the
// linearizability checker.
import { Delete, DeleteResponse, Dht, DhtFailure, Get, GetResponse, Put, PutResponse } from '@kompics/dht';
import type { KvInput, KvOutput, Operation } from '@kompics/linearizability';
import { Address, CodecRegistry } from '@kompics/network';
import { RingNode, ringHash } from '@kompics/ring';
import { type ClientProbe, Simulation, uniform } from '@kompics/simulator';
import { type CatsStats, type ConsistencyMode, emptyStats, registerCatsCodecs } from '../src/index.js';
import { CatsNode } from './cats-node.js';

export type Family = 'steady' | 'crashes' | 'partitions' | 'joins' | 'lossy';

export interface RunOptions {
  readonly seed: number;
  readonly family: Family;
  readonly mode: ConsistencyMode;
  readonly nodes?: number;
  readonly clients?: number;
  /** Virtual ms during which clients issue operations. */
  readonly workloadMs?: number;
}

export interface RunReport {
  readonly history: Operation<KvInput, KvOutput>[];
  readonly completed: number;
  readonly failed: number;
  readonly stats: CatsStats;
}

const addressOf = (i: number) => new Address(`10.0.0.${i}`, 7000);
const nodeOf = (i: number) => {
  const address = addressOf(i);
  return new RingNode(ringHash(address.key), address);
};

interface Pending {
  readonly index: number;
  readonly node: string;
  readonly client: number;
}

/** Runs one seed of one family and returns the client history. */
export function runCats(options: RunOptions): RunReport {
  const { seed, family, mode } = options;
  const n = options.nodes ?? 7;
  const clients = options.clients ?? 6;
  const workloadMs = options.workloadMs ?? 5000;
  const codecs = registerCatsCodecs(new CodecRegistry());
  const sim = new Simulation({
    seed,
    codecs,
    network: {
      latency: uniform(1, 10),
      ...(family === 'lossy'
        ? { loss: 0.05, duplication: 0.05, reorder: { probability: 0.1, maxDelay: 20 }, fifo: false }
        : {}),
    },
  });
  const random = sim.random('workload');
  const faults = sim.random('faults');

  const live = new Map<string, RingNode>();
  let sorted: RingNode[] | undefined;
  const members = () => {
    sorted ??= [...live.values()].sort((a, b) => a.id - b.id);
    return sorted;
  };
  const net = sim.network;
  const truth = (self: RingNode) =>
    members().filter(
      (m) =>
        m.equals(self) ||
        (net.connected(self.address.key, m.address.key) && net.connected(m.address.key, self.address.key)),
    );

  const initial = family === 'joins' ? Math.max(3, n - 3) : n;
  const genesis = Array.from({ length: initial }, (_, i) => nodeOf(i + 1));
  const start = (i: number) => {
    const self = nodeOf(i);
    const name = `n${i}`;
    live.set(name, self);
    sorted = undefined;
    sim.startNode({
      name,
      address: self.address,
      definition: CatsNode,
      args: [{ cats: { self, mode, genesis, slices: 8 }, truth }],
    });
  };
  for (let i = 1; i <= initial; i++) start(i);
  const kill = (name: string) => {
    sim.killNode(name);
    live.delete(name);
    sorted = undefined;
    for (const [id, p] of pending) if (p.node === name) settle(id, null, undefined);
  };

  // ---- faults ----
  const t = (lo: number, hi: number) => lo + faults.nextInt(hi - lo);
  if (family === 'crashes') {
    // Crash two nodes, at least 1.5 s apart so the groups can reconfigure in between.
    const first = t(800, 2000);
    const victims = [...live.keys()];
    const a = victims.splice(faults.nextInt(victims.length), 1)[0] as string;
    const b = victims[faults.nextInt(victims.length)] as string;
    sim.at(first, () => kill(a));
    sim.at(first + t(1500, 2500), () => kill(b));
  } else if (family === 'partitions') {
    const names = [...live.keys()];
    const side: string[] = [];
    const size = 1 + faults.nextInt(Math.floor(names.length / 2));
    while (side.length < size) {
      const pick = names.splice(faults.nextInt(names.length), 1)[0] as string;
      side.push(pick);
    }
    const at = t(800, 1800);
    sim.at(at, () =>
      net.partition([
        side.map((s) => (live.get(s) as RingNode).address),
        names.map((s) => (live.get(s) as RingNode).address),
      ]),
    );
    sim.at(at + t(1200, 2500), () => net.heal());
  } else if (family === 'joins') {
    let next = initial + 1;
    for (let k = 0; k < n - initial; k++) sim.at(t(500, 3500), () => start(next++));
  }

  // ---- clients ----
  const history: Operation<KvInput, KvOutput>[] = [];
  const pending = new Map<string, Pending>();
  const probes = new Map<string, ClientProbe>();
  let completed = 0;
  let failed = 0;
  let counter = 0;
  const hot = ['hot-a', 'hot-b'];
  const keyFor = () =>
    random.nextFloat() < 0.7 ? (hot[random.nextInt(hot.length)] as string) : `cold-${random.nextInt(40)}`;

  const settle = (requestId: string, returned: number | null, output: KvOutput | undefined) => {
    const p = pending.get(requestId);
    if (p === undefined) return;
    pending.delete(requestId);
    const op = history[p.index] as Operation<KvInput, KvOutput>;
    history[p.index] =
      returned === null
        ? { ...op, return: null }
        : { ...op, return: returned, ...(output === undefined ? {} : { output }) };
    if (returned !== null) completed++;
    else failed++;
    sim.after(random.nextInt(20), () => issue(p.client));
  };

  const probe = (name: string) => {
    let c = probes.get(name);
    if (c === undefined || !sim.node(name).alive) {
      c = sim.client(name, Dht);
      probes.set(name, c);
      c.onIndication((e) => {
        if (e instanceof GetResponse)
          settle(e.requestId, sim.now, typeof e.value === 'string' ? e.value : null);
        else if (e instanceof PutResponse || e instanceof DeleteResponse) settle(e.requestId, sim.now, null);
        else if (e instanceof DhtFailure) settle(e.requestId, null, undefined);
      });
    }
    return c;
  };

  const issue = (client: number) => {
    if (sim.now >= workloadMs) return;
    const names = [...live.keys()];
    const node = names[random.nextInt(names.length)] as string;
    const key = keyFor();
    const requestId = `r${++counter}`;
    const u = random.nextFloat();
    let input: KvInput;
    let request: Put | Get | Delete;
    if (u < 0.5) {
      input = { f: 'get', key };
      request = new Get(requestId, key);
    } else if (u < 0.9) {
      const value = `v${counter}`;
      input = { f: 'put', key, value };
      request = new Put(requestId, key, value);
    } else {
      input = { f: 'delete', key };
      request = new Delete(requestId, key);
    }
    pending.set(requestId, { index: history.length, node, client });
    history.push({ client, call: sim.now, return: null, input });
    probe(node).request(request);
  };
  for (let c = 0; c < clients; c++) sim.at(300 + c * 7, () => issue(c));

  sim.run({ until: workloadMs + 6000 });
  for (const id of [...pending.keys()]) settle(id, null, undefined);

  const stats = emptyStats();
  for (const node of sim.nodes) {
    if (!node.alive) continue;
    const s = (node.definition as CatsNode).layer.definition.stats;
    for (const k of Object.keys(s) as (keyof CatsStats)[]) stats[k] += s[k];
  }
  return { history, completed, failed, stats };
}

/** The number of seeds per family: `CATS_SEEDS` or the default. */
export function seedCount(fallback: number): number {
  const raw = process.env.CATS_SEEDS;
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`CATS_SEEDS must be a positive integer, got ${raw}`);
  return n;
}
