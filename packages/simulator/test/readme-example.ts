// The README's example, verbatim but for the import path; test/readme.test.ts keeps the two in step.
import { ComponentDefinition, Start } from '@kompics/kernel';
import { Address, CodecRegistry, Message, Network } from '@kompics/network';
import { SchedulePeriodicTimeout, Timeout, Timer } from '@kompics/timer';
import { constant, killNode, Scenario, sequence, startNode, uniform } from '../src/index.js';

class Ping extends Message {
  declare private readonly brand: 'Ping';
}
class Tick extends Timeout {}

class Pinger extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  received = 0;
  constructor(self: Address, peers: readonly Address[]) {
    super();
    this.subscribe(this.control, Start, () =>
      this.trigger(new SchedulePeriodicTimeout(100, 100, new Tick(this.context.ids.next())), this.timer),
    );
    this.subscribe(this.timer, Tick, () => {
      // Randomness comes from the context, never from Math.random().
      const peer = peers[this.context.random.nextInt(peers.length)] as Address;
      this.trigger(new Ping(self, peer), this.net);
    });
    this.subscribe(this.net, Ping, () => {
      this.received++;
    });
  }
}

const codecs = new CodecRegistry().register({
  typeId: 1,
  messageClass: Ping,
  encode: () => null,
  decode: (_body, source, destination) => new Ping(source, destination),
});

const addresses = [1, 2, 3, 4, 5].map((i) => new Address(`10.0.0.${i}`, 7000));
const scenario = new Scenario('five pingers, one crash', {
  simulation: { codecs, network: { latency: uniform(5, 50), loss: 0.01 } },
  replay: { test: 'five pingers, one crash', package: '@kompics/simulator' },
});
const boot = scenario.process('boot', {
  operation: startNode(Pinger, (i: number) => ({
    name: `n${i}`,
    address: addresses[i] as Address,
    args: [addresses[i] as Address, addresses],
  })),
  count: 5,
  interArrival: constant(10),
  params: [sequence(0)],
});
scenario
  .process('crash', { operation: killNode, count: 1, params: [constant('n2')] })
  .startAfterTerminationOf(boot, 1_000);
scenario.terminateAt(5_000);

const report = scenario.simulate(42);
console.log(report.hash, report.stats.toJSON(), report.sim.alive());
// The same seed, the same hash:
console.assert(scenario.simulate(42).hash === report.hash);
