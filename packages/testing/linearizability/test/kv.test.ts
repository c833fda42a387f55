import { describe, expect, it } from 'vitest';
import { checkHistory, kvModel } from '../src/index.js';
import { kv } from './support/ops.js';

describe('kv model: hand-made histories', () => {
  it('rejects a lost update: two completed appends, a later get sees only one', () => {
    const history = [
      kv.append(1, 0, 10, 'x', 'a'),
      kv.append(2, 5, 15, 'x', 'b'),
      kv.get(3, 20, 30, 'x', 'b'),
    ];
    const result = checkHistory(kvModel, history);
    expect(result.verdict).toBe('not-linearizable');
    const v = result.violations[0]!;
    expect(v.key).toBe('x');
    expect(v.window).toEqual([0, 1, 2]);
  });

  it('rejects a lost update: a put overwritten by nothing', () => {
    const history = [kv.put(1, 0, 10, 'x', '1'), kv.put(2, 20, 30, 'x', '2'), kv.get(3, 40, 50, 'x', '1')];
    expect(checkHistory(kvModel, history).verdict).toBe('not-linearizable');
  });

  it('accepts concurrent appends seen in either order', () => {
    const appends = [kv.append(1, 0, 10, 'x', 'a'), kv.append(2, 5, 15, 'x', 'b')];
    expect(checkHistory(kvModel, [...appends, kv.get(3, 20, 30, 'x', 'ab')]).verdict).toBe('linearizable');
    expect(checkHistory(kvModel, [...appends, kv.get(3, 20, 30, 'x', 'ba')]).verdict).toBe('linearizable');
  });

  it('treats a get of an absent key as null, append to absent as the value, delete as absent', () => {
    const history = [
      kv.get(1, 0, 5, 'x', null),
      kv.append(1, 10, 15, 'x', 'a'),
      kv.get(1, 20, 25, 'x', 'a'),
      kv.delete(1, 30, 35, 'x'),
      kv.get(1, 40, 45, 'x', null),
      kv.append(1, 50, 55, 'x', 'b'),
      kv.get(1, 60, 65, 'x', 'b'),
    ];
    expect(checkHistory(kvModel, history).verdict).toBe('linearizable');
    expect(checkHistory(kvModel, [...history, kv.get(2, 70, 75, 'x', '')]).verdict).toBe('not-linearizable');
  });

  it('rejects a stale read after a completed write on one key but not on another', () => {
    const history = [
      kv.put(1, 0, 10, 'a', '1'),
      kv.put(2, 0, 10, 'b', '1'),
      kv.put(1, 20, 30, 'a', '2'),
      kv.get(3, 40, 50, 'a', '1'),
      kv.get(3, 60, 70, 'b', '1'),
    ];
    const result = checkHistory(kvModel, history);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.violations.map((v) => v.key)).toEqual(['a']);
    expect(result.violations[0]!.window).toEqual([2, 3]);
    expect(result.violations[0]!.core).toEqual([3]);
  });

  it('accepts indeterminate puts whether or not they took effect', () => {
    const base = [kv.put(1, 0, 10, 'x', '1'), kv.put(2, 20, null, 'x', '2')];
    expect(checkHistory(kvModel, [...base, kv.get(3, 100, 110, 'x', '2')]).verdict).toBe('linearizable');
    expect(checkHistory(kvModel, [...base, kv.get(3, 100, 110, 'x', '1')]).verdict).toBe('linearizable');
    expect(checkHistory(kvModel, [...base, kv.get(3, 100, 110, 'x', '3')]).verdict).toBe('not-linearizable');
  });

  it('can skip explanations', () => {
    const history = [kv.put(1, 0, 10, 'x', '1'), kv.get(3, 20, 30, 'x', null)];
    const result = checkHistory(kvModel, history, { explain: false });
    expect(result.verdict).toBe('not-linearizable');
    expect(result.violations).toEqual([]);
  });
});
