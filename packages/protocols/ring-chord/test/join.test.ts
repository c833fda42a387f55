import { forEachSeed, seedsFromEnv } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import type { ChordNode } from './chord-node.js';
import { liveRings, ringErrors } from './ring-check.js';
import {
  convergence,
  joinOneByOne,
  messageRate,
  nameOf,
  simulation,
  startChord,
  summary,
  whatIsWrong,
} from './scenarios.js';

const PKG = '@kompics/ring-chord';
const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

describe('Chord ring, joins and leaves, in simulation', () => {
  it('1,000 nodes joining one by one converge to the perfect ring', () => {
    const times: number[] = [];
    const rates: number[] = [];
    forEachSeed(
      '1,000 nodes joining one by one converge to the perfect ring',
      [7],
      (seed) => {
        const sim = simulation({ seed });
        const lastJoin = joinOneByOne(sim, range(1000));
        sim.run({ until: lastJoin });
        const took = convergence(sim, 60_000);
        expect(took, whatIsWrong(sim)).toBeDefined();
        expect(sim.alive()).toHaveLength(1000);
        times.push(took as number);
        rates.push(messageRate(sim, 10_000));
        // Still perfect after ten more seconds: the ring is stable, not passing through.
        expect(ringErrors(liveRings(sim)).wrong).toBe(0);
      },
      PKG,
    );
    console.log(
      `1,000 joins, one every 50 ms: perfect ring ${summary(times).max} ms after the last join; ` +
        `steady state ${summary(rates).mean.toFixed(1)} messages per node per second`,
    );
  });

  it('100 nodes joining one by one converge to the perfect ring (many seeds)', () => {
    const times: number[] = [];
    forEachSeed(
      '100 nodes joining one by one converge to the perfect ring',
      Array.from({ length: 12 }, (_, k) => 100 + k),
      (seed) => {
        const sim = simulation({ seed });
        sim.run({ until: joinOneByOne(sim, range(100)) });
        const took = convergence(sim, 60_000);
        expect(took, whatIsWrong(sim)).toBeDefined();
        times.push(took as number);
      },
      PKG,
    );
    const s = summary(times);
    console.log(`100 joins: perfect ring after the last join: mean ${s.mean.toFixed(0)} ms, max ${s.max} ms`);
  });

  it('tells the application: RingJoined, NewPredecessor, NewSuccessorList, Neighbourhood', () => {
    const sim = simulation({ seed: 3 });
    sim.run({ until: joinOneByOne(sim, range(20)) });
    expect(convergence(sim, 30_000), whatIsWrong(sim)).toBeDefined();
    sim.run({ until: sim.now + 2_000 });
    for (const name of sim.alive()) {
      const node = sim.node<ChordNode>(name).definition;
      const user = node.user.definition;
      const chord = node.chord.definition;
      expect(user.joinedAt).toBeDefined();
      expect(user.lastPredecessor?.equals(chord.predecessor as NonNullable<typeof chord.predecessor>)).toBe(
        true,
      );
      expect(user.lastSuccessors.map(String)).toEqual(chord.successors.map(String));
      user.query();
    }
    sim.run({ until: sim.now + 10 });
    const user = sim.node<ChordNode>(nameOf(5)).definition.user.definition;
    const chord = sim.node<ChordNode>(nameOf(5)).definition.chord.definition;
    expect(user.neighbourhoods).toHaveLength(1);
    expect(user.neighbourhoods[0]?.self.equals(chord.self)).toBe(true);
    expect(user.neighbourhoods[0]?.successors.map(String)).toEqual(chord.successors.map(String));
  });

  it('a node alone, then a second: both point at each other', () => {
    const sim = simulation({ seed: 5 });
    startChord(sim, 1, 'create');
    sim.run({ until: 1_000 });
    expect(sim.node<ChordNode>(nameOf(1)).definition.chord.definition.successors).toEqual([]);
    startChord(sim, 2, [sim.node(nameOf(1)).address as NonNullable<ReturnType<typeof sim.node>['address']>]);
    expect(convergence(sim, 10_000), whatIsWrong(sim)).toBeDefined();
  });

  it('graceful leaves hand neighbours over: the ring heals without suspecting anyone', () => {
    forEachSeed(
      'graceful leaves hand neighbours over',
      seedsFromEnv([21, 22, 23, 24]),
      (seed) => {
        const sim = simulation({ seed });
        sim.run({ until: joinOneByOne(sim, range(60)) });
        expect(convergence(sim, 30_000), whatIsWrong(sim)).toBeDefined();
        const random = sim.random('leaves');
        const leavers = new Set<number>();
        while (leavers.size < 10) leavers.add(1 + random.nextInt(60));
        const start = sim.now;
        [...leavers].forEach((i, k) => {
          sim.at(start + k * 300, () => sim.node<ChordNode>(nameOf(i)).definition.user.definition.leave());
          // The node goes away a little later, as a process would after leaving.
          sim.at(start + k * 300 + 100, () => sim.stopNode(nameOf(i)));
        });
        sim.run({ until: start + 10 * 300 + 200 });
        expect(convergence(sim, 30_000), whatIsWrong(sim)).toBeDefined();
        const suspicions = sim
          .alive()
          .reduce(
            (n, name) => n + sim.node<ChordNode>(name).definition.chord.definition.counters.suspicions,
            0,
          );
        expect(suspicions).toBe(0);
      },
      PKG,
    );
  });
});
