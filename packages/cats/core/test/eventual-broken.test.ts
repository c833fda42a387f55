import { checkHistory, kvModel } from '@kompics/linearizability';
import { expect, test } from 'vitest';
import { runCats } from './harness.js';

// The deliberately broken baseline (plain majorities over each node's own ring view) must be
// caught by the same suite: a partition gives the two sides different ring views, each side
// takes its own majority of "the" group, and reads go stale.
test('eventual mode is caught: a violation within 5 seeds of the partition family', () => {
  const caught: number[] = [];
  for (let seed = 1; seed <= 5 && caught.length === 0; seed++) {
    const report = runCats({ seed, family: 'partitions', mode: 'eventual' });
    if (checkHistory(kvModel, report.history, { timeoutMs: 20_000 }).verdict === 'not-linearizable')
      caught.push(seed);
  }
  expect(caught.length).toBeGreaterThan(0);
});

test('eventual mode is caught: a violation within 10 seeds of the joins family (no range transfer)', () => {
  let caught = false;
  for (let seed = 1; seed <= 10 && !caught; seed++) {
    const report = runCats({ seed, family: 'joins', mode: 'eventual' });
    caught = checkHistory(kvModel, report.history, { timeoutMs: 20_000 }).verdict === 'not-linearizable';
  }
  expect(caught).toBe(true);
});
