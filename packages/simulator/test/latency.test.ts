import { SeededRandom } from '@kompics/kernel';
import { describe, expect, it } from 'vitest';
import { constant, exponential, LatencyMatrix, normal, uniform, uniformInt } from '../src/index.js';
import { mean, pingers, quantile, stdDev } from './helpers.js';

/** Latencies of ~10,000 pings between two nodes under `latency`, without FIFO clamping. */
function measure(options: NonNullable<Parameters<typeof pingers>[1]>): number[] {
  const { sim, arrivals } = pingers(2, { ...options, period: 1 });
  sim.run({ until: 5_000 });
  const samples = arrivals.map((a) => a.t - a.sentAt);
  expect(samples.length).toBeGreaterThan(9_000);
  return samples;
}

describe('latency distributions, measured on delivered messages', () => {
  it('constant', () => {
    const xs = measure({ network: { latency: constant(20), fifo: false } });
    expect(new Set(xs)).toEqual(new Set([20]));
  });

  it('uniform(10, 30): mean 20, sd 20/sqrt(12), support [10, 30)', () => {
    const xs = measure({ network: { latency: uniform(10, 30), fifo: false } });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...xs)).toBeLessThan(30);
    expect(mean(xs)).toBeCloseTo(20, 0);
    expect(Math.abs(stdDev(xs) - 20 / Math.sqrt(12))).toBeLessThan(0.2);
    expect(Math.abs(xs.filter((x) => x < 15).length / xs.length - 0.25)).toBeLessThan(0.02);
  });

  it('exponential(25): mean 25, sd 25, median 25·ln 2', () => {
    const xs = measure({ network: { latency: exponential(25), fifo: false } });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(xs) - 25)).toBeLessThan(1);
    expect(Math.abs(stdDev(xs) - 25)).toBeLessThan(1.5);
    expect(Math.abs(quantile(xs, 0.5) - 25 * Math.LN2)).toBeLessThan(1);
  });

  it('exponential with an offset shifts the support', () => {
    const xs = measure({ network: { latency: exponential(10, 5), fifo: false } });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(5);
    expect(Math.abs(mean(xs) - 15)).toBeLessThan(0.5);
  });

  it('normal(50, 5): mean 50, sd 5, 68% within one sd', () => {
    const xs = measure({ network: { latency: normal(50, 5, 0), fifo: false } });
    expect(Math.abs(mean(xs) - 50)).toBeLessThan(0.3);
    expect(Math.abs(stdDev(xs) - 5)).toBeLessThan(0.25);
    const within = xs.filter((x) => Math.abs(x - 50) <= 5).length / xs.length;
    expect(Math.abs(within - 0.6827)).toBeLessThan(0.02);
  });

  it('uniformInt covers its range evenly', () => {
    const random = new SeededRandom(5);
    const d = uniformInt(1, 6);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) {
      const face = d.sample(random) - 1;
      counts[face] = (counts[face] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('per-link overrides win over the default', () => {
    const { sim, arrivals, addresses } = pingers(3, { period: 5, network: { latency: constant(10) } });
    const [a, b] = addresses as [NonNullable<(typeof addresses)[0]>, NonNullable<(typeof addresses)[0]>];
    sim.network.setLinkLatency(a, b, constant(100), false);
    sim.run({ until: 2_000 });
    for (const x of arrivals) {
      const expected = x.from === a.key && x.to === b.key ? 100 : 10;
      expect(x.t - x.sentAt).toBe(expected);
    }
    expect(arrivals.some((x) => x.from === a.key && x.to === b.key)).toBe(true);
  });

  it('a King-style matrix gives one-way latencies (RTT/2, µs -> ms)', () => {
    const matrix = LatencyMatrix.parse('# king\n0 20000 40000\n20000 0 60000\n40000 60000 -1\n');
    expect(matrix.size).toBe(3);
    expect(matrix.latency(0, 1)).toBe(10);
    expect(matrix.latency(2, 2)).toBeUndefined();
    const { sim, arrivals, addresses } = pingers(3, { period: 5, network: { latency: constant(1) } });
    sim.network.useLatencyMatrix(matrix, addresses);
    sim.run({ until: 2_000 });
    const want: Record<string, number> = { '0,1': 10, '1,0': 10, '0,2': 20, '2,0': 20, '1,2': 30, '2,1': 30 };
    const index = (key: string) => addresses.findIndex((a) => a.key === key);
    for (const x of arrivals) expect(x.t - x.sentAt).toBe(want[`${index(x.from)},${index(x.to)}`]);
    expect(() => LatencyMatrix.parse('1 2\n3')).toThrow(/not square/);
  });
});
