import { forEachSeed } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import type { ChordNode } from './chord-node.js';
import { liveRings, ringErrors } from './ring-check.js';
import { convergence, simulation, startLoopyRing, summary, whatIsWrong } from './scenarios.js';

const PKG = '@kompics/ring-chord';

/** Whether following successors from any node goes round the identifier ring more than once. */
function laps(sim: ReturnType<typeof simulation>): number {
  const rings = liveRings(sim);
  const byKey = new Map(rings.map((r) => [r.self.address.key, r]));
  const start = rings[0];
  if (start === undefined) return 0;
  let node = start;
  let wraps = 0;
  for (let k = 0; k < rings.length; k++) {
    const next = byKey.get(node.successors[0]?.address.key ?? '');
    if (next === undefined) return Number.NaN;
    if (next.self.id <= node.self.id) wraps++;
    node = next;
  }
  return wraps;
}

describe('Chord ring, loopy rings, in simulation', () => {
  for (const [n, step] of [
    [51, 2],
    [100, 3],
  ] as const) {
    it(`a ring of ${n} nodes that wraps around ${step} times is repaired into the perfect ring (many seeds)`, () => {
      const times: number[] = [];
      forEachSeed(
        `a loopy ring of ${n} wrapping ${step} times is repaired`,
        Array.from({ length: 5 }, (_, k) => 700 + k),
        (seed) => {
          const sim = simulation({ seed });
          startLoopyRing(sim, n, step);
          sim.run({ until: 10 });
          expect(laps(sim)).toBe(step);
          // Stabilization alone keeps a loopy ring as it is (each node's successor's
          // predecessor is the node itself); the self-lookup finds the other laps.
          expect(ringErrors(liveRings(sim)).wrong).toBe(n);
          const took = convergence(sim, 120_000);
          expect(took, whatIsWrong(sim)).toBeDefined();
          expect(laps(sim)).toBe(1);
          times.push(took as number);
          const witnesses = sim
            .alive()
            .reduce(
              (k, name) => k + sim.node<ChordNode>(name).definition.chord.definition.counters.loopWitnesses,
              0,
            );
          expect(witnesses).toBeGreaterThan(0);
        },
        PKG,
      );
      const s = summary(times);
      console.log(
        `loopy ring, ${n} nodes, ${step} laps: perfect ring after mean ${s.mean.toFixed(0)} ms, max ${s.max} ms`,
      );
    });
  }

  it("stays loopy without unification ('off'): stabilization alone cannot see the other laps", () => {
    const sim = simulation({ seed: 9 });
    startLoopyRing(sim, 51, 2, { unification: 'off' });
    sim.run({ until: 30_000 });
    expect(laps(sim)).toBe(2);
  });
});
