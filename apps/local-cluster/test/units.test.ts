import { Writable } from 'node:stream';
import {
  checkHistory,
  decodeKvRecord,
  type KvInput,
  type KvOutput,
  kvModel,
  type Operation,
  parseHistory,
} from '@kompics/linearizability';
import { describe, expect, it } from 'vitest';
import {
  formatResults,
  historyJsonl,
  ProgressBar,
  parseLocalClusterOptions,
  percentile,
  UsageError,
} from '../src/index.js';

describe('the main job, piece by piece', () => {
  it('writes the history in the format lincheck reads', () => {
    const history: Operation<KvInput, KvOutput>[] = [
      { client: 1, call: 0, return: 10, input: { f: 'put', key: 'k', value: 'c1-1' } },
      { client: 2, call: 5, return: 20, input: { f: 'get', key: 'k' }, output: 'c1-1' },
      { client: 2, call: 25, return: 30, input: { f: 'get', key: 'absent' }, output: null },
      { client: 3, call: 6, return: null, input: { f: 'delete', key: 'k' } },
    ];
    const parsed = parseHistory(historyJsonl(history), decodeKvRecord);
    expect(parsed.map(({ line: _, ...op }) => op)).toEqual(
      history.map((op) => (op.return === null ? { ...op } : op)),
    );
    expect(checkHistory(kvModel, parsed).verdict).toBe('linearizable');
  });

  it('computes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99)]).toEqual([
      50, 95, 99,
    ]);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('prints throughput and a latency row per operation type', () => {
    const lines = formatResults({
      history: [
        { client: 1, call: 0, return: 1, input: { f: 'put', key: 'k', value: 'v' } },
        { client: 1, call: 2, return: null, input: { f: 'put', key: 'k', value: 'w' } },
      ],
      elapsedMs: 1000,
      byOp: {
        get: { ok: 0, failed: 0, latenciesMs: [] },
        put: { ok: 1, failed: 1, latenciesMs: [2.5] },
        delete: { ok: 0, failed: 0, latenciesMs: [] },
        append: { ok: 0, failed: 0, latenciesMs: [] },
      },
      errors: { timeout: 1 },
    });
    expect(lines[0]).toBe('  throughput  1 ops/s (1 operations in 1.0 s; 1 failed: 1 timeout)');
    expect(lines[3]).toMatch(/^ {14}put +1 +2\.50 +2\.50 +2\.50$/);
    expect(lines[2]).toMatch(/get +0 +- +- +-$/);
  });

  it('draws a line every few seconds when not on a terminal', () => {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    const bar = new ProgressBar(out, 10);
    for (const elapsedMs of [0, 200, 5000, 6000, 10_000, 10_000])
      bar.update({ elapsedMs, durationMs: 10_000, completed: elapsedMs / 10, failed: 0 });
    expect(text.split('\n').filter(Boolean)).toEqual([
      '[#####.....] 5.0/10 s  500 ops  100 ops/s  0 failed',
      '[##########] 10.0/10 s  1000 ops  100 ops/s  0 failed',
    ]);
  });

  it('parses and validates flags', () => {
    expect(parseLocalClusterOptions([])).toEqual({
      nodes: 5,
      durationS: 20,
      clients: 4,
      exit: false,
      store: 'lmdb',
      basePort: undefined,
      help: false,
    });
    expect(
      parseLocalClusterOptions([
        '--nodes',
        '3',
        '--duration',
        '5',
        '--exit',
        '--port',
        '0',
        '--store',
        'memory',
      ]),
    ).toMatchObject({
      nodes: 3,
      durationS: 5,
      exit: true,
      basePort: 0,
      store: 'memory',
    });
    expect(() => parseLocalClusterOptions(['--nodes', '33'])).toThrow(UsageError);
    expect(() => parseLocalClusterOptions(['--duration', '1.5'])).toThrow(
      /--duration must be a whole number in 1..3600/,
    );
    expect(() => parseLocalClusterOptions(['--exit=yes'])).toThrow(UsageError);
  });
});
