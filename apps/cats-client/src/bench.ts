import type { CatsClient } from '@cats/client';
import {
  type KvDriver,
  loadPhase,
  type PhaseResult,
  runPhase,
  type Workload,
  type WorkloadName,
  workload,
} from '@kompics/ycsb';
import { UsageError } from './exit-codes.js';

/** The flags of `cats bench`, as text (validated by {@link benchWorkload}). */
export interface BenchFlags {
  readonly workload?: string | undefined;
  readonly records?: string | undefined;
  readonly operations?: string | undefined;
  readonly concurrency?: string | undefined;
  readonly 'value-size'?: string | undefined;
  readonly distribution?: string | undefined;
  readonly seed?: string | undefined;
  readonly 'skip-load'?: boolean | undefined;
}

export const BENCH_USAGE = `bench options (YCSB-style, through this client):
  --workload A|B|C          A 50% reads/50% updates, B 95/5, C reads only (default B)
  --records <n>             records loaded and then read/updated (default 1000)
  --operations <n>          operations in the run phase (default 10000)
  --concurrency <n>         closed-loop clients (default 16)
  --value-size <bytes>      value size (default 100)
  --distribution uniform|zipfian   key choice (default zipfian)
  --seed <n>                seed of the key and operation choices (default 1)
  --skip-load               skip the load phase (records already there)`;

function whole(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text))
    throw new UsageError(`--${name} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The workload the flags ask for; a `UsageError` names a bad flag. */
export function benchWorkload(flags: BenchFlags): Workload {
  const name = (flags.workload ?? 'B').toUpperCase();
  if (name !== 'A' && name !== 'B' && name !== 'C')
    throw new UsageError(`--workload must be A, B or C, got ${JSON.stringify(flags.workload)}`);
  const distribution = flags.distribution ?? 'zipfian';
  if (distribution !== 'uniform' && distribution !== 'zipfian')
    throw new UsageError(`--distribution must be uniform or zipfian, got ${JSON.stringify(distribution)}`);
  const settings: Partial<Omit<Workload, 'name' | 'readProportion'>> = { distribution };
  const set = (
    key: 'recordCount' | 'operationCount' | 'concurrency' | 'valueSize' | 'seed',
    flag: keyof BenchFlags,
  ) => {
    const v = whole(flag, flags[flag] as string | undefined);
    if (v !== undefined) Object.assign(settings, { [key]: v });
  };
  set('recordCount', 'records');
  set('operationCount', 'operations');
  set('concurrency', 'concurrency');
  set('valueSize', 'value-size');
  set('seed', 'seed');
  try {
    return workload(name as WorkloadName, settings);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A YCSB driver over a connected client. */
export function clientDriver(client: CatsClient): KvDriver {
  return {
    name: 'cats',
    read: (key) => client.get(key),
    update: (key, value) => client.put(key, value),
    close: async () => {},
  };
}

/** Draws a one-line progress bar on a terminal. */
export function progressBar(label: string, out: NodeJS.WritableStream & { isTTY?: boolean }) {
  let last = 0;
  return (done: number, total: number): void => {
    if (out.isTTY !== true) return;
    const now = Date.now();
    if (now - last < 100 && done < total) return;
    last = now;
    const filled = Math.round((done / Math.max(1, total)) * 30);
    out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done}/${total}`);
    if (done === total) out.write('\n');
  };
}

/** One phase as a line for people. */
export function formatPhase(r: PhaseResult): string {
  const l = r.latency;
  const part = (name: string, s: PhaseResult['latency']['all'] | undefined) =>
    s === undefined
      ? ''
      : `  ${name} p50 ${s.p50.toFixed(2)} p95 ${s.p95.toFixed(2)} p99 ${s.p99.toFixed(2)} p99.9 ${s.p999.toFixed(2)} ms`;
  return (
    `${r.phase} ${r.workload}: ${r.operations} ops in ${(r.durationMs / 1000).toFixed(1)} s = ${r.throughput.toFixed(0)} ops/s, ${r.errors} errors` +
    part('read', l.read) +
    part('update', l.update) +
    part('insert', l.insert)
  );
}

/** Runs the load (unless skipped) and run phases. */
export async function runBench(
  client: CatsClient,
  flags: BenchFlags,
  stderr: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<PhaseResult[]> {
  const w = benchWorkload(flags);
  const driver = clientDriver(client);
  const results: PhaseResult[] = [];
  if (flags['skip-load'] !== true) results.push(await loadPhase(driver, w, progressBar('load', stderr)));
  results.push(await runPhase(driver, w, progressBar(`run ${w.name}`, stderr)));
  return results;
}
