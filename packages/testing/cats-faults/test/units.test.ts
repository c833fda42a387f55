import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeKvRecord, parseHistory } from '@kompics/linearizability';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../../../scripts/test-support/ensure-built.js';
import { certainlyRejected, HistoryRecorder, metricValue } from '../src/index.js';

const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

describe('the wire judge', () => {
  it('knows which frames a node must reject', () => {
    expect(certainlyRejected(Buffer.from([0xc1]))).toBe(true); // not msgpack
    expect(certainlyRejected(packr.pack({ a: 1 }))).toBe(true); // not an array
    expect(certainlyRejected(packr.pack([9, 1]))).toBe(true); // unknown kind
    expect(certainlyRejected(packr.pack([1, 1, 'h', 1, null]))).toBe(true); // second HELLO
    expect(certainlyRejected(packr.pack([0]))).toBe(true); // data without messages
    expect(certainlyRejected(packr.pack([0, [70_000, {}]]))).toBe(true); // type id over 65535
    expect(certainlyRejected(Buffer.from('x'), true)).toBe(true); // text frame
    expect(certainlyRejected(packr.pack([0, [3, { any: 1 }]]))).toBe(false); // may be a real message
  });
});

describe('the history recorder', () => {
  it('writes the checker’s JSON Lines format, failures as pending operations', async () => {
    const h = new HistoryRecorder();
    await h.record(1, { f: 'put', key: 'k', value: 'v' }, async () => null);
    await h.record(2, { f: 'get', key: 'k' }, async () => 'v');
    await h.record(3, { f: 'put', key: 'k', value: 'w' }, async () => {
      throw Object.assign(new Error('no answer'), { code: 'timeout' });
    });
    const ops = parseHistory(h.toJsonl(), decodeKvRecord);
    expect(ops.map((o) => [o.client, o.input.f, o.return === null, o.output])).toEqual([
      [1, 'put', false, undefined],
      [2, 'get', false, 'v'],
      [3, 'put', true, undefined],
    ]);
    expect(h.operations[2]?.error).toBe('timeout: no answer');
  });
});

describe('metrics', () => {
  it('reads unlabelled values from Prometheus text', () => {
    const text = '# HELP x\nprocess_open_fds 23\nnodejs_heap_size_used_bytes 1.5e7\n';
    expect(metricValue(text, 'process_open_fds')).toBe(23);
    expect(metricValue(text, 'nodejs_heap_size_used_bytes')).toBe(1.5e7);
    expect(metricValue(text, 'missing')).toBeUndefined();
  });
});

describe('the cats-faults CLI', () => {
  it('answers bad usage with exit code 2 and the usage', () => {
    ensureBuilt(['packages/testing/cats-faults']);
    const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
    const result = spawnSync(process.execPath, [cli, 'soak'], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain('soak needs --minutes N');
  });
});
