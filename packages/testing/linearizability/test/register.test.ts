import { describe, expect, it } from 'vitest';
import { checkHistory, registerModel } from '../src/index.js';
import { reg } from './support/ops.js';

describe('register model: hand-made histories', () => {
  it('rejects a stale read after a completed write, and explains it', () => {
    const history = [reg.write(1, 0, 10, 'a'), reg.write(1, 20, 30, 'b'), reg.read(2, 40, 50, 'a')];
    const result = checkHistory(registerModel, history);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.violations).toHaveLength(1);
    const v = result.violations[0]!;
    expect(v.key).toBe('');
    expect(v.minimal).toBe(true);
    // The read is to blame, against the write that completed before it.
    expect(v.core).toEqual([2]);
    expect(v.window).toEqual([1, 2]);
    expect(v.longestPrefix).toEqual([0, 1]);
    expect(v.frontier).toEqual([2]);
  });

  it('rejects a read of a never-written value', () => {
    const result = checkHistory(registerModel, [reg.read(1, 0, 10, 'ghost')]);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.violations[0]!.window).toEqual([0]);
  });

  it('accepts a read of null before any write', () => {
    expect(checkHistory(registerModel, [reg.read(1, 0, 10, null), reg.write(2, 20, 30, 1)]).verdict).toBe(
      'linearizable',
    );
  });

  it('rejects a new-old inversion between two readers', () => {
    // A slow write of 1; reader 2 sees the new value, then reader 3, strictly later, sees the old one.
    const history = [
      reg.write(1, 0, 5, 0),
      reg.write(1, 10, 100, 1),
      reg.read(2, 20, 30, 1),
      reg.read(3, 40, 50, 0),
    ];
    const result = checkHistory(registerModel, history);
    expect(result.verdict).toBe('not-linearizable');
    const v = result.violations[0]!;
    expect(v.window).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(v.core).toEqual(expect.arrayContaining([2, 3]));
  });

  it('accepts the same two readers seeing old then new', () => {
    const history = [
      reg.write(1, 0, 5, 0),
      reg.write(1, 10, 100, 1),
      reg.read(2, 20, 30, 0),
      reg.read(3, 40, 50, 1),
    ];
    expect(checkHistory(registerModel, history).verdict).toBe('linearizable');
  });

  it('rejects a compare-and-set that succeeded twice', () => {
    const history = [reg.write(1, 0, 10, 0), reg.cas(2, 20, 40, 0, 1, true), reg.cas(3, 25, 45, 0, 2, true)];
    expect(checkHistory(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('accepts concurrent compare-and-sets where one wins', () => {
    const history = [
      reg.write(1, 0, 10, 0),
      reg.cas(2, 20, 40, 0, 1, true),
      reg.cas(3, 25, 45, 0, 2, false),
      reg.read(1, 50, 60, 1),
    ];
    expect(checkHistory(registerModel, history).verdict).toBe('linearizable');
  });

  it('accepts concurrent writes read in either order', () => {
    const writes = [reg.write(1, 0, 100, 'x'), reg.write(2, 0, 100, 'y')];
    const xThenY = [
      ...writes,
      reg.read(3, 10, 20, 'x'),
      reg.read(3, 30, 40, 'y'),
      reg.read(4, 110, 120, 'y'),
    ];
    const yThenX = [
      ...writes,
      reg.read(3, 10, 20, 'y'),
      reg.read(3, 30, 40, 'x'),
      reg.read(4, 110, 120, 'x'),
    ];
    expect(checkHistory(registerModel, xThenY).verdict).toBe('linearizable');
    expect(checkHistory(registerModel, yThenX).verdict).toBe('linearizable');
  });

  it('rejects concurrent writes seen in one order and then undone', () => {
    const history = [
      reg.write(1, 0, 100, 'x'),
      reg.write(2, 0, 100, 'y'),
      reg.read(3, 10, 20, 'x'),
      reg.read(3, 30, 40, 'y'),
      reg.read(3, 50, 60, 'x'),
    ];
    expect(checkHistory(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('accepts an indeterminate write that was seen', () => {
    const history = [reg.write(1, 0, 10, 'a'), reg.write(2, 20, null, 'b'), reg.read(3, 500, 510, 'b')];
    expect(checkHistory(registerModel, history).verdict).toBe('linearizable');
  });

  it('accepts an indeterminate write that was never seen', () => {
    const history = [reg.write(1, 0, 10, 'a'), reg.write(2, 20, null, 'b'), reg.read(3, 500, 510, 'a')];
    expect(checkHistory(registerModel, history).verdict).toBe('linearizable');
  });

  it('accepts an indeterminate write seen by a read that started before it', () => {
    const history = [reg.write(1, 0, 10, 'a'), reg.read(3, 15, 40, 'b'), reg.write(2, 20, null, 'b')];
    expect(checkHistory(registerModel, history).verdict).toBe('linearizable');
  });

  it('rejects a read of an indeterminate write that ended before the write was called', () => {
    const history = [reg.write(1, 0, 10, 'a'), reg.read(3, 12, 15, 'b'), reg.write(2, 20, null, 'b')];
    expect(checkHistory(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('rejects an indeterminate write seen and then unseen', () => {
    const history = [
      reg.write(1, 0, 10, 'a'),
      reg.write(2, 20, null, 'b'),
      reg.read(3, 30, 40, 'b'),
      reg.read(3, 50, 60, 'a'),
    ];
    expect(checkHistory(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('drops indeterminate reads and never-returned compare-and-sets take either outcome', () => {
    const history = [
      reg.write(1, 0, 10, 0),
      reg.read(2, 5, null, 'whatever'),
      reg.cas(3, 20, null, 0, 7, true),
      reg.read(1, 30, 40, 7),
    ];
    expect(checkHistory(registerModel, history).verdict).toBe('linearizable');
    expect(checkHistory(registerModel, [...history, reg.read(1, 50, 60, 0)]).verdict).toBe(
      'not-linearizable',
    );
  });

  it('treats operations that merely touch as concurrent', () => {
    expect(checkHistory(registerModel, [reg.write(1, 0, 10, 'a'), reg.read(2, 10, 20, null)]).verdict).toBe(
      'linearizable',
    );
  });

  it('checks registers with different keys independently', () => {
    const history = [
      reg.write(1, 0, 10, 'a', 'r1'),
      reg.read(2, 20, 30, null, 'r2'),
      reg.read(2, 40, 50, 'a', 'r1'),
    ];
    const result = checkHistory(registerModel, history);
    expect(result.verdict).toBe('linearizable');
    expect(result.parts.map((p) => p.key)).toEqual(['r1', 'r2']);
    const bad = checkHistory(registerModel, [...history, reg.read(3, 60, 70, 'a', 'r2')]);
    expect(bad.verdict).toBe('not-linearizable');
    expect(bad.violations.map((v) => v.key)).toEqual(['r2']);
    expect(bad.parts.find((p) => p.key === 'r1')!.verdict).toBe('linearizable');
  });

  it('rejects an operation that returns before it is called', () => {
    expect(() => checkHistory(registerModel, [reg.write(1, 10, 5, 'a')])).toThrow(RangeError);
  });
});
