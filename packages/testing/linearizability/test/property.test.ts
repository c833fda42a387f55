import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkHistory,
  type KvInput,
  type KvOutput,
  kvModel,
  type Operation,
  type RegisterInput,
  type RegisterOutput,
  randomKvHistory,
  registerModel,
} from '../src/index.js';
import { bruteForceLinearizable } from './support/brute-force.js';

const simulated = fc.record({
  operations: fc.integer({ min: 1, max: 200 }),
  keys: fc.integer({ min: 1, max: 4 }),
  clients: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer(),
  // Indeterminate writes may each be linearized anywhere after their call: many on one key make the
  // search exponential, so keep them few here (the hand-made tests cover their semantics).
  pendingRate: fc.constantFrom(0, 0, 0.01, 0.03),
});

describe('property: histories of a real sequential map', () => {
  it('are always linearizable', () => {
    fc.assert(
      fc.property(simulated, (options) => {
        const history = randomKvHistory(options);
        const result = checkHistory(kvModel, history, { timeoutMs: 10_000 });
        expect(result.verdict).toBe('linearizable');
      }),
      { numRuns: 150 },
    );
  });

  it('with one read changed to an impossible value are always caught, on the right key', () => {
    fc.assert(
      fc.property(simulated, fc.nat(), (options, pick) => {
        const history = randomKvHistory(options);
        const reads = history.flatMap((op, i) => (op.input.f === 'get' && op.return !== null ? [i] : []));
        fc.pre(reads.length > 0);
        const victim = reads[pick % reads.length]!;
        const mutated = history.map((op, i) => (i === victim ? { ...op, output: 'never-written' } : op));
        const result = checkHistory(kvModel, mutated, { timeoutMs: 10_000 });
        expect(result.verdict).toBe('not-linearizable');
        const key = history[victim]!.input.key;
        expect(result.violations.map((v) => v.key)).toEqual([key]);
        expect(result.violations[0]!.window).toContain(victim);
      }),
      { numRuns: 150 },
    );
  });
});

// Small arbitrary histories, mostly wrong, to compare the search with the definition.
const time = fc.integer({ min: 0, max: 12 });
const value = fc.constantFrom(1, 2, 3);
const interval = fc
  .tuple(time, fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.integer({ min: 0, max: 3 }))
  .map(([call, length, pending, client]) => ({ client, call, return: pending ? null : call + length }));
const pendingRarely = interval.map((i) =>
  i.return === null && i.call % 3 !== 0 ? { ...i, return: i.call + 2 } : i,
);

const registerOp: fc.Arbitrary<Operation<RegisterInput, RegisterOutput>> = fc.oneof(
  fc
    .tuple(pendingRarely, fc.option(value))
    .map(([t, output]) => ({ ...t, input: { f: 'read' as const }, output })),
  fc.tuple(pendingRarely, value).map(([t, v]) => ({ ...t, input: { f: 'write' as const, value: v } })),
  fc
    .tuple(pendingRarely, fc.option(value), value, fc.boolean())
    .map(([t, expected, v, output]) => ({ ...t, input: { f: 'cas' as const, expected, value: v }, output })),
);

const kvOp: fc.Arbitrary<Operation<KvInput, KvOutput>> = fc.oneof(
  fc
    .tuple(pendingRarely, fc.option(fc.constantFrom('a', 'b', 'ab', 'ba')))
    .map(([t, output]) => ({ ...t, input: { f: 'get' as const, key: 'k' }, output })),
  fc
    .tuple(pendingRarely, fc.constantFrom('a', 'b'))
    .map(([t, v]) => ({ ...t, input: { f: 'put' as const, key: 'k', value: v } })),
  fc
    .tuple(pendingRarely, fc.constantFrom('a', 'b'))
    .map(([t, v]) => ({ ...t, input: { f: 'append' as const, key: 'k', value: v } })),
  pendingRarely.map((t) => ({ ...t, input: { f: 'delete' as const, key: 'k' } })),
);

describe('property: the search agrees with trying every order', () => {
  it('on small register histories', () => {
    fc.assert(
      fc.property(fc.array(registerOp, { minLength: 1, maxLength: 7 }), (history) => {
        const expected = bruteForceLinearizable(registerModel, history);
        const result = checkHistory(registerModel, history);
        expect(result.verdict).toBe(expected ? 'linearizable' : 'not-linearizable');
        for (const v of result.violations) {
          // The explanation's core really is not linearizable on its own terms.
          expect(v.window.length).toBeGreaterThan(0);
          expect(v.longestPrefix.length).toBeLessThan(history.length);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('on small kv histories with appends and deletes', () => {
    fc.assert(
      fc.property(fc.array(kvOp, { minLength: 1, maxLength: 7 }), (history) => {
        const expected = bruteForceLinearizable(kvModel, history);
        expect(checkHistory(kvModel, history).verdict).toBe(expected ? 'linearizable' : 'not-linearizable');
      }),
      { numRuns: 1500 },
    );
  });

  it('on the longest prefix: it is a valid partial linearization', () => {
    fc.assert(
      fc.property(fc.array(registerOp, { minLength: 1, maxLength: 7 }), (history) => {
        const result = checkHistory(registerModel, history);
        for (const v of result.violations) {
          let state = registerModel.init();
          for (const i of v.longestPrefix) {
            const op = history[i]!;
            const step = registerModel.step(state, op.input, op.return === null ? undefined : op.output);
            expect(step.ok).toBe(true);
            if (step.ok) state = step.state;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
