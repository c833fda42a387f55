// The simulated Network and Timer providers run the same compliance suites as the production
// ones (network-ws, timer-node), in virtual time.
import {
  type Driver,
  NetworkProbe,
  networkComplianceSuite,
  type TimerHarness,
  TimerProbe,
  timerComplianceSuite,
  WaitTimeoutError,
} from '@kompics/compliance';
import type { Fault } from '@kompics/kernel';
import { Address, CodecRegistry } from '@kompics/network';
import { Simulation, uniform } from '../src/index.js';

/** A Driver over virtual time: sleeping advances the simulation, waiting runs it in 1 ms steps. */
function virtualTimeDriver(sim: Simulation): Driver {
  const advance = (until: number) => {
    sim.run({ until });
  };
  return {
    now: () => sim.now,
    sleep: async (ms) => advance(sim.now + ms),
    async waitFor(predicate, options = {}) {
      const timeoutMs = options.timeoutMs ?? 20_000;
      const deadline = sim.now + timeoutMs;
      advance(sim.now);
      while (!predicate()) {
        if (sim.now >= deadline) {
          throw new WaitTimeoutError(
            `timed out after ${timeoutMs} virtual ms waiting for ${options.what ?? 'a condition'}`,
          );
        }
        advance(Math.min(deadline, sim.now + 1));
      }
    },
  };
}

let nextSeed = 1;

networkComplianceSuite({
  name: '@kompics/simulator (SimulatedNetwork)',
  setup: async ({ codecs }) => {
    const sim = new Simulation({
      seed: nextSeed++,
      codecs,
      network: { latency: uniform(1, 20) },
      trace: 'off',
    });
    const faults: Fault[] = [];
    const driver = virtualTimeDriver(sim);
    let count = 0;
    return {
      ...driver,
      faults,
      async addNode() {
        count++;
        const address = new Address(`10.9.${count >> 8}.${count & 255}`, 7000);
        const node = sim.startNode({
          name: `probe${count}`,
          address,
          definition: NetworkProbe,
          args: [address],
        });
        await driver.waitFor(() => node.child.state === 'active', { what: 'the probe to start' });
        return node.definition;
      },
      async unusedAddress() {
        return new Address('10.255.255.254', 1);
      },
    };
  },
  teardown: async () => {},
});

timerComplianceSuite({
  name: '@kompics/simulator (SimulatedTimer)',
  setup: async () => {
    const sim = new Simulation({ seed: nextSeed++, codecs: new CodecRegistry(), trace: 'off' });
    const driver = virtualTimeDriver(sim);
    let count = 0;
    const harness: TimerHarness = {
      ...driver,
      faults: [],
      async addProbe() {
        count++;
        const node = sim.startNode({ name: `timer${count}`, definition: TimerProbe, args: [] });
        await driver.waitFor(() => node.child.state === 'active', { what: 'the probe to start' });
        return node.definition;
      },
    };
    return harness;
  },
  teardown: async () => {},
});
