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
  {
    family: 'rejoins' as const,
    seed: 7877,
    // A member promised a higher ballot while cut off; the responsible node's proposal was then
    // accepted by the other two members, but its proposer gave up at that member's refusal, so
    // nobody learnt the chosen view. The two acceptors stopped serving the old view, the ring
    // changed back to its members (so nobody saw a reason to propose), and the group served
    // with one of three members until the stalled-reconfiguration wait ran out — where the same
    // early give-up struck again: operations took over the recovery bound. Fixed by proposers
    // giving up only when refusals leave no majority, and by the responsible node finishing a
    // frozen view (one with an accepted successor) at once.
    what: 'a proposer gave up at one refusal although a majority accepted its view',
  },
])('soak seed $seed of $family: $what', ({ family, seed }) => {
  const report = runCats({ seed, family, mode: 'consistent' });
  expect(report.problems).toEqual([]);
  expect(checkHistory(kvModel, report.history, { timeoutMs: 20_000 }).verdict).toBe('linearizable');
  expect(recoveryViolations(report)).toEqual([]);
});
