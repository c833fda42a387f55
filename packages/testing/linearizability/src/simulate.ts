import type { KvInput, KvOutput } from './models/kv.js';
import type { Operation } from './operation.js';

/** Options of {@link randomKvHistory}. */
export interface RandomKvHistoryOptions {
  /** How many operations. */
  readonly operations: number;
  /** How many distinct keys (`k0`, `k1`, ...). */
  readonly keys: number;
  /** How many concurrent clients; each runs one operation at a time. */
  readonly clients: number;
  /** Seed of the generator: the same options give the same history. */
  readonly seed: number;
  /** Fraction of operations that never return (default 0). Half of them take effect, half do not. */
  readonly pendingRate?: number;
  /** Relative weights of the operation kinds (default get 5, put 3, append 1, delete 1). */
  readonly mix?: {
    readonly get: number;
    readonly put: number;
    readonly append: number;
    readonly delete: number;
  };
}

/**
 * A linearizable key-value history made by running a real sequential map: every operation gets a random
 * interval on its client's timeline and a linearization point inside it, and the outputs are what the
 * map returns when the operations are applied in linearization-point order. For tests and benchmarks.
 */
export function randomKvHistory(options: RandomKvHistoryOptions): Operation<KvInput, KvOutput>[] {
  const random = mulberry32(options.seed);
  const int = (n: number): number => Math.floor(random() * n);
  const clock = Array.from({ length: options.clients }, () => int(10));
  const pendingRate = options.pendingRate ?? 0;
  const drafts: { op: Draft; point: number; index: number }[] = [];
  const mix = options.mix ?? { get: 5, put: 3, append: 1, delete: 1 };
  const total = mix.get + mix.put + mix.append + mix.delete;
  const [getUpTo, putUpTo, appendUpTo] = [
    mix.get / total,
    (mix.get + mix.put) / total,
    (mix.get + mix.put + mix.append) / total,
  ];

  for (let i = 0; i < options.operations; i++) {
    const client = i % options.clients;
    const call = clock[client]!;
    const duration = 1 + int(40);
    const ret = call + duration;
    // A client that never hears back still moves on (it timed out).
    clock[client] = ret + int(10);
    const key = `k${int(options.keys)}`;
    const r = random();
    const input: KvInput =
      r < getUpTo
        ? { f: 'get', key }
        : r < putUpTo
          ? { f: 'put', key, value: `v${i}` }
          : r < appendUpTo
            ? { f: 'append', key, value: `a${i}` }
            : { f: 'delete', key };
    const pending = random() < pendingRate;
    const effective = !pending || random() < 0.5;
    drafts.push({
      op: { client, call, ret: pending ? null : ret, input, effective },
      point: call + int(duration + 1),
      index: i,
    });
  }

  const map = new Map<string, string>();
  const outputs = new Map<number, KvOutput>();
  drafts.sort((a, b) => a.point - b.point || a.index - b.index);
  for (const { op, index } of drafts) {
    if (!op.effective) continue;
    const input = op.input;
    switch (input.f) {
      case 'get':
        outputs.set(index, map.get(input.key) ?? null);
        break;
      case 'put':
        map.set(input.key, input.value);
        break;
      case 'append':
        map.set(input.key, (map.get(input.key) ?? '') + input.value);
        break;
      case 'delete':
        map.delete(input.key);
        break;
    }
  }
  drafts.sort((a, b) => a.op.call - b.op.call || a.index - b.index);
  return drafts.map(({ op, index }): Operation<KvInput, KvOutput> => {
    const base = { client: op.client, call: op.call, return: op.ret, input: op.input };
    return op.ret !== null && op.input.f === 'get' ? { ...base, output: outputs.get(index) ?? null } : base;
  });
}

interface Draft {
  readonly client: number;
  readonly call: number;
  readonly ret: number | null;
  readonly input: KvInput;
  readonly effective: boolean;
}

/** A small seeded PRNG (mulberry32) returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
