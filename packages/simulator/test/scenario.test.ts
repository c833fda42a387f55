import { ComponentDefinition, definePort, Kill, Start, Stop } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import {
  changeNetwork,
  constant,
  exponential,
  forEachSeed,
  InvariantViolation,
  killNode,
  operation,
  pick,
  restartNode,
  Scenario,
  ScenarioFailure,
  type Simulation,
  sequence,
  startNode,
  stopNode,
  uniformInt,
} from '../src/index.js';
import { addr, codecs, Pinger } from './fixtures.js';

const noop = operation('noop', () => {});
const note = operation('note', (_sim, _value: number) => {});

describe('scenario composition', () => {
  it('fires operations at the times the DSL says: sequential, parallel, after termination with delay', () => {
    const scenario = new Scenario('timing', { simulation: { codec: false } });
    const first = scenario
      .process('first', { operation: noop, count: 3, interArrival: constant(100) })
      .startAt(50);
    const lagging = scenario.process('lagging', { operation: noop, count: 1 }).startAfterStartOf(first, 25);
    const second = scenario
      .process('second', { operation: noop, count: 2, interArrival: constant(10) })
      .startAfterTerminationOf(first, 1_000);
    const together = scenario
      .process('together', { operation: noop, count: 2, interArrival: constant(5) })
      .startWith(second);
    const cut = scenario
      .process('cut', { operation: noop, count: 100, interArrival: constant(100) })
      .startAt(0)
      .terminateAt(450);
    const chained = scenario
      .process('chained', { operation: noop, count: 1_000, interArrival: constant(1) })
      .startAt(0)
      .terminateAfterTerminationOf(cut, 3);
    scenario.terminateAfterTerminationOf(second, 500);
    const report = scenario.simulate(1);
    const times = (name: string) => report.operations.filter((o) => o.process === name).map((o) => o.time);
    expect(times('first')).toEqual([50, 150, 250]);
    expect(times('lagging')).toEqual([75]);
    expect(times('second')).toEqual([1_250, 1_260]);
    expect(times('together')).toEqual([1_250, 1_255]);
    expect(times('cut')).toEqual([0, 100, 200, 300, 400]);
    expect(times('chained')).toHaveLength(453);
    expect(report.processes.first).toEqual({ start: 50, end: 250 });
    expect(report.processes.second).toEqual({ start: 1_250, end: 1_260 });
    expect(report.processes.cut).toEqual({ start: 0, end: 450 });
    expect(report.processes.chained?.end).toBe(453);
    expect(report.reason).toBe('stopped');
    expect(report.time).toBe(1_760);
    expect([first, lagging, together, chained].every((p) => p.name.length > 0)).toBe(true);
  });

  it('draws counts, inter-arrival times and parameters from the seed', () => {
    const build = () => {
      const scenario = new Scenario('stochastic', { simulation: { codec: false } });
      scenario.process('ops', {
        operation: note,
        count: 200,
        interArrival: exponential(50),
        params: [uniformInt(10, 20)],
      });
      return scenario;
    };
    const a = build().simulate(7);
    const b = build().simulate(7);
    const c = build().simulate(8);
    expect(a.operations).toHaveLength(200);
    expect(a.operations).toEqual(b.operations);
    expect(a.hash).toBe(b.hash);
    expect(a.operations).not.toEqual(c.operations);
    const params = a.operations.map((o) => o.params[0] as number);
    expect(Math.min(...params)).toBe(10);
    expect(Math.max(...params)).toBe(20);
    const gaps = a.operations.slice(1).map((o, i) => o.time - (a.operations[i]?.time ?? 0));
    const meanGap = gaps.reduce((x, y) => x + y, 0) / gaps.length;
    expect(meanGap).toBeGreaterThan(40);
    expect(meanGap).toBeLessThan(60);
  });
});

class Lifecycle extends ComponentDefinition {
  constructor(readonly log: string[]) {
    super();
    this.subscribe(this.control, Start, () => log.push(`start ${this.path}`));
    this.subscribe(this.control, Stop, () => log.push(`stop ${this.path}`));
    this.subscribe(this.control, Kill, () => log.push(`kill ${this.path}`));
  }
}

describe('node operations', () => {
  it('starts, crashes, stops gracefully and restarts nodes', () => {
    const log: string[] = [];
    const scenario = new Scenario('lifecycle', { simulation: { codec: false } });
    const boot = scenario.process('boot', {
      operation: startNode(Lifecycle, (i: number) => ({ name: `n${i}`, args: [log] })),
      count: 4,
      interArrival: constant(10),
      params: [sequence(1)],
    });
    const crash = scenario
      .process('crash', { operation: killNode, count: 1, params: [constant('n1')] })
      .startAfterTerminationOf(boot, 100);
    const stop = scenario
      .process('stop', { operation: stopNode, count: 1, params: [constant('n2')] })
      .startWith(crash);
    scenario
      .process('restart', {
        operation: restartNode,
        count: 2,
        interArrival: constant(50),
        params: [pick(['n1', 'n3'])],
      })
      .startAfterTerminationOf(stop, 100);
    const run = scenario.simulate(3);
    expect(run.operations.map((o) => [o.time, o.operation, o.params[0]])).toEqual([
      [0, 'startNode', 1],
      [10, 'startNode', 2],
      [20, 'startNode', 3],
      [30, 'startNode', 4],
      [130, 'killNode', 'n1'],
      [130, 'stopNode', 'n2'],
      [230, 'restartNode', run.operations[6]?.params[0]],
      [280, 'restartNode', run.operations[7]?.params[0]],
    ]);
    // The crashed node ran no handler; the stopped one ran its Stop and Kill handlers.
    expect(log).toContain('kill /sim/n2');
    expect(log).toContain('stop /sim/n2');
    expect(log.some((l) => l.includes('n1') && !l.startsWith('start'))).toBe(false);
    const sim = run.sim;
    expect(sim.node('n2').alive).toBe(false);
    const restarted = run.operations.slice(6).map((o) => o.params[0] as string);
    for (const name of restarted) expect(sim.node(name).alive).toBe(true);
    expect(sim.node(restarted[0] as string).incarnation).toBeGreaterThan(1);
  });

  it('exposes the global view: alive nodes, snapshots, step hooks', () => {
    const log: string[] = [];
    const aliveSeen = new Set<number>();
    const scenario = new Scenario('view', {
      simulation: { codec: false },
      setup: (sim) => {
        sim.snapshotAt(25, 'booted', (s) => s.alive());
        sim.snapshotAt(150, 'after crash', (s) => s.alive());
        sim.onStep((s) => aliveSeen.add(s.alive().length));
      },
    });
    const boot = scenario.process('boot', {
      operation: startNode(Lifecycle, (i: number) => ({ name: `n${i}`, args: [log] })),
      count: 3,
      interArrival: constant(10),
      params: [sequence(1)],
    });
    scenario
      .process('crash', { operation: killNode, count: 1, params: [constant('n2')] })
      .startAfterTerminationOf(boot, 100);
    const report = scenario.simulate(1);
    expect(report.snapshots).toEqual([
      { time: 25, label: 'booted', value: ['n1', 'n2', 'n3'] },
      { time: 150, label: 'after crash', value: ['n1', 'n3'] },
    ]);
    expect([...aliveSeen].sort()).toEqual([0, 1, 2, 3]);
    expect(report.sim.alive()).toEqual(['n1', 'n3']);
  });
});

class Echo {
  constructor(readonly text: string) {}
}
class Echoed {
  constructor(readonly text: string) {}
}
const EchoPort = definePort('Echo', { requests: [Echo], indications: [Echoed] });

class EchoServer extends ComponentDefinition {
  readonly echo = this.provides(EchoPort);
  constructor() {
    super();
    this.subscribe(this.echo, Echo, (e) => this.trigger(new Echoed(`${this.path}:${e.text}`), this.echo));
  }
}

describe('client operations', () => {
  it('issues requests into a node through a client probe and sees its indications', () => {
    const ask = operation('ask', (sim, node: string, text: string) =>
      sim.client(node, EchoPort).request(new Echo(text)),
    );
    const scenario = new Scenario('clients', {
      simulation: { codec: false },
      setup: (sim) => {
        for (const name of ['a', 'b']) sim.startNode({ name, definition: EchoServer, args: [] });
      },
    });
    scenario.process('ask', {
      operation: ask,
      count: 6,
      interArrival: constant(1),
      params: [pick(['a', 'b']), pick(['x', 'y', 'z'])],
    });
    const report = scenario.simulate(9);
    const sim = report.sim;
    const answers = ['a', 'b'].flatMap((n) =>
      sim.client(n, EchoPort).received.map((e) => (e as Echoed).text),
    );
    expect(answers).toHaveLength(6);
    for (const op of report.operations) {
      expect(answers).toContain(`/sim/${op.params[0] as string}:${op.params[1] as string}`);
    }
    // The probe goes away with its node.
    sim.killNode('a');
    expect(() => sim.client('a', EchoPort)).toThrow(/not running/);
  });
});

describe('network operations inside scenarios', () => {
  it('partitions and heals through operations, and terminates on a condition', () => {
    const addresses = [1, 2, 3, 4].map(addr);
    const scenario = new Scenario('partition', {
      simulation: { codecs: codecs(), network: { latency: constant(5) } },
      setup: (sim) => {
        addresses.forEach((self, i) => {
          sim.startNode({
            name: `n${i + 1}`,
            address: self,
            definition: Pinger,
            args: [self, addresses.filter((a) => a !== self), 10],
          });
        });
      },
    });
    const split = scenario
      .process('split', {
        operation: changeNetwork('partition', (net) =>
          net.partition([addresses.slice(0, 2), addresses.slice(2)]),
        ),
        count: 1,
      })
      .startAt(1_000);
    scenario
      .process('heal', { operation: changeNetwork('heal', (net) => net.heal()), count: 1 })
      .startAfterStartOf(split, 1_000);
    scenario.terminateWhen((sim) => sim.now >= 3_000);
    const report = scenario.simulate(11);
    expect(report.reason).toBe('condition');
    expect(report.time).toBeGreaterThanOrEqual(3_000);
    expect(report.time).toBeLessThan(3_011);
    expect(report.stats.blocked).toBeGreaterThan(50);
    expect(report.stats.bytes).toBeGreaterThan(0);
  });
});

class Faulty extends ComponentDefinition {
  constructor() {
    super();
    this.subscribe(this.control, Start, () => {
      throw new Error('boom');
    });
  }
}

describe('failures', () => {
  it('a fault fails the run with the seed and the command that replays it', () => {
    const scenario = new Scenario('faulty', {
      simulation: { codec: false },
      replay: { test: 'a fault fails the run', package: '@kompics/simulator' },
    });
    scenario
      .process('boot', {
        operation: startNode(Faulty, () => ({ name: 'x', args: [] })),
        count: 1,
      })
      .startAt(5);
    let failure: unknown;
    try {
      scenario.simulate(1234);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ScenarioFailure);
    const message = (failure as ScenarioFailure).message;
    expect(message).toContain('seed 1234');
    expect(message).toContain(
      "replay: SEED=1234 pnpm --filter @kompics/simulator exec vitest run -t 'a fault fails the run'",
    );
    expect(message).toContain('boom');
  });

  it('a violated invariant fails the run at the step that broke it', () => {
    const scenario = new Scenario('invariant', {
      simulation: { codec: false },
      setup: (sim: Simulation) =>
        sim.invariant('at most two nodes', (s) => s.alive().length <= 2 || `${s.alive()}`),
    });
    scenario.process('boot', {
      operation: startNode(Lifecycle, (i: number) => ({ name: `n${i}`, args: [[]] })),
      count: 5,
      interArrival: constant(10),
      params: [sequence(1)],
    });
    expect(() => scenario.simulate(5)).toThrow(ScenarioFailure);
    try {
      scenario.simulate(5);
    } catch (error) {
      const cause = (error as ScenarioFailure).cause;
      expect(cause).toBeInstanceOf(InvariantViolation);
      expect((cause as InvariantViolation).time).toBe(20);
      expect((error as ScenarioFailure).message).toMatch(/seed 5 at t=20/);
    }
  });

  it('forEachSeed names the failing seed and honours SEED', () => {
    const before = process.env.SEED;
    try {
      delete process.env.SEED;
      const ran: number[] = [];
      expect(() =>
        forEachSeed('seeds', [1, 2, 3], (seed) => {
          ran.push(seed);
          if (seed === 2) throw new Error('bad seed');
        }),
      ).toThrow(/seed 2[\s\S]*SEED=2 pnpm --filter/);
      expect(ran).toEqual([1, 2]);
      process.env.SEED = '3';
      const replayed: number[] = [];
      forEachSeed('seeds', [1, 2], (seed) => replayed.push(seed));
      expect(replayed).toEqual([3]);
    } finally {
      if (before === undefined) delete process.env.SEED;
      else process.env.SEED = before;
    }
  });
});

describe('local emulation', () => {
  it('executes the same scenario in real time with real timers', async () => {
    const addresses = [1, 2, 3].map(addr);
    const scenario = new Scenario('emulated', {
      simulation: { codecs: codecs(), network: { latency: constant(2) } },
    });
    scenario.process('boot', {
      operation: startNode(Pinger, (i: number) => {
        const self = addresses[i] ?? addr(99);
        return { name: `n${i}`, address: self, args: [self, addresses.filter((a) => a !== self), 20] };
      }),
      count: 3,
      interArrival: constant(20),
      params: [sequence(0)],
    });
    scenario.terminateAt(400);
    const report = await scenario.execute({ seed: 3 });
    expect(report.operations.map((o) => o.params[0])).toEqual([0, 1, 2]);
    // Real timers: the operations are spread over (at least) the declared inter-arrival times.
    const [t0, t1, t2] = report.operations.map((o) => o.time) as [number, number, number];
    expect(t1 - t0).toBeGreaterThanOrEqual(15);
    expect(t2 - t1).toBeGreaterThanOrEqual(15);
    expect(report.time).toBeGreaterThanOrEqual(390);
    expect(report.stats.delivered).toBeGreaterThan(10);
    const pings = report.sim.nodes.map((n) => (n.definition as Pinger).pings.length);
    expect(pings.every((p) => p > 0)).toBe(true);
  });
});
