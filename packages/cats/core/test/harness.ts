// One simulated CATS run: N nodes, concurrent clients on few hot and many cold keys, a fault
// family, and the history of every operation (virtual call and return times, outputs) for the
// linearizability checker.
import { Delete, DeleteResponse, Dht, DhtFailure, Get, GetResponse, Put, PutResponse } from '@kompics/dht';
import type { KvInput, KvOutput, Operation } from '@kompics/linearizability';
import { Address, CodecRegistry } from '@kompics/network';
import { inArc, RingNode, ringHash } from '@kompics/ring';
import { type ClientProbe, Simulation, uniform } from '@kompics/simulator';
import { MemoryStoreData } from '@kompics/store-memory';
import {
  CatsControl,
  type CatsStats,
  type ConsistencyMode,
  emptyStats,
  type GroupView,
  Retire,
  Retired,
  registerCatsCodecs,
} from '../src/index.js';
import { CatsNode } from './cats-node.js';

/**
 * The scenario families (ARCHITECTURE §5, issue 8):
 * - `steady`: no faults;
 * - `churn`: a crash, a join and a graceful leave (Retire, then stop) under load;
 * - `suspicions`: delay spikes on the links of one or two nodes; the oracle ring and router (a
 *   timeout failure detector) treat them as gone while they are alive and their late messages
 *   still arrive, so groups reconfigure around them; then the spikes stop;
 * - `partitions`: a partition splits the ring views, then heals;
 * - `lossy`: loss, duplication and reordering, then a clean network;
 * - `joins`: four nodes join one group at once;
 * - `restarts`: nodes crash and restart with the same identity and the same durable store
 *   (a `MemoryStoreData` handed to the next incarnation), several times, overlapping at times;
 * - `rejoins`: modelled on a real-process fault run that lost a group for good: a one-node
 *   genesis, the other nodes join one by one by reconfiguration, a node is crashed just after it
 *   joined (transfers and Paxos of the views that add it in flight) and restarted with its
 *   store, then rounds of a short isolation (a paused process), a short partition and a crash
 *   and restart of a random node; half the crashed nodes are back before the failure detectors
 *   notice (the ring keeps listing them).
 */
export const FAMILIES = [
  'steady',
  'churn',
  'suspicions',
  'partitions',
  'lossy',
  'joins',
  'restarts',
  'rejoins',
] as const;
export type Family = (typeof FAMILIES)[number];

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
  /** Virtual time by which every fault of the run had ended. */
  readonly faultsEnd: number;
  /** Why the run's fault schedule did not complete as planned (e.g. a retire never finished). */
  readonly problems: readonly string[];
}

/** After faults end, operations called this much later must all succeed... */
export const RECOVERY_MS = 2500;
/** ...each within this long. */
export const OPERATION_BOUND_MS = 1500;

const addressOf = (i: number) => new Address(`10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`, 7000);
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
  const workloadMs = options.workloadMs ?? (family === 'rejoins' ? 11000 : 7000);
  const codecs = registerCatsCodecs(new CodecRegistry());
  const sim = new Simulation({
    seed,
    codecs,
    trace: 'off',
    network: {
      latency: uniform(1, 10),
      ...(family === 'lossy'
        ? { loss: 0.05, duplication: 0.05, reorder: { probability: 0.1, maxDelay: 20 }, fifo: false }
        : {}),
    },
  });
  const random = sim.random('workload');
  const faults = sim.random('faults');
  const problems: string[] = [];

  const live = new Map<string, RingNode>();
  /** Nodes the others' (oracle) failure detectors wrongly suspect. */
  const suspected = new Set<string>();
  /** Crashed nodes the oracle ring still lists (restarted before failure detectors noticed). */
  const unnoticed = new Map<string, RingNode>();
  let sorted: RingNode[] | undefined;
  const members = () => {
    sorted ??= [...live.values(), ...unnoticed.values()].sort((a, b) => a.id - b.id);
    return sorted;
  };
  const net = sim.network;
  const truth = (self: RingNode) =>
    members().filter(
      (m) =>
        m.equals(self) ||
        (!suspected.has(m.address.key) &&
          net.connected(self.address.key, m.address.key) &&
          net.connected(m.address.key, self.address.key)),
    );
  const changed = () => {
    sorted = undefined;
  };

  const initial = family === 'joins' ? 4 : family === 'rejoins' ? 1 : n;
  const genesis = Array.from({ length: initial }, (_, i) => nodeOf(i + 1));
  const disks = new Map<string, MemoryStoreData>();
  const start = (i: number, self = nodeOf(i)) => {
    const name = `n${i}`;
    unnoticed.delete(name);
    live.set(name, self);
    changed();
    let data = disks.get(name);
    if (data === undefined) {
      data = new MemoryStoreData();
      disks.set(name, data);
    }
    sim.startNode({
      name,
      address: self.address,
      definition: CatsNode,
      // Small chunks in `rejoins`: transfers take several round trips, so crashes catch them.
      args: [
        {
          cats: { self, mode, genesis, slices: 8, ...(family === 'rejoins' ? { syncChunk: 2 } : {}) },
          truth,
          data,
        },
      ],
    });
  };
  for (let i = 1; i <= initial; i++) start(i);
  const down = (name: string, graceful: boolean, noticed = true) => {
    if (graceful) sim.stopNode(name);
    else sim.killNode(name);
    const node = live.get(name);
    if (!noticed && node !== undefined) unnoticed.set(name, node);
    live.delete(name);
    changed();
    for (const [id, p] of pending) if (p.node === name) settle(id, null, undefined);
  };

  // ---- faults ----
  const t = (lo: number, hi: number) => lo + faults.nextInt(hi - lo);
  const pick = (names: string[]) => names.splice(faults.nextInt(names.length), 1)[0] as string;
  let faultsEnd = 0;
  const until = (time: number) => {
    faultsEnd = Math.max(faultsEnd, time);
  };
  if (family === 'churn') {
    const crashAt = t(500, 900);
    const joinAt = crashAt + t(300, 600);
    const retireAt = joinAt + t(200, 400);
    const names = [...live.keys()];
    const victim = pick(names);
    const leaver = pick(names);
    sim.at(crashAt, () => down(victim, false));
    sim.at(joinAt, () => start(n + 1));
    let retired = false;
    sim.at(retireAt, () => {
      const control = sim.client(leaver, CatsControl);
      control.onIndication((e) => {
        if (!(e instanceof Retired) || retired) return;
        retired = true;
        // Handed over: leave the ring and stop.
        down(leaver, true);
        until(sim.now);
      });
      control.request(new Retire());
    });
    until(retireAt);
    sim.at(workloadMs - RECOVERY_MS - 100, () => {
      if (!retired) problems.push(`${leaver} did not retire by ${sim.now} ms`);
    });
  } else if (family === 'suspicions') {
    const names = [...live.keys()];
    const spiked = [pick(names)];
    if (faults.nextFloat() < 0.5) spiked.push(pick(names));
    const from = t(800, 1300);
    const to = from + t(1000, 1800);
    sim.at(from, () => {
      for (const s of spiked) {
        const a = (live.get(s) as RingNode).address;
        for (const other of live.values())
          if (!other.address.equals(a)) net.setLinkLatency(a, other.address, uniform(150, 700));
        suspected.add(a.key);
      }
      changed();
    });
    sim.at(to, () => {
      net.clearLinkLatencies();
      suspected.clear();
      changed();
    });
    // Messages sent just before the end of the spike arrive up to 700 ms later.
    until(to + 700);
  } else if (family === 'partitions') {
    const names = [...live.keys()];
    const side: string[] = [];
    const size = 1 + faults.nextInt(Math.floor(names.length / 2));
    while (side.length < size) side.push(pick(names));
    const at = t(800, 1500);
    const heal = at + t(1000, 2000);
    sim.at(at, () =>
      net.partition([
        side.map((s) => (live.get(s) as RingNode).address),
        names.map((s) => (live.get(s) as RingNode).address),
      ]),
    );
    sim.at(heal, () => net.heal());
    until(heal);
  } else if (family === 'lossy') {
    const clean = t(3000, 3500);
    sim.at(clean, () => {
      net.setLoss(0).setDuplication(0).setReorder(undefined);
    });
    until(clean + 20);
  } else if (family === 'joins') {
    // Nodes whose ids fall between two neighbouring members, so they all join one group at once.
    const ring = [...genesis].sort((a, b) => a.id - b.id);
    const gap = faults.nextInt(ring.length);
    const lo = (ring[gap] as RingNode).id;
    const hi = (ring[(gap + 1) % ring.length] as RingNode).id;
    const joiners: Array<[number, RingNode]> = [];
    for (let i = initial + 1; joiners.length < n - initial + 1 && i < 2000; i++) {
      const node = nodeOf(i);
      if (inArc(node.id, lo, hi) && node.id !== hi) joiners.push([i, node]);
    }
    const at = t(800, 1500);
    for (const [k, [i, node]] of joiners.entries()) sim.at(at + k * faults.nextInt(40), () => start(i, node));
    until(at + 200);
  } else if (family === 'rejoins') {
    // Joins one by one, about every 400 ms; a just-joined node may crash within 0-400 ms —
    // mid-transfer if it can: as soon as it is a member of a view it does not serve yet — and
    // restart 300-700 ms later with its store.
    let at = 0;
    for (let i = 2; i <= n; i++) {
      at += t(300, 500);
      const joinAt = at;
      sim.at(joinAt, () => start(i));
      if (faults.nextFloat() < 0.5) {
        const latest = joinAt + t(0, 400);
        const downFor = t(300, 700);
        // Half the time it is back before the failure detectors notice: the ring still lists it.
        const noticed = faults.nextFloat() < 0.5;
        const name = `n${i}`;
        const self = nodeOf(i).address.key;
        const watch = () => {
          if (!live.has(name)) return;
          const layer = (sim.node(name).definition as CatsNode).layer.definition;
          let fetching = false;
          for (let slice = 0; slice < 8 && !fetching; slice++)
            fetching = layer.viewOf(slice)?.has(self) === true && !layer.serves(slice);
          if (fetching || sim.now >= latest) {
            down(name, false, noticed);
            sim.after(downFor, () => start(i));
          } else sim.after(1, watch);
        };
        sim.at(joinAt + 1, watch);
        until(latest + downFor);
      }
    }
    at += 300;
    const addressesOf = (names: readonly string[]) => names.map((s) => nodeOf(Number(s.slice(1))).address);
    for (let round = 0; round < 2; round++) {
      // A paused node: unreachable, then back.
      const pauseFor = t(300, 600);
      const paused = `n${1 + faults.nextInt(n)}`;
      sim.at(at, () => net.partition([addressesOf([paused])]));
      sim.at(at + pauseFor, () => net.heal());
      at += pauseFor + t(100, 200);
      // A short partition of one or two nodes.
      const cutFor = t(300, 600);
      const names = Array.from({ length: n }, (_, i) => `n${i + 1}`);
      const side = [pick(names)];
      if (faults.nextFloat() < 0.5) side.push(pick(names));
      sim.at(at, () => net.partition([addressesOf(side)]));
      sim.at(at + cutFor, () => net.heal());
      at += cutFor + t(100, 200);
      // A crash and restart with the store.
      const downFor = t(300, 600);
      const victim = 1 + faults.nextInt(n);
      const noticed = faults.nextFloat() < 0.5;
      sim.at(at, () => {
        if (live.has(`n${victim}`)) {
          down(`n${victim}`, false, noticed);
          sim.after(downFor, () => start(victim));
        }
      });
      at += downFor + t(100, 200);
    }
    until(at);
  } else if (family === 'restarts') {
    let kill = t(600, 1000);
    for (let k = 0; k < 3; k++) {
      const at = kill;
      const downFor = t(300, 900);
      sim.at(at, () => {
        const names = [...live.keys()];
        const victim = names[faults.nextInt(names.length)] as string;
        down(victim, false);
        sim.after(downFor, () => start(Number(victim.slice(1))));
      });
      until(at + downFor);
      kill += t(300, 900);
    }
  }

  // ---- clients ----
  const history: Operation<KvInput, KvOutput>[] = [];
  const pending = new Map<string, Pending>();
  const probes = new Map<string, { probe: ClientProbe; incarnation: number }>();
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
    sim.after(10 + random.nextInt(40), () => issue(p.client));
  };

  const probe = (name: string) => {
    const incarnation = sim.node(name).incarnation;
    let c = probes.get(name)?.incarnation === incarnation ? probes.get(name)?.probe : undefined;
    if (c === undefined) {
      c = sim.client(name, Dht);
      probes.set(name, { probe: c, incarnation });
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

  sim.run({ until: workloadMs + 4500 });
  for (const id of [...pending.keys()]) settle(id, null, undefined);

  // Every group recovered: the newest view of each range has only live members, as many as the
  // replication degree allows, and every one of them serves it (has the range's data).
  if (mode === 'consistent') {
    const layers = [...live.keys()].map((name) => (sim.node(name).definition as CatsNode).layer.definition);
    const liveKeys = new Set([...live.values()].map((m) => m.address.key));
    for (let slice = 0; slice < 8; slice++) {
      let newest: GroupView | undefined;
      for (const layer of layers) {
        const v = layer.viewOf(slice);
        if (v !== undefined && (newest === undefined || v.number > newest.number)) newest = v;
      }
      if (newest === undefined) {
        problems.push(`slice ${slice}: no live node knows a view`);
        continue;
      }
      const dead = newest.members.filter((m) => !liveKeys.has(m.address.key));
      const serving = layers.filter((l) => l.serves(slice) && l.viewOf(slice)?.number === newest.number);
      if (
        dead.length > 0 ||
        newest.members.length < Math.min(3, live.size) ||
        serving.length < newest.members.length
      )
        problems.push(
          `slice ${slice} did not recover: ${newest}, ${dead.length} dead members, ${serving.length} serving`,
        );
    }
  }

  const stats = emptyStats();
  for (const node of sim.nodes) {
    if (!node.alive) continue;
    const s = (node.definition as CatsNode).layer.definition.stats;
    for (const k of Object.keys(s) as (keyof CatsStats)[]) stats[k] += s[k];
  }
  return { history, completed, failed, stats, faultsEnd, problems };
}

/**
 * The operations that broke the recovery bound: called at least {@link RECOVERY_MS} after the
 * faults ended, yet failed or took longer than {@link OPERATION_BOUND_MS}.
 */
export function recoveryViolations(report: RunReport): Operation<KvInput, KvOutput>[] {
  const after = report.faultsEnd + RECOVERY_MS;
  if (!report.history.some((op) => op.call >= after))
    throw new Error(`no operation was called after the recovery point (${after} ms): the bound is untested`);
  return report.history.filter(
    (op) => op.call >= after && (op.return === null || op.return - op.call > OPERATION_BOUND_MS),
  );
}

/** The number of seeds per family: `CATS_SEEDS` or the default. */
export function seedCount(fallback: number): number {
  const raw = process.env.CATS_SEEDS;
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`CATS_SEEDS must be a positive integer, got ${raw}`);
  return n;
}
