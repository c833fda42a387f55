import { Address } from '@kompics/network';
import { constant, forEachSeed, Simulation, uniform } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import { FdPing } from '../src/index.js';
import { FdNode, fdCodecs } from './fd-node.js';

const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);
const INTERVAL = 1000;
const MIN_TIMEOUT = 1000;
const INCREMENT = 1000;
const options = (self: Address) => ({
  self,
  pingIntervalMs: INTERVAL,
  minTimeoutMs: MIN_TIMEOUT,
  timeoutIncrementMs: INCREMENT,
});
const addr = (i: number) => new Address(`10.0.1.${i}`, 4000);

function cluster(seed: number, n: number, latency = uniform(5, 50), watchers = 1) {
  const sim = new Simulation({ seed, codecs: fdCodecs(), network: { latency }, trace: 'off' });
  const addresses = Array.from({ length: n }, (_, i) => addr(i + 1));
  for (const [i, self] of addresses.entries()) {
    const peers = addresses.filter((a) => a !== self);
    sim.startNode({
      name: `n${i + 1}`,
      address: self,
      definition: FdNode,
      args: [options(self), peers, watchers],
    });
  }
  const watcher = (i: number, w = 0) => sim.node<FdNode>(`n${i}`).definition.watchers[w]?.definition;
  return { sim, addresses, watcher };
}

describe('ping failure detector, in simulation', () => {
  it('suspects every crashed node within the bound, at every survivor, and no live node (many seeds)', () => {
    const detection: number[] = [];
    forEachSeed(
      'suspects every crashed node within the bound',
      SEEDS,
      (seed) => {
        const n = 10;
        const { sim, watcher } = cluster(seed, n);
        const random = sim.random('test');
        const crashed = new Set<number>();
        while (crashed.size < 3) crashed.add(1 + random.nextInt(n));
        const crashAt = 10_000 + random.nextInt(5_000);
        sim.at(crashAt, () => {
          for (const i of crashed) sim.killNode(`n${i}`);
        });
        sim.run({ until: crashAt + 20_000 });
        // Detection bound: silence longer than interval + timeout, checked every interval, plus a
        // last round trip's worth of latency (at most 2 × 50 ms here).
        const bound = 2 * INTERVAL + MIN_TIMEOUT + 100;
        for (let i = 1; i <= n; i++) {
          if (crashed.has(i)) continue;
          const w = watcher(i);
          if (w === undefined) throw new Error(`no watcher at n${i}`);
          for (const c of crashed) {
            const first = w.verdicts.find((v) => v.node === addr(c).key && v.kind === 'suspect');
            expect(first, `n${i} never suspected n${c}`).toBeDefined();
            const delay = (first?.t ?? 0) - crashAt;
            expect(delay).toBeGreaterThan(0);
            expect(delay).toBeLessThanOrEqual(bound);
            detection.push(delay);
          }
          expect([...w.suspected].sort()).toEqual([...crashed].map((c) => addr(c).key).sort());
          // Accuracy on a steady network: no live node was ever suspected.
          expect(w.verdicts.filter((v) => v.kind === 'restore')).toEqual([]);
        }
      },
      '@kompics/failure-detector-ping',
    );
    detection.sort((a, b) => a - b);
    const mean = detection.reduce((a, b) => a + b, 0) / detection.length;
    console.log(
      `detection time over ${SEEDS.length} seeds: mean ${mean.toFixed(0)} ms, ` +
        `p50 ${detection[Math.floor(detection.length / 2)]} ms, max ${detection.at(-1)} ms`,
    );
  });

  it('suspects falsely during delay spikes, restores each time, and grows its timeouts until it stays accurate', () => {
    let falsePerHour = 0;
    forEachSeed(
      'suspects falsely during delay spikes',
      SEEDS,
      (seed) => {
        const { sim, watcher, addresses } = cluster(seed, 5);
        // Six identical spikes, 30 s apart: 4 s of 2.5 s one-way latency (5 s round trips).
        const spikes = [10_000, 40_000, 70_000, 100_000, 130_000, 160_000];
        for (const at of spikes) {
          sim.at(at, () => sim.network.setLatency(constant(2_500)));
          sim.at(at + 4_000, () => sim.network.setLatency(uniform(5, 50)));
        }
        const end = 190_000;
        sim.run({ until: end });
        let suspicions = 0;
        for (let i = 1; i <= 5; i++) {
          const w = watcher(i);
          if (w === undefined) throw new Error('no watcher');
          const perSpike = spikes.map(
            (at) => w.verdicts.filter((v) => v.kind === 'suspect' && v.t >= at && v.t < at + 30_000).length,
          );
          // The first spike fools the detector; each false suspicion grows that node's
          // timeout, so the count never rises and the last spikes pass unnoticed.
          expect(perSpike[0]).toBeGreaterThan(0);
          for (let k = 1; k < perSpike.length; k++)
            expect(perSpike[k]).toBeLessThanOrEqual(perSpike[k - 1] as number);
          expect(perSpike.slice(-2)).toEqual([0, 0]);
          // Every false suspicion was withdrawn.
          const restores = w.verdicts.filter((v) => v.kind === 'restore').length;
          suspicions += w.verdicts.filter((v) => v.kind === 'suspect').length;
          expect(restores).toBe(w.verdicts.length - restores);
          expect(w.suspected.size).toBe(0);
        }
        const monitored = sim.node<FdNode>('n1').definition.detector.definition.monitored();
        for (const peer of addresses.slice(1)) {
          expect(monitored.get(peer.key)?.timeout).toBeGreaterThanOrEqual(MIN_TIMEOUT + 2 * INCREMENT);
        }
        // 5 nodes × 4 peers watched for `end` ms of virtual time.
        falsePerHour += (suspicions / (5 * 4)) * (3_600_000 / end);
      },
      '@kompics/failure-detector-ping',
    );
    console.log(
      `false suspicions per monitored pair per hour, with a 4 s spike of 2.5 s latency every 30 s: ${(falsePerHour / SEEDS.length).toFixed(1)}`,
    );
  });

  it('keeps monitoring a node while any requester wants it, and stops when the last one stops', () => {
    const { sim, addresses, watcher } = cluster(7, 2, uniform(5, 50), 2);
    const pingsTo2: number[] = [];
    sim.observe((d, t) => {
      if (
        d.event instanceof FdPing &&
        d.component === '/sim/n2/PingFailureDetector' &&
        d.event.destination.equals(addr(2))
      )
        pingsTo2.push(t);
    });
    const [n2] = [addresses[1] as Address];
    sim.at(5_000, () => watcher(1, 0)?.stop(n2));
    sim.at(10_000, () => watcher(1, 1)?.stop(n2));
    sim.run({ until: 20_000 });
    const detector = sim.node<FdNode>('n1').definition.detector.definition;
    expect(detector.monitored().has(n2.key)).toBe(false);
    const between = pingsTo2.filter((t) => t > 5_500 && t < 10_000);
    const after = pingsTo2.filter((t) => t > 10_500);
    expect(between.length).toBeGreaterThanOrEqual(4);
    expect(after).toEqual([]);
  });

  it('tells a late requester of a standing suspicion at once', () => {
    const { sim, watcher } = cluster(11, 3, uniform(5, 50), 2);
    sim.at(1_000, () => watcher(1, 1)?.stop(addr(3)));
    sim.at(5_000, () => sim.killNode('n3'));
    sim.at(15_000, () => watcher(1, 1)?.start(addr(3)));
    sim.run({ until: 15_100 });
    const late = watcher(1, 1);
    expect(late?.suspected.has(addr(3).key)).toBe(true);
    // Suspicions go to every connected requester; the late one also hears it at the moment it asks.
    const atRequest = late?.verdicts.filter((v) => v.kind === 'suspect' && v.t === 15_000).map((v) => v.node);
    expect(atRequest).toEqual([addr(3).key]);
  });

  it('refuses bad options with a clear error', () => {
    const sim = new Simulation({ seed: 1, codecs: fdCodecs(), trace: 'off' });
    expect(() =>
      sim.startNode({
        name: 'bad',
        address: addr(1),
        definition: FdNode,
        args: [{ self: addr(1), pingIntervalMs: 0 }, []],
      }),
    ).toThrow(/pingIntervalMs must be a positive number/);
  });
});
