import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearizedSet } from '../src/linearized-set.js';

describe('LinearizedSet', () => {
  it('behaves like a plain set, with a compact snapshot and an order-independent hash', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 69 })), { maxLength: 200 }),
        (actions) => {
          const set = new LinearizedSet(70);
          const model = new Set<number>();
          for (const [add, id] of actions) {
            if (add && !model.has(id)) {
              set.add(id);
              model.add(id);
            } else if (!add && model.has(id)) {
              set.delete(id);
              model.delete(id);
            }
            expect(set.members()).toEqual([...model].sort((a, b) => a - b));
            expect(set.has(set.prefix)).toBe(false);
            const fresh = new LinearizedSet(70);
            for (const m of model) fresh.add(m);
            expect(fresh.hash).toBe(set.hash);
            expect(fresh.matches(set.prefix, set.snapshotExtras())).toBe(true);
          }
        },
      ),
    );
  });
});
