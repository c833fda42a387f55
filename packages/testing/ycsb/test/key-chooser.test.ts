import { SeededRandom } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import { UniformKeys, ZipfianKeys } from '../src/index.js';

const DRAWS = 200_000;

describe('ZipfianKeys', () => {
  it('draws ranks with the zipfian probabilities (θ = 0.99) under a fixed seed', () => {
    const keys = new ZipfianKeys(1000, { scramble: false });
    const random = new SeededRandom(42);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < DRAWS; i++) {
      const rank = keys.nextRank(random);
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    // Gray's generator is exact for ranks 0 and 1 and approximate beyond; YCSB accepts that.
    for (const rank of [0, 1]) {
      const expected = keys.probabilityOfRank(rank) * DRAWS;
      expect(Math.abs((counts[rank] ?? 0) - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
    // The head is heavy: the 10 most popular of 1,000 records take about a third of the draws.
    const head = counts.slice(0, 10).reduce((a, b) => a + b, 0) / DRAWS;
    expect(head).toBeGreaterThan(0.25);
    expect(head).toBeLessThan(0.45);
    // Popularity falls with rank.
    expect(counts[0]).toBeGreaterThan(counts[10] ?? 0);
    expect(counts[10]).toBeGreaterThan(counts[500] ?? 0);
  });

  it('spreads the popular ranks over the records when scrambled, and stays in range', () => {
    const keys = new ZipfianKeys(1000);
    const top = Array.from({ length: 10 }, (_, r) => keys.recordOfRank(r));
    expect(new Set(top).size).toBeGreaterThanOrEqual(9);
    expect(Math.max(...top) - Math.min(...top)).toBeGreaterThan(100);
    const random = new SeededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const k = keys.next(random);
      expect(k >= 0 && k < 1000 && Number.isInteger(k)).toBe(true);
    }
  });

  it('refuses a bad count or theta', () => {
    expect(() => new ZipfianKeys(0)).toThrow(RangeError);
    expect(() => new ZipfianKeys(10, { theta: 1 })).toThrow(/theta/);
  });
});

describe('UniformKeys', () => {
  it('draws every record about equally often', () => {
    const keys = new UniformKeys(10);
    const random = new SeededRandom(3);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const k = keys.next(random);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});
