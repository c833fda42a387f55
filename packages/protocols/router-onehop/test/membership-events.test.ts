import { LeaveOverlay, MemberTable, MemberTableQuery, OverlayRouter } from '@kompics/overlay-router';
import { checkDeterminism, describeDeterminism, forEachSeed, Simulation, uniform } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from './cluster.js';
import { RouterNode, routerCodecs } from './router-node.js';

function cluster(seed: number, n: number, options: ClusterOptions = {}, trace: 'off' | 'lines' = 'off') {
  const sim = new Simulation({
    seed,
    codecs: routerCodecs(),
    codec: false,
    network: { latency: uniform(5, 50) },
    trace,
  });
  const c = new Cluster(sim, options);
  for (let i = 0; i < n; i++) sim.at(i * 10, () => c.start());
  return c;
}

/** Nodes whose table holds `name`'s address. */
function holders(c: Cluster, name: string): number {
  const key = c.sim.node(name).address?.key;
  return [...c.live.keys()].filter((n) =>
    c
      .router(n)
      .membership.sorted()
      .some((m) => m.address.key === key),
  ).length;
}

describe('one-hop router membership, in simulation', () => {
  it('removes a crashed node everywhere, and re-adds it when it restarts at the same address', () => {
    forEachSeed(
      'removes a crashed node everywhere, and re-adds it',
      [1, 2, 3],
      (seed) => {
        // Failure detection only (no hints from the ring), so incarnations order the news.
        const c = cluster(seed, 40, { router: { failuresFromRing: false } });
        c.sim.run({ until: 15_000 });
        expect(c.tablesCorrect()).toBe(1);
        const before = c.router('n7').incarnation;
        c.kill('n7');
        c.sim.run({ until: 22_000 });
        expect(holders(c, 'n7')).toBe(0);
        expect(c.tablesCorrect()).toBe(1);
        c.start('n7');
        c.sim.run({ until: 25_000 });
        expect(c.router('n7').incarnation).toBeGreaterThan(before);
        expect(holders(c, 'n7')).toBe(40);
        expect(c.tablesCorrect()).toBe(1);
      },
      '@kompics/router-onehop',
    );
  });

  it('a node falsely declared failed (isolated for a while) refutes it and is re-added everywhere', () => {
    forEachSeed(
      'a node falsely declared failed refutes it',
      [4, 5, 6],
      (seed) => {
        const c = cluster(seed, 40);
        c.sim.run({ until: 15_000 });
        const address = c.sim.node('n5').address;
        if (address === undefined) throw new Error('no address');
        c.sim.network.isolate(address);
        c.sim.run({ until: 25_000 });
        // Its neighbours' detectors suspected it; the others heard.
        expect(holders(c, 'n5')).toBeLessThanOrEqual(1);
        c.sim.network.reconnect(address);
        c.sim.run({ until: 45_000 });
        expect(c.router('n5').stats.refuted).toBeGreaterThan(0);
        expect(c.tablesCorrect()).toBe(1);
      },
      '@kompics/router-onehop',
    );
  });

  it('a leaving node is dropped at once, without waiting for failure detection', () => {
    const c = cluster(9, 40, { router: { failuresFromRing: false } });
    c.sim.run({ until: 15_000 });
    c.sim.client('n12', OverlayRouter).request(new LeaveOverlay());
    c.sim.run({ until: 15_500 });
    expect(holders(c, 'n12')).toBe(1); // only itself
    c.kill('n12');
    c.sim.run({ until: 16_000 });
    expect(c.tablesCorrect()).toBe(1);
  });

  it('answers a MemberTableQuery with the live members sorted by ring id', () => {
    const c = cluster(10, 20);
    c.sim.run({ until: 10_000 });
    const client = c.sim.client('n3', OverlayRouter);
    client.request(new MemberTableQuery());
    c.sim.run({ until: 10_001 });
    const table = client.received.find((e) => e instanceof MemberTable) as MemberTable;
    expect(table.members.map((m) => m.address.key)).toEqual(c.truth().map((m) => m.address.key));
  });

  it('is deterministic: the same seed gives the same trace', () => {
    const report = checkDeterminism(77, (seed) => {
      const c = cluster(seed, 15, {}, 'lines');
      c.sim.at(5_000, () => c.kill('n4'));
      c.sim.at(7_000, () => c.start());
      c.sim.run({ until: 12_000 });
      return c.sim;
    });
    expect(report.deterministic, describeDeterminism(report)).toBe(true);
  });

  it('refuses bad options with a clear error', () => {
    const sim = new Simulation({ seed: 1, codecs: routerCodecs(), trace: 'off' });
    const c = new Cluster(sim, { router: { antiEntropyPeriodMs: 0 } });
    expect(() => c.start()).toThrow(/antiEntropyPeriodMs must be a positive number/);
    expect(RouterNode).toBeDefined();
  });
});
