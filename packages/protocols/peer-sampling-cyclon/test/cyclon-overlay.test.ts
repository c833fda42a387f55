import { Address } from '@kompics/network';
import { forEachSeed, Simulation, uniform } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import {
  CyclonNode,
  cyclonCodecs,
  inDegrees,
  isConnected,
  meanAndStdDev,
  randomGraph,
} from './cyclon-node.js';

const addr = (i: number) => new Address(`10.1.${i >> 8}.${i & 255}`, 5000);
const VIEW = 20;

function overlay(seed: number, n: number, codec: boolean) {
  const sim = new Simulation({
    seed,
    codecs: cyclonCodecs(),
    codec,
    network: { latency: uniform(5, 50) },
    trace: 'off',
  });
  const addresses = Array.from({ length: n }, (_, i) => addr(i + 1));
  const joinRandom = sim.random('joins');
  for (const [i, self] of addresses.entries()) {
    // Each node knows up to three earlier nodes, as a bootstrap server would hand out.
    const known =
      i === 0
        ? []
        : Array.from({ length: Math.min(3, i) }, () => addresses[joinRandom.nextInt(i)] as Address);
    sim.at(i * 5, () =>
      sim.startNode({
        name: `n${i + 1}`,
        address: self,
        definition: CyclonNode,
        args: [{ self, bootstrap: known, viewSize: VIEW, shuffleLength: 5, shufflePeriodMs: 1000 }],
      }),
    );
  }
  const views = () => {
    const edges = new Map<string, string[]>();
    for (const name of sim.alive()) {
      const node = sim.node<CyclonNode>(name);
      if (node.address) edges.set(node.address.key, node.definition.cyclon.definition.peers());
    }
    return edges;
  };
  const live = () => sim.alive().map((name) => sim.node(name).address?.key as string);
  return { sim, addresses, views, live };
}

describe('Cyclon, in simulation', () => {
  it('keeps 1,000 nodes connected through 20% crashes, close to a random graph', () => {
    const { sim, views, live } = overlay(2024, 1000, false);
    sim.run({ until: 60_000 });
    const before = views();
    expect(isConnected(live(), before)).toBe(true);
    const random = sim.random('crashes');
    const victims = new Set<number>();
    while (victims.size < 200) victims.add(1 + random.nextInt(1000));
    for (const v of victims) sim.killNode(`n${v}`);
    sim.run({ until: 120_000 });
    const after = views();
    const survivors = live();
    expect(survivors).toHaveLength(800);
    expect(isConnected(survivors, after)).toBe(true);
    // Dead peers age out of views: what is left of them is a small fraction.
    const dead = new Set([...victims].map((v) => `10.1.${v >> 8}.${v & 255}:5000`));
    const entries = [...after.values()].flat();
    expect(entries.filter((e) => dead.has(e)).length / entries.length).toBeLessThan(0.02);
    const cyclon = meanAndStdDev(inDegrees(survivors, after));
    const uniformGraph = meanAndStdDev(
      inDegrees(survivors, randomGraph(survivors, VIEW, sim.random('graph'))),
    );
    console.log(
      `in-degree after 20% crashes, 800 nodes, view 20: Cyclon mean ${cyclon.mean.toFixed(2)} std ${cyclon.std.toFixed(2)}; ` +
        `uniform random graph mean ${uniformGraph.mean.toFixed(2)} std ${uniformGraph.std.toFixed(2)}`,
    );
    expect(cyclon.mean).toBeGreaterThan(VIEW * 0.9);
    expect(cyclon.std).toBeLessThan(uniformGraph.std * 1.5);
  });

  it('forms a connected overlay with (nearly) full views over many seeds, messages through the wire codec', () => {
    forEachSeed(
      'forms a connected overlay',
      [1, 2, 3, 4, 5, 6, 7, 8],
      (seed) => {
        const { sim, views, live } = overlay(seed, 60, true);
        sim.run({ until: 30_000 });
        const edges = views();
        expect(isConnected(live(), edges)).toBe(true);
        for (const [node, peers] of edges) {
          // Full, but for the peer dropped by a shuffle whose answer is still on its way.
          expect(peers.length, node).toBeGreaterThanOrEqual(VIEW - 1);
          expect(new Set(peers).size).toBe(peers.length);
          expect(peers).not.toContain(node);
        }
      },
      '@kompics/peer-sampling-cyclon',
    );
  });
});
