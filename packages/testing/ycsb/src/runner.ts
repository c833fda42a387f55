import { performance } from 'node:perf_hooks';
import { type RandomSource, SeededRandom } from '@kompics/kernel';
import type { KvDriver } from './driver.js';
import { type KeyChooser, UniformKeys, ZipfianKeys } from './key-chooser.js';
import { LatencyHistogram, type LatencySummary } from './latency-histogram.js';
import { recordKey, validateWorkload, type Workload } from './workload.js';

/** What one phase did. Latencies in milliseconds, throughput in operations per second. */
export interface PhaseResult {
  readonly driver: string;
  readonly workload: Workload['name'];
  readonly phase: 'load' | 'run';
  readonly operations: number;
  readonly errors: number;
  /** The first few error messages, for the report. */
  readonly errorSamples: readonly string[];
  readonly durationMs: number;
  readonly throughput: number;
  readonly latency: {
    readonly all: LatencySummary;
    readonly read?: LatencySummary;
    readonly update?: LatencySummary;
    readonly insert?: LatencySummary;
  };
}

/** Called as operations complete: `done` of `total`. */
export type ProgressListener = (done: number, total: number) => void;

const VALUE_POOL = 64;

function chooser(w: Workload): KeyChooser {
  return w.distribution === 'uniform' ? new UniformKeys(w.recordCount) : new ZipfianKeys(w.recordCount);
}

function values(w: Workload, random: RandomSource): Uint8Array[] {
  return Array.from({ length: VALUE_POOL }, () => {
    const v = new Uint8Array(w.valueSize);
    for (let i = 0; i < v.length; i++) v[i] = 97 + random.nextInt(26);
    return v;
  });
}

interface Tally {
  readonly histograms: Map<string, LatencyHistogram>;
  readonly all: LatencyHistogram;
  errors: number;
  readonly errorSamples: string[];
  done: number;
}

async function timed(tally: Tally, kind: string, op: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  try {
    await op();
    const ms = performance.now() - start;
    tally.all.record(ms);
    let h = tally.histograms.get(kind);
    if (h === undefined) {
      h = new LatencyHistogram();
      tally.histograms.set(kind, h);
    }
    h.record(ms);
  } catch (error) {
    tally.errors++;
    if (tally.errorSamples.length < 5) tally.errorSamples.push(`${kind}: ${(error as Error).message}`);
  }
}

/**
 * Runs `total` operations over `concurrency` closed-loop clients: each client issues its next
 * operation when the previous one completes.
 */
async function drive(
  w: Workload,
  total: number,
  step: (client: number, index: number, random: RandomSource, tally: Tally) => Promise<void>,
  onProgress: ProgressListener | undefined,
): Promise<{ tally: Tally; durationMs: number }> {
  const tally: Tally = {
    histograms: new Map(),
    all: new LatencyHistogram(),
    errors: 0,
    errorSamples: [],
    done: 0,
  };
  let next = 0;
  const clients = Math.min(w.concurrency, Math.max(1, total));
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const random = new SeededRandom((w.seed * 7919 + client) | 0);
      while (next < total) {
        const index = next++;
        await step(client, index, random, tally);
        tally.done++;
        onProgress?.(tally.done, total);
      }
    }),
  );
  return { tally, durationMs: performance.now() - start };
}

function result(
  driver: KvDriver,
  w: Workload,
  phase: 'load' | 'run',
  tally: Tally,
  durationMs: number,
): PhaseResult {
  const latency: Record<string, LatencySummary> = { all: tally.all.summary() };
  for (const [kind, h] of tally.histograms) latency[kind] = h.summary();
  const operations = tally.all.count;
  return {
    driver: driver.name,
    workload: w.name,
    phase,
    operations,
    errors: tally.errors,
    errorSamples: tally.errorSamples,
    durationMs,
    throughput: durationMs > 0 ? (operations * 1000) / durationMs : 0,
    latency: latency as PhaseResult['latency'],
  };
}

/** The load phase: inserts every record once (record `i` gets a value from the seeded pool). */
export async function loadPhase(
  driver: KvDriver,
  workload: Workload,
  onProgress?: ProgressListener,
): Promise<PhaseResult> {
  const w = validateWorkload(workload);
  const pool = values(w, new SeededRandom(w.seed));
  const insert = (key: string, value: Uint8Array) =>
    driver.insert ? driver.insert(key, value) : driver.update(key, value);
  const { tally, durationMs } = await drive(
    w,
    w.recordCount,
    (_client, index, _random, t) =>
      timed(t, 'insert', () => insert(recordKey(index), pool[index % VALUE_POOL] as Uint8Array)),
    onProgress,
  );
  return result(driver, w, 'load', tally, durationMs);
}

/** The run phase: `operationCount` reads and updates in the workload's proportion and key distribution. */
export async function runPhase(
  driver: KvDriver,
  workload: Workload,
  onProgress?: ProgressListener,
): Promise<PhaseResult> {
  const w = validateWorkload(workload);
  const keys = chooser(w);
  const pool = values(w, new SeededRandom(w.seed ^ 0x5bd1e995));
  const { tally, durationMs } = await drive(
    w,
    w.operationCount,
    (_client, _index, random, t) => {
      const key = recordKey(keys.next(random));
      if (random.nextFloat() < w.readProportion) return timed(t, 'read', () => driver.read(key));
      const value = pool[random.nextInt(VALUE_POOL)] as Uint8Array;
      return timed(t, 'update', () => driver.update(key, value));
    },
    onProgress,
  );
  return result(driver, w, 'run', tally, durationMs);
}
