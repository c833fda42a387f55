/**
 * The simulator bench's workload: nodes that each ping a random peer on a periodic timer.
 * Shared by `simulator.bench.ts` and `paired.ts`.
 */
import { ComponentDefinition, Start } from '@kompics/kernel';
import { Address, CodecError, CodecRegistry, Message, Network } from '@kompics/network';
import { SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';

export class BenchPing extends Message {
  declare private readonly brand: 'BenchPing';
  constructor(
    source: Address,
    destination: Address,
    readonly seq: number,
  ) {
    super(source, destination);
  }
}

export class Tick extends Timeout {
  declare private readonly brand: 'Tick';
}

export class BenchNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  received = 0;
  #seq = 0;

  constructor(self: Address, peers: readonly Address[], period: number) {
    super();
    this.subscribe(this.control, Start, () => {
      const offset = this.context.random.nextFloat() * period;
      this.trigger(
        new SchedulePeriodicTimeout(offset, period, new Tick(this.context.ids.next())),
        this.timer,
      );
    });
    this.subscribe(this.timer, Tick, () => {
      let peer = peers[this.context.random.nextInt(peers.length)] as Address;
      if (peer === self) peer = peers[0] as Address;
      this.trigger(new BenchPing(self, peer, this.#seq++), this.net);
    });
    this.subscribe(this.net, BenchPing, () => {
      this.received++;
    });
  }
}

export const codecs = new CodecRegistry().register({
  typeId: 1,
  messageClass: BenchPing,
  encode: (m: BenchPing) => m.seq,
  decode: (body, source, destination) => {
    if (typeof body !== 'number') throw new CodecError('seq must be a number');
    return new BenchPing(source, destination, body);
  },
});

/** `n` distinct node addresses. */
function benchAddresses(n: number): Address[] {
  return Array.from({ length: n }, (_, i) => new Address(`10.${i >> 8}.${i & 255}.1`, 7000));
}

/** Something nodes can be started in: a {@link Simulation} of this build or of another one. */
interface NodeHost {
  startNode(spec: {
    name: string;
    address: Address;
    definition: typeof BenchNode;
    args: [Address, readonly Address[], number];
  }): unknown;
}

/** Starts `n` ping nodes, each pinging a random one of the others every 100 virtual ms. */
export function startPingNodes(sim: NodeHost, n: number): void {
  const addresses = benchAddresses(n);
  addresses.forEach((self, i) => {
    sim.startNode({ name: `n${i}`, address: self, definition: BenchNode, args: [self, addresses, 100] });
  });
}

/** The simulator's API as the benches use it: this build's, or another commit's. */
export type SimulatorModule = typeof import('../src/index.js');

/**
 * A fresh ping simulation of `nodes` nodes as every bench runs it (seed 1, codec off, no trace,
 * latency uniform(5, 50) ms), run until `warmUpMs` of virtual time.
 */
export function pingSimulation(
  simulator: SimulatorModule,
  nodes: number,
  warmUpMs: number,
): InstanceType<SimulatorModule['Simulation']> {
  const sim = new simulator.Simulation({
    seed: 1,
    codec: false,
    trace: 'off',
    network: { latency: simulator.uniform(5, 50) },
  });
  startPingNodes(sim, nodes);
  sim.run({ until: warmUpMs });
  return sim;
}

/** Messages per wall-clock second of a fresh ping simulation, over `seconds` after a 1-s warm-up. */
export function pingRate(simulator: SimulatorModule, nodes: number, seconds: number): number {
  const sim = pingSimulation(simulator, nodes, 1_000);
  const sent = sim.stats.sent;
  const started = performance.now();
  sim.run({ until: 1_000 + seconds * 1_000 });
  return (sim.stats.sent - sent) / ((performance.now() - started) / 1_000);
}
