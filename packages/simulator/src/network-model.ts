import type { RandomSource } from '@kompics/kernel';
import type { Address } from '@kompics/network';
import { constant, type Distribution } from './distribution.js';
import type { LatencyMatrix } from './latency-matrix.js';

/** A node as the network model names it: an address or its `host:port` key. */
export type NodeRef = Address | string;

function keyOf(node: NodeRef): string {
  return typeof node === 'string' ? node : node.key;
}

/**
 * Bounded reordering: with `probability`, a message is held back an extra `uniform(0,
 * maxDelay)` ms and is exempt from the link's FIFO order, so it may be overtaken by messages
 * sent up to `maxDelay` ms after it, and by no later ones.
 */
export interface ReorderModel {
  readonly probability: number;
  readonly maxDelay: number;
}

/** The network's initial behaviour; every part can be changed during a run. */
export interface NetworkModelOptions {
  /** One-way latency of every link without an override. Default `constant(1)`. */
  readonly latency?: Distribution<number>;
  /** Probability that a message is lost. Default 0. */
  readonly loss?: number;
  /** Probability that a message is delivered twice. Default 0. */
  readonly duplication?: number;
  readonly reorder?: ReorderModel;
  /**
   * Whether messages on one link arrive in the order sent (as over one connection) unless
   * chosen for reordering. Default true.
   */
  readonly fifo?: boolean;
}

function checkProbability(name: string, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be a probability in [0, 1], got ${p}`);
  return p;
}

/**
 * What the simulated network does to messages: latency (a distribution, per-link overrides,
 * a measured matrix), loss, duplication, bounded reordering, partitions, one-way cuts and
 * isolated nodes. Mutable: change it at any time, from a scenario operation or a hook; the
 * change applies to messages sent (and, for connectivity, delivered) from then on.
 */
export class NetworkModel {
  #latency: Distribution<number>;
  #loss: number;
  #duplication: number;
  #reorder: ReorderModel | undefined;
  #fifo: boolean;
  readonly #links = new Map<string, Map<string, Distribution<number>>>();
  #matrix: { matrix: LatencyMatrix; rows: Map<string, number> } | undefined;
  /** Node key -> group index; nodes in no group share the implicit group -1. */
  #groups: Map<string, number> | undefined;
  readonly #cuts = new Map<string, Set<string>>();
  readonly #isolated = new Set<string>();
  #connectivityChanged = false;

  constructor(options: NetworkModelOptions = {}) {
    this.#latency = options.latency ?? constant(1);
    this.#loss = checkProbability('loss', options.loss ?? 0);
    this.#duplication = checkProbability('duplication', options.duplication ?? 0);
    this.#reorder = options.reorder;
    if (options.reorder !== undefined) this.setReorder(options.reorder);
    this.#fifo = options.fifo ?? true;
  }

  get loss(): number {
    return this.#loss;
  }
  get duplication(): number {
    return this.#duplication;
  }
  get reorder(): ReorderModel | undefined {
    return this.#reorder;
  }
  get fifo(): boolean {
    return this.#fifo;
  }
  get latency(): Distribution<number> {
    return this.#latency;
  }
  /**
   * Whether any partition, cut or isolation is in force. The simulated network asks
   * {@link connected} only while this holds, on sending and on arrival.
   */
  get disrupted(): boolean {
    return this.#connectivityChanged;
  }

  /** Sets the latency of every link without an override. */
  setLatency(latency: Distribution<number>): this {
    this.#latency = latency;
    return this;
  }

  /** Overrides the latency of the link `from -> to` (and `to -> from` if `symmetric`). */
  setLinkLatency(from: NodeRef, to: NodeRef, latency: Distribution<number>, symmetric = true): this {
    const set = (a: string, b: string): void => {
      let row = this.#links.get(a);
      if (row === undefined) {
        row = new Map();
        this.#links.set(a, row);
      }
      row.set(b, latency);
    };
    set(keyOf(from), keyOf(to));
    if (symmetric) set(keyOf(to), keyOf(from));
    return this;
  }

  /** Removes every per-link latency override. */
  clearLinkLatencies(): this {
    this.#links.clear();
    return this;
  }

  /**
   * Takes link latencies from a measured matrix: `nodes[i]` is host `i mod matrix.size`.
   * Per-link overrides still win; unknown matrix entries fall back to the default latency.
   */
  useLatencyMatrix(matrix: LatencyMatrix, nodes: readonly NodeRef[]): this {
    const rows = new Map<string, number>();
    nodes.forEach((node, i) => {
      rows.set(keyOf(node), i % matrix.size);
    });
    this.#matrix = { matrix, rows };
    return this;
  }

  setLoss(probability: number): this {
    this.#loss = checkProbability('loss', probability);
    return this;
  }

  setDuplication(probability: number): this {
    this.#duplication = checkProbability('duplication', probability);
    return this;
  }

  /** Sets or (with undefined) turns off bounded reordering. */
  setReorder(reorder: ReorderModel | undefined): this {
    if (reorder !== undefined) {
      checkProbability('reorder probability', reorder.probability);
      if (!(reorder.maxDelay >= 0))
        throw new RangeError(`reorder maxDelay must be >= 0, got ${reorder.maxDelay}`);
    }
    this.#reorder = reorder;
    return this;
  }

  setFifo(fifo: boolean): this {
    this.#fifo = fifo;
    return this;
  }

  /**
   * Splits the network into groups: nodes talk only within their group. Nodes in no group
   * form one more group together. Replaces any earlier partition.
   */
  partition(groups: readonly (readonly NodeRef[])[]): this {
    const map = new Map<string, number>();
    groups.forEach((group, g) => {
      for (const node of group) {
        const key = keyOf(node);
        if (map.has(key)) throw new RangeError(`partition: ${key} is in two groups`);
        map.set(key, g);
      }
    });
    this.#groups = map;
    this.#update();
    return this;
  }

  /** Drops every message from `from` to `to` (one way). */
  cut(from: NodeRef, to: NodeRef): this {
    const a = keyOf(from);
    let set = this.#cuts.get(a);
    if (set === undefined) {
      set = new Set();
      this.#cuts.set(a, set);
    }
    set.add(keyOf(to));
    this.#update();
    return this;
  }

  /** Restores the one-way link `from -> to` after {@link cut}. */
  restore(from: NodeRef, to: NodeRef): this {
    this.#cuts.get(keyOf(from))?.delete(keyOf(to));
    this.#update();
    return this;
  }

  /** Cuts a node off from every other node, both ways. */
  isolate(node: NodeRef): this {
    this.#isolated.add(keyOf(node));
    this.#update();
    return this;
  }

  /** Undoes {@link isolate}. */
  reconnect(node: NodeRef): this {
    this.#isolated.delete(keyOf(node));
    this.#update();
    return this;
  }

  /** Ends every partition, cut and isolation. */
  heal(): this {
    this.#groups = undefined;
    this.#cuts.clear();
    this.#isolated.clear();
    this.#update();
    return this;
  }

  #update(): void {
    let cuts = false;
    for (const set of this.#cuts.values()) if (set.size > 0) cuts = true;
    this.#connectivityChanged = this.#groups !== undefined || cuts || this.#isolated.size > 0;
  }

  /** Whether a message from `from` to `to` gets through the current partitions and cuts. */
  connected(from: string, to: string): boolean {
    if (!this.#connectivityChanged || from === to) return true;
    if (this.#isolated.has(from) || this.#isolated.has(to)) return false;
    if (this.#cuts.get(from)?.has(to) === true) return false;
    const groups = this.#groups;
    if (groups !== undefined && (groups.get(from) ?? -1) !== (groups.get(to) ?? -1)) return false;
    return true;
  }

  /** Samples the one-way latency of `from -> to`. */
  sampleLatency(from: string, to: string, random: RandomSource): number {
    if (this.#links.size > 0) {
      const link = this.#links.get(from)?.get(to);
      if (link !== undefined) return link.sample(random);
    }
    const m = this.#matrix;
    if (m !== undefined) {
      const i = m.rows.get(from);
      const j = m.rows.get(to);
      if (i !== undefined && j !== undefined) {
        const value = m.matrix.latency(i, j);
        if (value !== undefined) return value;
      }
    }
    return this.#latency.sample(random);
  }
}
