// A small simulated cluster for the focused tests: nodes by index over the oracle ring and
// router, each with its own durable MemoryStoreData, and a promise-free way to run operations.
import { Delete, Dht, DhtFailure, type DhtResponse, Get, GetResponse, Put } from '@kompics/dht';
import { Address, CodecRegistry } from '@kompics/network';
import { RingNode, ringHash } from '@kompics/ring';
import { type ClientProbe, Simulation, uniform } from '@kompics/simulator';
import { MemoryStoreData } from '@kompics/store-memory';
import { type CatsOptions, registerCatsCodecs } from '../src/index.js';
import { CatsNode } from './cats-node.js';

export const clusterNode = (i: number) => {
  const a = new Address(`10.3.0.${i}`, 7000);
  return new RingNode(ringHash(a.key), a);
};

export class Cluster {
  readonly sim: Simulation;
  readonly live = new Map<string, RingNode>();
  readonly disks = new Map<string, MemoryStoreData>();
  #counter = 0;
  readonly #probes = new Map<string, { probe: ClientProbe; incarnation: number }>();

  constructor(
    seed: number,
    readonly options: Partial<CatsOptions> = {},
  ) {
    this.sim = new Simulation({
      seed,
      codecs: registerCatsCodecs(new CodecRegistry()),
      trace: 'off',
      network: { latency: uniform(1, 5) },
    });
  }

  /** Nodes whose ring says nothing yet (address keys): as after a restart, before the ring has answered. */
  readonly blind = new Set<string>();

  readonly truth = (self: RingNode) =>
    this.blind.has(self.address.key) ? [self] : [...this.live.values()].sort((x, y) => x.id - y.id);

  /** Starts node `i` (again, with its disk, if it ran before). */
  start(i: number, genesis: readonly RingNode[]): void {
    const name = `n${i}`;
    const self = clusterNode(i);
    this.live.set(name, self);
    let data = this.disks.get(name);
    if (data === undefined) {
      data = new MemoryStoreData();
      this.disks.set(name, data);
    }
    this.sim.startNode({
      name,
      address: self.address,
      definition: CatsNode,
      args: [{ cats: { slices: 4, ...this.options, self, genesis }, truth: this.truth, data }],
    });
  }

  kill(i: number): void {
    this.sim.killNode(`n${i}`);
    this.live.delete(`n${i}`);
  }

  /** The data layer of live node `i`. */
  layer(i: number) {
    return (this.sim.node(`n${i}`).definition as CatsNode).layer.definition;
  }

  client(i: number): ClientProbe {
    const name = `n${i}`;
    const incarnation = this.sim.node(name).incarnation;
    const known = this.#probes.get(name);
    if (known?.incarnation === incarnation) return known.probe;
    const probe = this.sim.client(name, Dht);
    this.#probes.set(name, { probe, incarnation });
    return probe;
  }

  /** Sends an operation through node `i` and returns a function that finds its answer. */
  op(i: number, what: 'put' | 'get' | 'delete', key: string, value = ''): () => DhtResponse | undefined {
    const id = `op${++this.#counter}`;
    const request =
      what === 'put' ? new Put(id, key, value) : what === 'get' ? new Get(id, key) : new Delete(id, key);
    const probe = this.client(i);
    probe.request(request);
    return () => probe.received.find((e) => (e as DhtResponse).requestId === id) as DhtResponse | undefined;
  }
}

/** The value a get answered, or a description of what else it got. */
export function answerOf(answer: DhtResponse | undefined): string | null {
  if (answer instanceof GetResponse) return typeof answer.value === 'string' ? answer.value : null;
  if (answer instanceof DhtFailure) return `failure: ${answer.reason}`;
  return `no answer (${answer?.constructor.name ?? 'none'})`;
}
