import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  type Operation,
  type RegisterInput,
  type RegisterOutput,
  registerModel,
} from '../src/index.js';
import { reg } from './support/ops.js';

/**
 * Many concurrent writes of distinct values, then reads that no order of them explains. Proving that
 * takes the search through every subset of the writes, so it is hopeless on a small budget.
 */
function hardHistory(writers: number): Operation<RegisterInput, RegisterOutput>[] {
  const history: Operation<RegisterInput, RegisterOutput>[] = [];
  for (let i = 0; i < writers; i++) history.push(reg.write(i, 0, 1000, `v${i}`));
  // Each read pins a write to a position, interleaved so no order satisfies them all.
  history.push(reg.read(100, 1100, 1200, 'v0'), reg.read(101, 1300, 1400, 'v1'));
  return history;
}

describe('budget', () => {
  it('answers unknown, not a verdict, when the step budget runs out', () => {
    const result = checkHistory(registerModel, hardHistory(24), { maxSteps: 10_000 });
    expect(result.verdict).toBe('unknown');
    expect(result.violations).toEqual([]);
    expect(result.parts[0]!.verdict).toBe('unknown');
  });

  it('answers unknown when the time budget runs out, and returns promptly', () => {
    const started = Date.now();
    const result = checkHistory(registerModel, hardHistory(40), { timeoutMs: 200 });
    expect(result.verdict).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('still decides an easy history on the same small budget', () => {
    const easy = [reg.write(1, 0, 10, 'a'), reg.read(2, 20, 30, 'a')];
    expect(checkHistory(registerModel, easy, { maxSteps: 10_000 }).verdict).toBe('linearizable');
  });

  it('decides the hard history when it is small enough', () => {
    expect(checkHistory(registerModel, hardHistory(6)).verdict).toBe('not-linearizable');
  });

  it('marks parts left after the budget ran out as unknown', () => {
    const keyed = [
      ...hardHistory(24).map((op) => ({ ...op, input: { ...op.input, key: 'hard' } })),
      reg.write(1, 0, 10, 'a', 'easy'),
    ];
    const result = checkHistory(registerModel, keyed, { maxSteps: 10_000 });
    expect(result.verdict).toBe('unknown');
    expect(result.parts.map((p) => p.verdict)).toEqual(['unknown', 'unknown']);
  });
});
