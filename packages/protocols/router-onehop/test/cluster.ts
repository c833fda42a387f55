// A simulated cluster of router nodes with the global truth beside it: who is live, sorted by
// ring id, and helpers to churn it and to measure how far the routers' tables are from the truth.
import type { RandomSource } from '@kompics/kernel';
import { Address } from '@kompics/network';
import { Lookup, LookupResponse, OverlayRouter, replicaGroup } from '@kompics/overlay-router';
import type { RingNode } from '@kompics/ring';
import type { ClientProbe, Simulation } from '@kompics/simulator';
import type { OneHopRouterOptions } from '../src/index.js';
import { RouterNode, ringNodeOf } from './router-node.js';

export const clusterAddress = (i: number) => new Address(`10.3.${i >> 8}.${i & 255}`, 7000);

/** Messages sent, by kind, summed over every incarnation of every node. */
export interface MessageCounts {
  gossip: number;
  /** Joins, leaves and failures announced (each one broadcast). */
  announced: number;
  digests: number;
  tables: number;
  records: number;
}

export interface ClusterOptions {
  readonly router?: Partial<OneHopRouterOptions>;
  readonly fanout?: number;
  readonly fdTimeoutMs?: number;
}

/** Lookup outcomes: how many answers named the true responsible node, the true whole group. */
export interface Agreement {
  lookups: number;
  responsible: number;
  group: number;
}

export class Cluster {
  /** Live nodes by name. */
  readonly live = new Map<string, RingNode>();
  #sorted: RingNode[] | undefined;
  #next = 1;
  readonly #retired: MessageCounts = { gossip: 0, announced: 0, digests: 0, tables: 0, records: 0 };
  readonly #listening = new WeakSet<ClientProbe>();
  readonly #pending = new Map<string, { degree: number; into: Agreement }>();
  readonly random: RandomSource;

  constructor(
    readonly sim: Simulation,
    readonly options: ClusterOptions = {},
  ) {
    this.random = sim.random('cluster');
  }

  /** The live members sorted by ring id (what the oracle ring and the assertions use). */
  readonly truth = (): readonly RingNode[] => {
    this.#sorted ??= [...this.live.values()].sort((a, b) => a.id - b.id);
    return this.#sorted;
  };

  /** Starts a fresh node (or `name` again, at its old address), joining through up to 3 live nodes. */
  start(name?: string): string {
    const nodeName = name ?? `n${this.#next++}`;
    const address = this.sim.hasNode(nodeName)
      ? (this.sim.node(nodeName).address as Address)
      : clusterAddress(Number(nodeName.slice(1)));
    const live = [...this.live.values()];
    const bootstrap = Array.from(
      { length: Math.min(3, live.length) },
      () => (live[this.random.nextInt(live.length)] as RingNode).address,
    );
    this.live.set(nodeName, ringNodeOf(address));
    this.#sorted = undefined;
    this.sim.startNode({
      name: nodeName,
      address,
      definition: RouterNode,
      args: [
        {
          self: address,
          bootstrap,
          truth: this.truth,
          ...(this.options.router === undefined ? {} : { router: this.options.router }),
          ...(this.options.fanout === undefined ? {} : { fanout: this.options.fanout }),
          ...(this.options.fdTimeoutMs === undefined ? {} : { fdTimeoutMs: this.options.fdTimeoutMs }),
        },
      ],
    });
    return nodeName;
  }

  /** Crashes a node. */
  kill(name: string): void {
    const counts = this.#countsOf(name);
    for (const k of Object.keys(counts) as (keyof MessageCounts)[]) this.#retired[k] += counts[k];
    this.sim.killNode(name);
    this.live.delete(name);
    this.#sorted = undefined;
  }

  /** Names of nodes that ran and are down now. */
  dead(): string[] {
    return this.sim.nodes.filter((n) => !n.alive).map((n) => n.name);
  }

  /** One step of churn: a join (a fresh node, or a crashed one back at its address) or a crash. */
  churnStep(u: number, minNodes: number): void {
    const dead = this.dead();
    if (u < 0.5 || this.live.size <= minNodes) {
      if (u < 0.15 && dead.length > 0) this.start(dead[this.random.nextInt(dead.length)]);
      else this.start();
    } else {
      const names = [...this.live.keys()];
      this.kill(names[this.random.nextInt(names.length)] as string);
    }
  }

  router(name: string) {
    return this.sim.node<RouterNode>(name).definition.router.definition;
  }

  /** Fraction of live nodes whose table of live members is exactly the truth. */
  tablesCorrect(): number {
    const truth = this.truth();
    let correct = 0;
    for (const name of this.live.keys()) {
      const table = this.router(name).membership.sorted();
      if (table.length === truth.length && table.every((n, i) => n.equals(truth[i] as RingNode))) correct++;
    }
    return correct / this.live.size;
  }

  /**
   * Issues a Lookup of a random key with replication degree `degree` at a random live node (or
   * `at`), through the node's OverlayRouter port; the answer is checked against the truth when
   * it arrives and counted into `into`.
   */
  lookup(into: Agreement, degree = 3, at?: string): void {
    const names = [...this.live.keys()];
    const name = at ?? (names[this.random.nextInt(names.length)] as string);
    const client = this.sim.client(name, OverlayRouter);
    if (!this.#listening.has(client)) {
      this.#listening.add(client);
      client.onIndication((e) => {
        if (!(e instanceof LookupResponse)) return;
        const request = this.#pending.get(e.requestId);
        if (request === undefined) return;
        this.#pending.delete(e.requestId);
        const truth = replicaGroup(this.truth(), e.keyHash, request.degree);
        const answer = e.group;
        request.into.lookups++;
        if (truth[0] !== undefined && answer[0]?.equals(truth[0])) request.into.responsible++;
        if (answer.length === truth.length && answer.every((n, i) => n.equals(truth[i] as RingNode)))
          request.into.group++;
      });
    }
    const requestId = `q${this.#pending.size}-${this.sim.now}-${this.random.nextInt(1 << 30)}`;
    this.#pending.set(requestId, { degree, into });
    client.request(new Lookup(this.random.nextInt(2 ** 32), degree, requestId));
  }

  /** Messages sent so far, by kind, over every incarnation of every node. */
  messages(): MessageCounts {
    const total = { ...this.#retired };
    for (const name of this.live.keys()) {
      const counts = this.#countsOf(name);
      for (const k of Object.keys(counts) as (keyof MessageCounts)[]) total[k] += counts[k];
    }
    return total;
  }

  #countsOf(name: string): MessageCounts {
    const node = this.sim.node<RouterNode>(name).definition;
    const r = node.router.definition.stats;
    return {
      gossip: node.epidemic.definition.stats.sent,
      announced: r.announced,
      digests: r.digestsSent,
      tables: r.tablesSent,
      records: r.recordsSent,
    };
  }
}
