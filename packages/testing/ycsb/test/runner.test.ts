import { describe, expect, it } from 'vitest';
import {
  type KvDriver,
  LatencyHistogram,
  loadPhase,
  MemoryDriver,
  recordKey,
  runPhase,
  workload,
} from '../src/index.js';

/** Counts what the generator asks of it; fails every `failEvery`-th update. */
class CountingDriver extends MemoryDriver {
  reads = 0;
  updates = 0;
  inFlight = 0;
  maxInFlight = 0;
  constructor(readonly failEvery = 0) {
    super();
  }
  override async read(key: string) {
    this.reads++;
    return this.#track(() => super.read(key));
  }
  override async update(key: string, value: Uint8Array) {
    this.updates++;
    if (this.failEvery > 0 && this.updates % this.failEvery === 0) throw new Error('refused');
    return this.#track(() => super.update(key, value));
  }
  async #track<T>(op: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setImmediate(r));
    this.inFlight--;
    return op();
  }
}

describe('the load and run phases', () => {
  it('loads every record once with values of the stated size', async () => {
    const driver = new MemoryDriver();
    const w = workload('A', { recordCount: 500, valueSize: 32, concurrency: 8 });
    const load = await loadPhase(driver, w);
    expect(load.operations).toBe(500);
    expect(load.errors).toBe(0);
    expect(driver.data.size).toBe(500);
    expect(driver.data.get(recordKey(499))?.length).toBe(32);
    expect(load.latency.insert?.count).toBe(500);
  });

  it.each([
    ['A', 0.5],
    ['B', 0.95],
    ['C', 1],
  ] as const)('workload %s reads about %s of the time, with the stated concurrency', async (name, share) => {
    const driver = new CountingDriver();
    const w = workload(name, {
      recordCount: 100,
      operationCount: 4000,
      concurrency: 12,
      distribution: 'uniform',
    });
    const run = await runPhase(driver, w);
    expect(run.operations).toBe(4000);
    expect(driver.reads + driver.updates).toBe(4000);
    expect(Math.abs(driver.reads / 4000 - share)).toBeLessThan(0.03);
    expect(driver.maxInFlight).toBe(12);
    expect(run.throughput).toBeGreaterThan(0);
    expect(run.latency.all.p50).toBeLessThanOrEqual(run.latency.all.p99);
  });

  it('counts failed operations as errors, not latencies, and keeps a sample', async () => {
    const driver = new CountingDriver(10);
    const run = await runPhase(driver, workload('A', { recordCount: 10, operationCount: 1000, seed: 5 }));
    expect(run.errors).toBe(Math.floor(driver.updates / 10));
    expect(run.operations).toBe(1000 - run.errors);
    expect(run.errorSamples[0]).toBe('update: refused');
  });

  it('is reproducible: the same seed issues the same operations', async () => {
    const seen = async (seed: number) => {
      const keys: string[] = [];
      const driver: KvDriver = {
        name: 'log',
        read: async (k) => {
          keys.push(`r${k}`);
          return undefined;
        },
        update: async (k) => void keys.push(`u${k}`),
        close: async () => {},
      };
      await runPhase(driver, workload('B', { operationCount: 300, concurrency: 1, seed }));
      return keys;
    };
    expect(await seen(9)).toEqual(await seen(9));
    expect(await seen(9)).not.toEqual(await seen(10));
  });

  it('refuses bad settings with the field named', () => {
    expect(() => workload('A', { concurrency: 0 })).toThrow(/concurrency/);
    expect(() => workload('A', { valueSize: -1 })).toThrow(/valueSize/);
    expect(() => workload('D' as 'A')).toThrow(/A, B or C/);
    expect(() => workload('A', { distribution: 'latest' as 'uniform' })).toThrow(/distribution/);
  });
});

describe('LatencyHistogram', () => {
  it('reports percentiles within 0.1% of the recorded values', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 100); // 0.01 ms .. 100 ms
    const s = h.summary();
    expect(s.count).toBe(10_000);
    expect(s.p50).toBeCloseTo(50, 0);
    expect(Math.abs(s.p99 - 99) / 99).toBeLessThan(0.002);
    expect(Math.abs(s.max - 100) / 100).toBeLessThan(0.002);
  });
});
