// A simulated CATS cluster over the REAL stack (CatsNode: ping failure detector, Cyclon,
// epidemic broadcast, Chord ring, one-hop router, bootstrap client, memory store, CATS data
// layer) and a simulated bootstrap server. Nodes start a few hundred ms apart and bootstrap
// through the server; concurrent clients then run gets, puts and deletes on few hot and many
// cold keys at random joined nodes, while a fault family runs; every operation's call and
// return (virtual time) and output are recorded for the linearizability checker.
import { Delete, DeleteResponse, Dht, DhtFailure, Get, GetResponse, Put, PutResponse } from '@kompics/dht';
import type { KvInput, KvOutput, Operation } from '@kompics/linearizability';
import { Address } from '@kompics/network';
import { type ClientProbe, Simulation, uniform } from '@kompics/simulator';
import { MemoryStore, MemoryStoreData } from '@kompics/store-memory';
import {
  BootstrapServerNode,
  CatsNode,
  catsNodeCodecs,
  componentSpec,
  LeaveNode,
  NodeControl,
  NodeLeft,
} from '../src/index.js';

/** The fault families run over the real stack. */
export type NodeFamily = 'steady' | 'churn' | 'suspicions';

export interface NodeRunOptions {
  readonly seed: number;
  readonly family: NodeFamily;
  /** Nodes started at the beginning. Default 6. */
  readonly nodes?: number;
  readonly clients?: number;
}

export interface NodeRunReport {
  readonly history: Operation<KvInput, KvOutput>[];
  readonly completed: number;
  readonly failed: number;
  /** Names of the nodes the bootstrap server named founder. */
  readonly founders: readonly string[];
  /** When clients started (virtual ms): every initial node had joined and every range had a full group. */
  readonly formedAt: number;
  /** Virtual time by which every fault had ended. */
  readonly faultsEnd: number;
  readonly problems: readonly string[];
  /** Suspicions of live (delayed) nodes seen by the others' failure detectors during the spike. */
  readonly falseSuspicions: number;
}

/** After faults end (and the cluster has formed), operations called this much later must all succeed... */
export const NODE_RECOVERY_MS = 5_000;
/** ...each within this long. */
export const NODE_OPERATION_BOUND_MS = 4_000;
/** Virtual ms of client load after the cluster formed. */
const WORKLOAD_MS = 45_000;
const SLICES = 8;

const SERVER = new Address('10.9.0.1', 7000);
const addressOf = (i: number) => new Address(`10.9.1.${i}`, 7000);
const nameOf = (a: Address) => `n${a.host.split('.')[3]}`;

/** Runs one seed of one family and returns the client history. */
export function runNodes(options: NodeRunOptions): NodeRunReport {
  const { seed, family } = options;
  const n = options.nodes ?? 6;
  const clients = options.clients ?? 4;
  const sim = new Simulation({
    seed,
    codecs: catsNodeCodecs(),
    trace: 'off',
    network: { latency: uniform(1, 10) },
  });
  const random = sim.random('workload');
  const faults = sim.random('faults');
  const problems: string[] = [];
  const net = sim.network;

  sim.startNode({
    name: 'server',
    address: SERVER,
    definition: BootstrapServerNode,
    args: [{ self: SERVER, evictAfterMs: 3000, checkPeriodMs: 1000 }],
  });
  const started = new Set<string>();
  const leaving = new Set<string>();
  const start = (i: number) => {
    const name = `n${i}`;
    started.add(name);
    sim.startNode({
      name,
      address: addressOf(i),
      definition: CatsNode,
      args: [
        {
          self: addressOf(i),
          bootstrapServer: SERVER,
          store: () => componentSpec(MemoryStore, { data: new MemoryStoreData() }),
          cats: { slices: SLICES },
          rejoinAfterMs: 8000,
        },
      ],
    });
  };
  // Nodes start a few hundred ms apart, some before the server's founding grace ends.
  let at = 1500 + faults.nextInt(2000);
  for (let i = 1; i <= n; i++) {
    const t = at;
    sim.at(t, () => start(i));
    at += 100 + faults.nextInt(300);
  }
  const catsNode = (name: string) => sim.node<CatsNode>(name).definition;
  const joined = () =>
    [...started].filter((s) => !leaving.has(s) && sim.node(s).alive && catsNode(s).phase === 'joined');
  const down = (name: string) => {
    sim.killNode(name);
    started.delete(name);
    for (const [id, p] of pending) if (p.node === name) settle(id, null, undefined);
  };

  // ---- formation: wait until every initial node joined and every range has a full serving group ----
  const formed = () => {
    const live = joined();
    if (live.length < n) return false;
    for (const name of live) {
      const layer = catsNode(name).layer;
      if (layer === undefined) return false;
    }
    for (let slice = 0; slice < SLICES; slice++) {
      let full = false;
      for (const name of live) {
        const view = catsNode(name).layer?.viewOf(slice);
        if (view?.members.length === 3 && view.members.every((m) => started.has(nameOf(m.address))))
          full = true;
      }
      if (!full) return false;
    }
    return true;
  };
  let isFormed = false;
  const check = () => {
    if (sim.now > at && formed()) {
      isFormed = true;
      sim.stop();
    } else sim.after(250, check);
  };
  sim.at(at, check);
  sim.run({ until: 60_000 });
  if (!isFormed) problems.push(`the cluster had not formed by ${sim.now} ms`);
  const formedAt = sim.now;
  const founders = [...started].filter((s) => catsNode(s).founder);

  // ---- faults ----
  const t = (lo: number, hi: number) => formedAt + lo + faults.nextInt(hi - lo);
  const pick = (names: string[]) => names.splice(faults.nextInt(names.length), 1)[0] as string;
  let faultsEnd = formedAt;
  const until = (time: number) => {
    faultsEnd = Math.max(faultsEnd, time);
  };
  let next = n + 1;
  let falseSuspicions = 0;
  if (family === 'churn') {
    // Two joins, a graceful leave (Retire, leave the ring, stop) and a crash, interleaved.
    const joinAt = t(1000, 3000);
    const leaveAt = joinAt + t(2000, 5000) - formedAt;
    const crashAt = leaveAt + t(3000, 6000) - formedAt;
    const join2At = crashAt + t(1000, 4000) - formedAt;
    sim.at(joinAt, () => start(next++));
    sim.at(join2At, () => start(next++));
    let left = false;
    sim.at(leaveAt, () => {
      const names = joined();
      const leaver = pick(names);
      leaving.add(leaver);
      for (const [id, p] of pending) if (p.node === leaver) settle(id, null, undefined);
      const control = sim.client(leaver, NodeControl);
      control.onIndication((e) => {
        if (!(e instanceof NodeLeft) || left) return;
        left = true;
        if (!e.handedOver) problems.push(`${leaver} gave up handing its ranges over`);
        sim.after(1000, () => {
          sim.stopNode(leaver);
          started.delete(leaver);
          until(sim.now);
        });
      });
      control.request(new LeaveNode('leave-1'));
    });
    sim.at(crashAt, () => {
      const names = joined();
      down(pick(names));
      until(sim.now);
    });
    until(join2At);
    sim.at(formedAt + WORKLOAD_MS - NODE_RECOVERY_MS, () => {
      if (!left) problems.push(`the graceful leave had not finished by ${sim.now} ms`);
    });
  } else if (family === 'suspicions') {
    // Delay spikes on every link of one or two live nodes, long enough for the ping failure
    // detector (1 s pings, 1 s minimum timeout) to suspect them; then the spikes stop.
    const spikeAt = t(1000, 3000);
    const spikeFor = 5000 + faults.nextInt(5000);
    const spiked: string[] = [];
    sim.at(spikeAt, () => {
      const names = joined();
      spiked.push(pick(names));
      if (faults.nextFloat() < 0.5) spiked.push(pick(names));
      for (const s of spiked) {
        const a = addressOf(Number(s.slice(1)));
        for (const other of [...started].map((o) => addressOf(Number(o.slice(1)))).concat([SERVER]))
          if (!other.equals(a)) {
            net.setLinkLatency(a, other, uniform(2500, 4500));
            net.setLinkLatency(other, a, uniform(2500, 4500));
          }
      }
    });
    sim.at(spikeAt + spikeFor, () => {
      net.clearLinkLatencies();
      for (const name of joined())
        for (const s of spiked)
          if (catsNode(name).collector.definition.suspected.includes(addressOf(Number(s.slice(1))).key))
            falseSuspicions++;
    });
    // Messages sent just before the end of the spike arrive up to 4.5 s later.
    until(spikeAt + spikeFor + 4500);
  }

  // ---- clients ----
  const history: Operation<KvInput, KvOutput>[] = [];
  const pending = new Map<string, { index: number; node: string; client: number }>();
  const probes = new Map<string, { probe: ClientProbe; incarnation: number }>();
  let completed = 0;
  let failed = 0;
  let counter = 0;
  const endAt = formedAt + WORKLOAD_MS;
  const hot = ['hot-a', 'hot-b'];
  const keyFor = () =>
    random.nextFloat() < 0.7 ? (hot[random.nextInt(hot.length)] as string) : `cold-${random.nextInt(40)}`;

  function settle(requestId: string, returned: number | null, output: KvOutput | undefined): void {
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
    sim.after(20 + random.nextInt(80), () => issue(p.client));
  }

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

  function issue(client: number): void {
    if (sim.now >= endAt) return;
    const names = joined();
    if (names.length === 0) {
      sim.after(100, () => issue(client));
      return;
    }
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
  }
  for (let c = 0; c < clients; c++) sim.at(formedAt + 10 + c * 7, () => issue(c));

  sim.run({ until: endAt + 5000 });
  for (const id of [...pending.keys()]) settle(id, null, undefined);
  return { history, completed, failed, founders, formedAt, faultsEnd, problems, falseSuspicions };
}

/**
 * The operations that broke the recovery bound: called at least {@link NODE_RECOVERY_MS} after
 * the faults ended, yet failed or took longer than {@link NODE_OPERATION_BOUND_MS}.
 */
export function nodeRecoveryViolations(report: NodeRunReport): Operation<KvInput, KvOutput>[] {
  const after = report.faultsEnd + NODE_RECOVERY_MS;
  if (!report.history.some((op) => op.call >= after))
    throw new Error(`no operation was called after the recovery point (${after} ms): the bound is untested`);
  return report.history.filter(
    (op) => op.call >= after && (op.return === null || op.return - op.call > NODE_OPERATION_BOUND_MS),
  );
}

/** Seeds per family: `CATS_NODE_SEEDS` or the default. */
export function nodeSeedCount(fallback: number): number {
  const raw = process.env.CATS_NODE_SEEDS;
  const count = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`CATS_NODE_SEEDS must be a positive integer, got ${raw}`);
  return count;
}
