import { describe, expect, it } from 'vitest';
import { constant, uniform } from '../src/index.js';
import { type Arrival, pingers } from './helpers.js';

function inversions(arrivals: readonly Arrival[], from: string, to: string): number {
  let count = 0;
  let highest = -1;
  for (const a of arrivals) {
    if (a.from !== from || a.to !== to) continue;
    if (a.seq < highest) count++;
    highest = Math.max(highest, a.seq);
  }
  return count;
}

describe('network behaviour', () => {
  it('loses messages with the declared probability', () => {
    const { sim } = pingers(2, { period: 1, network: { loss: 0.2 } });
    sim.run({ until: 10_000 });
    // Pings and their pongs: every delivered ping is answered.
    const { sent, delivered, lost, inFlight } = sim.stats;
    expect(sent).toBeGreaterThan(20_000);
    expect(delivered + lost + inFlight).toBe(sent);
    expect(Math.abs(lost / sent - 0.2)).toBeLessThan(0.01);
  });

  it('duplicates messages with the declared probability', () => {
    const { sim, arrivals } = pingers(2, { period: 1, network: { duplication: 0.3 } });
    sim.run({ until: 10_000 });
    const { sent, delivered, duplicated, inFlight } = sim.stats;
    expect(Math.abs(duplicated / sent - 0.3)).toBeLessThan(0.015);
    expect(delivered + inFlight).toBe(sent + duplicated);
    const seen = new Set<string>();
    let twice = 0;
    for (const a of arrivals) {
      const key = `${a.from}>${a.seq}`;
      if (seen.has(key)) twice++;
      seen.add(key);
    }
    expect(twice).toBeGreaterThan(0);
  });

  it('keeps each link FIFO without reordering, even under random latency', () => {
    const { sim, arrivals, addresses } = pingers(2, { period: 1, network: { latency: uniform(1, 50) } });
    sim.run({ until: 5_000 });
    const [a, b] = addresses.map((x) => x.key) as [string, string];
    expect(arrivals.length).toBeGreaterThan(9_000);
    expect(inversions(arrivals, a, b)).toBe(0);
    expect(inversions(arrivals, b, a)).toBe(0);
  });

  it('without FIFO, random latency reorders', () => {
    const { sim, arrivals, addresses } = pingers(2, {
      period: 1,
      network: { latency: uniform(1, 50), fifo: false },
    });
    sim.run({ until: 2_000 });
    const [a, b] = addresses.map((x) => x.key) as [string, string];
    expect(inversions(arrivals, a, b)).toBeGreaterThan(100);
  });

  it('reorders boundedly: held messages arrive within maxDelay, the rest stay in order', () => {
    const reorder = { probability: 0.1, maxDelay: 20 };
    const { sim, arrivals, addresses } = pingers(2, {
      period: 1,
      network: { latency: constant(10), reorder },
    });
    sim.run({ until: 5_000 });
    const [a, b] = addresses.map((x) => x.key) as [string, string];
    expect(inversions(arrivals, a, b)).toBeGreaterThan(50);
    for (const x of arrivals) {
      expect(x.t - x.sentAt).toBeGreaterThanOrEqual(10);
      expect(x.t - x.sentAt).toBeLessThanOrEqual(30);
    }
    // Messages not held back arrive after exactly the latency, in send order.
    const onTime = arrivals.filter((x) => x.from === a && x.t - x.sentAt === 10);
    expect(onTime.length).toBeGreaterThan(3_000);
    expect(inversions(onTime, a, b)).toBe(0);
    expect(Math.abs(sim.stats.reordered / sim.stats.sent - 0.1)).toBeLessThan(0.01);
    // Turned off mid-run: no more held messages.
    sim.network.setReorder(undefined);
    const before = sim.stats.reordered;
    sim.run({ until: 6_000 });
    expect(sim.stats.reordered).toBe(before);
  });

  it('partitions into groups, blocks messages in flight, and heals', () => {
    const { sim, arrivals, addresses } = pingers(4, { period: 2, network: { latency: constant(10) } });
    const keys = addresses.map((a) => a.key);
    const group = (key: string) => (keys.indexOf(key) < 2 ? 0 : 1);
    sim.at(1_000, () => sim.network.partition([addresses.slice(0, 2), addresses.slice(2)]));
    sim.at(2_000, () => sim.network.heal());
    sim.run({ until: 3_000 });
    const cross = (x: Arrival) => group(x.from) !== group(x.to);
    const during = arrivals.filter((x) => x.t >= 1_000 && x.t < 2_000);
    expect(during.filter(cross)).toEqual([]);
    expect(during.filter((x) => !cross(x)).length).toBeGreaterThan(200);
    // Messages sent before the partition and due after it began were dropped in flight.
    expect(sim.stats.blocked).toBeGreaterThan(0);
    const after = arrivals.filter((x) => x.t >= 2_010);
    expect(after.filter(cross).length).toBeGreaterThan(200);
    expect(arrivals.filter((x) => x.t < 1_000).filter(cross).length).toBeGreaterThan(200);
  });

  it('cuts a link one way only, and restores it', () => {
    const { sim, arrivals, addresses } = pingers(2, { period: 2, network: { latency: constant(5) } });
    const [a, b] = addresses as [(typeof addresses)[0], (typeof addresses)[0]];
    if (a === undefined || b === undefined) throw new Error('two nodes');
    sim.network.cut(a, b);
    sim.run({ until: 1_000 });
    expect(arrivals.filter((x) => x.from === a.key)).toEqual([]);
    expect(arrivals.filter((x) => x.from === b.key).length).toBeGreaterThan(400);
    // b's pings reach a, but a's pongs do not reach b.
    expect(sim.node<import('./fixtures.js').Pinger>('n2').definition.pongs).toEqual([]);
    sim.network.restore(a, b);
    sim.run({ until: 2_000 });
    expect(arrivals.filter((x) => x.from === a.key).length).toBeGreaterThan(400);
  });

  it('isolates a node and reconnects it', () => {
    const { sim, arrivals, addresses } = pingers(3, { period: 2, network: { latency: constant(5) } });
    const c = addresses[2];
    if (c === undefined) throw new Error('three nodes');
    sim.at(500, () => sim.network.isolate(c));
    sim.at(1_500, () => sim.network.reconnect(c));
    sim.run({ until: 2_500 });
    const touchesC = (x: Arrival) => x.from === c.key || x.to === c.key;
    expect(arrivals.filter((x) => x.t >= 500 && x.t < 1_500 && touchesC(x))).toEqual([]);
    expect(arrivals.filter((x) => x.t >= 500 && x.t < 1_500 && !touchesC(x)).length).toBeGreaterThan(200);
    expect(arrivals.filter((x) => x.t >= 1_510 && touchesC(x)).length).toBeGreaterThan(200);
    expect(sim.network.disrupted).toBe(false);
  });
});
