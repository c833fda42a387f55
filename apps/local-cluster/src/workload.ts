import { performance } from 'node:perf_hooks';
import { type CatsClient, CatsClientError, type CatsSeeds, connect } from '@cats/client';
import type { KvInput, KvOutput, Operation } from '@kompics/linearizability';

/** Settings of {@link runWorkload}. */
export interface WorkloadOptions {
  readonly seeds: CatsSeeds;
  readonly clients: number;
  readonly durationMs: number;
  /** Keys most operations go to (contended). */
  readonly hotKeys: number;
  /** Keys the rest spread over. */
  readonly coldKeys: number;
  /** Share of operations on hot keys, 0..1. */
  readonly hotShare: number;
  /** Per-operation time budget of each client. */
  readonly timeoutMs: number;
  /** Called about every 200 ms and once at the end. */
  readonly onProgress?: (p: WorkloadProgress) => void;
}

/** How far a running workload is. */
export interface WorkloadProgress {
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly completed: number;
  readonly failed: number;
}

/** One operation type's figures. */
export interface OpStats {
  readonly ok: number;
  readonly failed: number;
  /** Latencies of the successful operations, milliseconds, sorted ascending. */
  readonly latenciesMs: readonly number[];
}

/** What a workload did. */
export interface WorkloadResult {
  /** The history, in `@kompics/linearizability`'s format: times in microseconds since the start. */
  readonly history: Operation<KvInput, KvOutput>[];
  readonly elapsedMs: number;
  readonly byOp: Readonly<Record<KvInput['f'], OpStats>>;
  /** Failures by `CatsClientError` code. */
  readonly errors: Readonly<Record<string, number>>;
}

type OpName = 'get' | 'put' | 'delete';

/** The value of the `q`-quantile (0..1) of ascending `sorted` (nearest rank); NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Runs `clients` concurrent clients, each its own {@link connect}ion issuing one operation at a
 * time until the duration is over: 50% get, 35% put, 15% delete; `hotShare` of them on a few hot
 * keys, the rest over many cold ones; every put writes a value no other put writes. Each operation
 * is recorded with its call and return times; a write that failed is recorded as never returning
 * (it may or may not have taken effect), a failed read as constraining nothing.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const clients: CatsClient[] = [];
  try {
    for (let i = 0; i < options.clients; i++)
      clients.push(await connect(options.seeds, { timeoutMs: options.timeoutMs }));
  } catch (error) {
    for (const c of clients) c.close();
    throw error;
  }
  const origin = performance.now();
  const micros = () => Math.round((performance.now() - origin) * 1000);
  const history: Operation<KvInput, KvOutput>[] = [];
  const latencies: Record<OpName, number[]> = { get: [], put: [], delete: [] };
  const failures: Record<OpName, number> = { get: 0, put: 0, delete: 0 };
  const errors: Record<string, number> = {};
  let completed = 0;
  let failed = 0;
  const report = () =>
    options.onProgress?.({
      elapsedMs: Math.min(performance.now() - origin, options.durationMs),
      durationMs: options.durationMs,
      completed,
      failed,
    });
  const ticker = setInterval(report, 200);

  const pickKey = () =>
    Math.random() < options.hotShare
      ? `hot-${Math.floor(Math.random() * options.hotKeys)}`
      : `cold-${Math.floor(Math.random() * options.coldKeys)}`;

  const runClient = async (client: CatsClient, index: number) => {
    let sequence = 0;
    while (performance.now() - origin < options.durationMs) {
      const key = pickKey();
      const r = Math.random();
      const f: OpName = r < 0.5 ? 'get' : r < 0.85 ? 'put' : 'delete';
      const input: KvInput = f === 'put' ? { f, key, value: `c${index}-${++sequence}` } : { f, key };
      const call = micros();
      const started = performance.now();
      try {
        let output: KvOutput = null;
        if (input.f === 'put') await client.put(key, input.value);
        else if (input.f === 'delete') await client.delete(key);
        else output = (await client.getString(key)) ?? null;
        const ret = micros();
        latencies[f].push(performance.now() - started);
        history.push(
          f === 'get'
            ? { client: index, call, return: ret, input, output }
            : { client: index, call, return: ret, input },
        );
        completed++;
      } catch (error) {
        if (!(error instanceof CatsClientError)) throw error;
        history.push({ client: index, call, return: null, input });
        failures[f]++;
        failed++;
        errors[error.code] = (errors[error.code] ?? 0) + 1;
      }
    }
  };

  try {
    await Promise.all(clients.map((c, i) => runClient(c, i + 1)));
  } finally {
    clearInterval(ticker);
    for (const c of clients) c.close();
  }
  report();
  const stats = (f: OpName): OpStats => ({
    ok: latencies[f].length,
    failed: failures[f],
    latenciesMs: latencies[f].sort((a, b) => a - b),
  });
  return {
    history,
    elapsedMs: performance.now() - origin,
    byOp: {
      get: stats('get'),
      put: stats('put'),
      delete: stats('delete'),
      append: { ok: 0, failed: 0, latenciesMs: [] },
    },
    errors,
  };
}

/** The history as JSON Lines, the format `lincheck check <file> --model kv` reads. */
export function historyJsonl(history: readonly Operation<KvInput, KvOutput>[]): string {
  return history
    .map((op) =>
      JSON.stringify({
        client: op.client,
        call: op.call,
        return: op.return,
        ...op.input,
        ...(op.return !== null && op.input.f === 'get' ? { output: op.output ?? null } : {}),
      }),
    )
    .join('\n')
    .concat('\n');
}
