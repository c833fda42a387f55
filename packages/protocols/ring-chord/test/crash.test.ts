import { forEachSeed } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import type { ChordNode } from './chord-node.js';
import { addr, crashFifth, summary } from './scenarios.js';

const PKG = '@kompics/ring-chord';

function crash(seed: number, n: number): number {
  const { sim, victims, converged } = crashFifth(seed, n);
  expect(sim.alive()).toHaveLength(n - n / 5);
  // No survivor's view names a crashed node.
  const dead = new Set([...victims].map((v) => addr(v).key));
  for (const name of sim.alive()) {
    const chord = sim.node<ChordNode>(name).definition.chord.definition;
    for (const s of chord.successors) expect(dead.has(s.address.key)).toBe(false);
    expect(dead.has(chord.predecessor?.address.key ?? '')).toBe(false);
  }
  return converged;
}

describe('Chord ring, crashes, in simulation', () => {
  it('after 20% of 200 nodes crash at once, the survivors converge to the perfect ring (many seeds)', () => {
    const times: number[] = [];
    forEachSeed(
      'after 20% of 200 nodes crash at once',
      Array.from({ length: 6 }, (_, k) => 300 + k),
      (seed) => times.push(crash(seed, 200)),
      PKG,
    );
    const s = summary(times);
    console.log(
      `200 nodes, 40 crash at once: perfect ring after mean ${s.mean.toFixed(0)} ms, max ${s.max} ms`,
    );
  });

  it('after 20% of 1,000 nodes crash at once, the survivors converge to the perfect ring', () => {
    const times: number[] = [];
    forEachSeed('after 20% of 1,000 nodes crash at once', [31], (seed) => times.push(crash(seed, 1000)), PKG);
    console.log(`1,000 nodes, 200 crash at once: perfect ring after ${summary(times).max} ms`);
  });
});
