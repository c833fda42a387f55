// Seeds the 10,000-seed soak (`pnpm soak`) found failing, replayed in every regular run. Each
// names what was wrong; a focused test of the same defect lives beside the code it concerns
// when one could be written. A seed's run changes with the code, so these guard the exact runs
// that failed, not the defect in general.
import { checkHistory, kvModel } from '@kompics/linearizability';
import { expect, test } from 'vitest';
import { recoveryViolations, runCats } from './harness.js';

test.each([
  {
    family: 'rejoins' as const,
    seed: 9109,
    // The node responsible for a range was down (unnoticed) while its group moved to a view
    // without another member; restarted, it served the old view, no ring neighbour of the new
    // view's other member, so it never heard of the new view, and it alone proposes for the
    // range: the group stayed at two members, one not serving, for good. Fixed by members
    // telling their fellow members their views in every maintenance round.
    what: 'a restarted responsible member missed the view that replaced its own',
  },
])('soak seed $seed of $family: $what', ({ family, seed }) => {
  const report = runCats({ seed, family, mode: 'consistent' });
  expect(report.problems).toEqual([]);
  expect(checkHistory(kvModel, report.history, { timeoutMs: 20_000 }).verdict).toBe('linearizable');
  expect(recoveryViolations(report)).toEqual([]);
});
