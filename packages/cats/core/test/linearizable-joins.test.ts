import { expect, test } from 'vitest';
import { linearizableOverSeeds } from './families.js';

// CATS_SEEDS=n sets the number of seeds; SEED=s replays one.
test('consistent mode is linearizable: joins (three nodes join under load (reconfiguration and range transfer))', () => {
  const { ops, messagesPerOp } = linearizableOverSeeds('consistent mode is linearizable: joins', 'joins', 50);
  expect(ops).toBeGreaterThan(0);
  console.log(`joins: ${ops} operations completed, ${messagesPerOp.toFixed(2)} messages per operation`);
});
