/** How keys are chosen. */
export type KeyDistribution = 'uniform' | 'zipfian';

/** The named YCSB core workloads this generator runs. */
export type WorkloadName = 'A' | 'B' | 'C';

/** A workload: what to run and how hard. */
export interface Workload {
  /** `A` (50% reads, 50% updates), `B` (95/5) or `C` (reads only). */
  readonly name: WorkloadName;
  /** Share of operations that are reads, in [0, 1]; the rest are updates. */
  readonly readProportion: number;
  /** Records inserted by the load phase; reads and updates pick among them. */
  readonly recordCount: number;
  /** Operations in the run phase. */
  readonly operationCount: number;
  readonly distribution: KeyDistribution;
  /** Operations in flight at once (each a closed-loop client). */
  readonly concurrency: number;
  /** Bytes per value. */
  readonly valueSize: number;
  /** Seed of the key and operation choices (the same seed gives the same operation sequence per client). */
  readonly seed: number;
}

/** Read shares of the core workloads. */
export const READ_PROPORTION: Readonly<Record<WorkloadName, number>> = { A: 0.5, B: 0.95, C: 1 };

/** Defaults: 1,000 records of 100 bytes, 10,000 operations, 16 clients, zipfian. */
export const WORKLOAD_DEFAULTS = {
  recordCount: 1000,
  operationCount: 10_000,
  distribution: 'zipfian',
  concurrency: 16,
  valueSize: 100,
  seed: 1,
} as const;

/** A core workload with the given settings over the defaults, validated. */
export function workload(
  name: WorkloadName,
  settings: Partial<Omit<Workload, 'name' | 'readProportion'>> = {},
): Workload {
  if (!(name in READ_PROPORTION)) throw new RangeError(`workload must be A, B or C, got ${String(name)}`);
  return validateWorkload({ ...WORKLOAD_DEFAULTS, ...settings, name, readProportion: READ_PROPORTION[name] });
}

/** Checks every field; throws a `RangeError` naming the first bad one. */
export function validateWorkload(w: Workload): Workload {
  const int = (field: keyof Workload, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const v = w[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
      throw new RangeError(`${field} must be an integer in [${min}, ${max}], got ${String(v)}`);
  };
  int('recordCount', 1);
  int('operationCount', 0);
  int('concurrency', 1, 10_000);
  int('valueSize', 0, 1024 * 1024);
  int('seed', -0x80000000, 0x7fffffff);
  if (!(w.readProportion >= 0 && w.readProportion <= 1))
    throw new RangeError(`readProportion must be in [0, 1], got ${w.readProportion}`);
  if (w.distribution !== 'uniform' && w.distribution !== 'zipfian')
    throw new RangeError(`distribution must be uniform or zipfian, got ${String(w.distribution)}`);
  return w;
}

/** The key of record `i`, as YCSB names them. */
export function recordKey(i: number): string {
  return `user${String(i).padStart(10, '0')}`;
}
