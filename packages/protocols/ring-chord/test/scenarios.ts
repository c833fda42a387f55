// Building blocks of the ring tests and the benchmark: systems of Chord nodes in the simulator.
import { Address } from '@kompics/network';
import { RingNode, ringHash } from '@kompics/ring';
import { Simulation, uniform } from '@kompics/simulator';
import type { ChordRingOptions, UnificationMode } from '../src/index.js';
import { ChordNode, chordCodecs, type Entry } from './chord-node.js';
import { liveRings, ringErrors, runUntil } from './ring-check.js';

/** The address of node `i` (1-based). */
export const addr = (i: number) => new Address(`10.2.${i >> 8}.${i & 255}`, 6000);
/** The name of node `i`. */
export const nameOf = (i: number) => `n${i}`;

/** Milliseconds between two joins. */
export const JOIN_GAP_MS = 50;

export interface SystemOptions {
  readonly seed: number;
  readonly codec?: boolean;
  /** Options every node's ring gets, beside `self`. */
  readonly ring?: Omit<ChordRingOptions, 'self'>;
}

export function simulation(options: SystemOptions): Simulation {
  return new Simulation({
    seed: options.seed,
    codecs: chordCodecs(),
    codec: options.codec ?? false,
    network: { latency: uniform(5, 50) },
    trace: 'off',
  });
}

export function startChord(sim: Simulation, i: number, entry: Entry, ring: SystemOptions['ring'] = {}) {
  const self = addr(i);
  return sim.startNode({
    name: nameOf(i),
    address: self,
    definition: ChordNode,
    args: [{ ...ring, self }, entry],
  });
}

/**
 * Nodes `members` join one by one, `JOIN_GAP_MS` apart from `start`: the first creates the
 * ring, each next one joins through a random node that joined before it.
 */
export function joinOneByOne(
  sim: Simulation,
  members: readonly number[],
  ring: SystemOptions['ring'] = {},
  start = sim.now,
): number {
  const random = sim.random(`joins@${start}`);
  members.forEach((i, k) => {
    const entry: Entry = k === 0 ? 'create' : [addr(members[random.nextInt(k)] as number)];
    sim.at(start + k * JOIN_GAP_MS, () => startChord(sim, i, entry, ring));
  });
  return start + (members.length - 1) * JOIN_GAP_MS;
}

/** Runs until the given nodes (default: all live ones) form the perfect ring; the time it took, or undefined. */
export function convergence(
  sim: Simulation,
  within: number,
  names?: () => readonly string[],
  listLength?: number,
): number | undefined {
  const start = sim.now;
  const at = runUntil(
    sim,
    () => ringErrors(liveRings(sim, names?.() ?? sim.alive()), listLength).wrong === 0,
    start + within,
  );
  return at === undefined ? undefined : at - start;
}

/** Describes what is wrong with the ring of the given nodes, for failure messages. */
export function whatIsWrong(sim: Simulation, names: readonly string[] = sim.alive()): string {
  const { wrong, first } = ringErrors(liveRings(sim, names));
  return `${wrong} of ${names.length} nodes wrong, e.g. ${first}`;
}

/** Splits `members` in two at random. */
export function split(sim: Simulation, members: readonly number[]): [number[], number[]] {
  const random = sim.random('split');
  const sides: [number[], number[]] = [[], []];
  for (const i of members) (sides[random.nextInt(2)] as number[]).push(i);
  return sides;
}

/** Partitions the network between the sides. */
export function partition(sim: Simulation, sides: readonly (readonly number[])[]): void {
  sim.network.partition(sides.map((side) => side.map((i) => addr(i).key)));
}

/**
 * A loopy ring over nodes `1..n`: sorted by id, each node's successors are the nodes `step`,
 * `2·step`, … places ahead and its predecessor the node `step` places behind, so with `step`
 * prime to `n` the successor pointers wrap around the identifier ring `step` times.
 */
export function startLoopyRing(
  sim: Simulation,
  n: number,
  step: number,
  ring: SystemOptions['ring'] = {},
): void {
  const nodes = Array.from({ length: n }, (_, k) => ({
    i: k + 1,
    node: new RingNode(ringHash(addr(k + 1).key), addr(k + 1)),
  })).sort((a, b) => a.node.id - b.node.id);
  const at = (k: number) => (nodes[((k % n) + n) % n] as { node: RingNode }).node;
  const length = ring.successorListLength ?? 8;
  nodes.forEach(({ i }, k) => {
    const initial = {
      predecessor: at(k - step),
      successors: Array.from({ length }, (_, j) => at(k + step * (j + 1))),
    };
    startChord(sim, i, 'none', { ...ring, initial });
  });
}

/** Messages sent per live node per second of virtual time, over `run`. */
export function messageRate(sim: Simulation, ms: number): number {
  const sent = sim.stats.sent;
  const start = sim.now;
  sim.run({ until: start + ms });
  return (sim.stats.sent - sent) / sim.alive().length / (ms / 1000);
}

/** Summary statistics of a list of times. */
export function summary(xs: readonly number[]): { mean: number; median: number; max: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Runs until the given nodes form the perfect ring, or throws saying what is wrong. */
export function mustConverge(
  sim: Simulation,
  within: number,
  names?: () => readonly string[],
  listLength?: number,
): number {
  const took = convergence(sim, within, names, listLength);
  if (took === undefined)
    throw new Error(`no perfect ring within ${within} ms: ${whatIsWrong(sim, names?.())}`);
  return took;
}

const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
const sideNames = (side: readonly number[]) => () => side.map(nameOf);

/** What a partition-and-heal run measured. */
export interface MergeResult {
  /** From the partition until each side was a perfect ring of its own. */
  readonly sidesFormed: number;
  /** From healing until successor and predecessor pointers were all right. */
  readonly pointers: number;
  /** From healing until the whole successor lists were right: the merge time. */
  readonly merged: number;
  /** Messages per node during the merge. */
  readonly messagesPerNode: number;
}

/**
 * One ring of `n` nodes, split in two at random and held until each half is a perfect ring of
 * its own (and 10 s more), then healed: every node that suspected one of the other side
 * probes it, and unification merges the rings.
 */
export function partitionAndHeal(seed: number, n: number, unification: UnificationMode): MergeResult {
  const sim = simulation({ seed });
  sim.run({ until: joinOneByOne(sim, range(n), { unification }) });
  mustConverge(sim, 60_000);
  const sides = split(sim, range(n));
  partition(sim, sides);
  const start = sim.now;
  for (const side of sides) mustConverge(sim, 60_000, sideNames(side));
  const sidesFormed = sim.now - start;
  sim.run({ until: sim.now + 10_000 });
  for (const side of sides)
    if (convergence(sim, 0, sideNames(side)) !== 0) throw new Error('a side lost its ring while partitioned');
  return heal(sim, sidesFormed);
}

/**
 * Two rings that were never one (each built on its side of a partition), healed; then one node
 * of the first learns of one node of the second (as from a bootstrap server) — the only
 * detection, so the merge spreads from one point.
 */
export function oneDetector(seed: number, n: number, unification: UnificationMode): MergeResult {
  const sim = simulation({ seed });
  const sides = split(sim, range(n));
  partition(sim, sides);
  for (const side of sides) joinOneByOne(sim, side, { unification }, 0);
  sim.run({ until: (Math.max(...sides.map((s) => s.length)) - 1) * JOIN_GAP_MS });
  const start = sim.now;
  for (const side of sides) mustConverge(sim, 60_000, sideNames(side));
  const [a, b] = sides.map(
    (side) => sim.node<ChordNode>(nameOf(side[0] as number)).definition.chord.definition,
  );
  if (a === undefined || b === undefined) throw new Error('two sides needed');
  return heal(sim, sim.now - start, () => a.probeLater([b.self]));
}

function heal(sim: Simulation, sidesFormed: number, then?: () => void): MergeResult {
  sim.network.heal();
  then?.();
  const sent = sim.stats.sent;
  const start = sim.now;
  const pointers = mustConverge(sim, 300_000, undefined, 1);
  mustConverge(sim, 300_000);
  const merged = sim.now - start;
  return { sidesFormed, pointers, merged, messagesPerNode: (sim.stats.sent - sent) / sim.alive().length };
}

/** What a join run measured. */
export interface JoinResult {
  /** From the last join until the perfect ring. */
  readonly converged: number;
  /** Messages per node per second in the steady state after. */
  readonly messagesPerNodePerSecond: number;
  readonly sim: Simulation;
}

/** `n` nodes join one by one; runs to the perfect ring, then measures 10 s of steady state. */
export function joinRun(seed: number, n: number): JoinResult {
  const sim = simulation({ seed });
  sim.run({ until: joinOneByOne(sim, range(n)) });
  const converged = mustConverge(sim, 60_000);
  return { converged, messagesPerNodePerSecond: messageRate(sim, 10_000), sim };
}

/** What a crash run measured. */
export interface CrashResult {
  /** From the crash until the survivors' perfect ring. */
  readonly converged: number;
  /** The crashed nodes' numbers. */
  readonly victims: ReadonlySet<number>;
  readonly sim: Simulation;
}

/** A perfect ring of `n`; a fifth of the nodes, chosen at random, crash at once. */
export function crashFifth(seed: number, n: number): CrashResult {
  const { sim } = joinRun(seed, n);
  const random = sim.random('crash');
  const victims = new Set<number>();
  while (victims.size < n / 5) victims.add(1 + random.nextInt(n));
  for (const v of victims) sim.killNode(nameOf(v));
  return { converged: mustConverge(sim, 60_000), victims, sim };
}
