import { checkHistory, kvModel } from '@kompics/linearizability';
import { expect, test } from 'vitest';
import { type Family, runCats } from './harness.js';

// The deliberately broken baseline (plain majorities over each node's own ring view, no
// consistent quorums, no reconfiguration, no transfer) must be caught by the same suite, in
// every family that should expose it, within a stated number of seeds. (It is not caught in
// `steady` — nothing disagrees there — nor reliably in `lossy`, whose ring views never differ.)
const within: ReadonlyArray<readonly [Family, number, string]> = [
  ['partitions', 3, 'the two sides take their own majorities of "the" group'],
  ['joins', 3, 'joiners serve a range they never received'],
  ['suspicions', 10, 'suspecting nodes move the group to nodes without the data'],
  ['restarts', 10, 'groups move while nodes are down, and back'],
  ['churn', 20, 'a crash, a join and a leave move groups without transfer'],
];

for (const [family, seeds, why] of within) {
  test(`eventual mode is caught within ${seeds} seeds of the ${family} family (${why})`, () => {
    let caught: number | undefined;
    for (let seed = 1; seed <= seeds && caught === undefined; seed++) {
      const report = runCats({ seed, family, mode: 'eventual' });
      if (checkHistory(kvModel, report.history, { timeoutMs: 20_000 }).verdict === 'not-linearizable')
        caught = seed;
    }
    expect(caught).toBeDefined();
  });
}
