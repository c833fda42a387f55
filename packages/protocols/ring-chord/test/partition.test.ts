import { forEachSeed } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import {
  convergence,
  joinOneByOne,
  type MergeResult,
  mustConverge,
  nameOf,
  oneDetector,
  partition,
  partitionAndHeal,
  simulation,
  split,
  summary,
} from './scenarios.js';

const PKG = '@kompics/ring-chord';
const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
const names = (side: readonly number[]) => () => side.map(nameOf);
const report = (what: string, results: readonly MergeResult[]) => {
  const m = summary(results.map((r) => r.merged));
  const p = summary(results.map((r) => r.pointers));
  console.log(
    `${what}: sides formed their rings after mean ${summary(results.map((r) => r.sidesFormed)).mean.toFixed(0)} ms; ` +
      `merged (pointers) mean ${p.mean.toFixed(0)} ms; merged (whole lists) mean ${m.mean.toFixed(0)} ms, max ${m.max} ms; ` +
      `${summary(results.map((r) => r.messagesPerNode)).mean.toFixed(0)} messages per node meanwhile`,
  );
};

describe('Chord ring, partitions and ring unification, in simulation', () => {
  for (const mode of ['simple', 'gossip'] as const) {
    it(`a healed two-way partition of 100 nodes merges into one perfect ring (${mode} unification, many seeds)`, () => {
      const results: MergeResult[] = [];
      forEachSeed(
        `a healed two-way partition of 100 nodes merges (${mode})`,
        Array.from({ length: 5 }, (_, k) => 500 + k),
        // Throws unless each side formed its own perfect ring, held it, and the two merged.
        (seed) => results.push(partitionAndHeal(seed, 100, mode)),
        PKG,
      );
      report(`100 nodes, random halves, ${mode} unification`, results);
    });

    it(`two rings of which one node learns of the other merge (${mode} unification, many seeds)`, () => {
      const results: MergeResult[] = [];
      forEachSeed(
        `two rings, one detector (${mode})`,
        Array.from({ length: 4 }, (_, k) => 600 + k),
        (seed) => results.push(oneDetector(seed, 100, mode)),
        PKG,
      );
      report(`100 nodes, two rings, one detector, ${mode} unification`, results);
    });
  }

  it("without unification ('off'), the two rings stay apart after healing", () => {
    const sim = simulation({ seed: 77 });
    sim.run({ until: joinOneByOne(sim, range(60), { unification: 'off' }) });
    mustConverge(sim, 60_000);
    const sides = split(sim, range(60));
    partition(sim, sides);
    for (const side of sides) mustConverge(sim, 60_000, names(side));
    sim.network.heal();
    expect(convergence(sim, 60_000)).toBeUndefined();
    for (const side of sides) expect(convergence(sim, 0, names(side))).toBe(0);
  });
});
