import { expect, test } from 'vitest';
import { linearizableOverSeeds } from './families.js';

// CATS_SEEDS=n sets the number of seeds; SEED=s replays one.
test('consistent mode is linearizable: partitions (a partition splits the ring views, then heals)', () => {
  const { ops, messagesPerOp } = linearizableOverSeeds(
    'consistent mode is linearizable: partitions',
    'partitions',
    50,
  );
  expect(ops).toBeGreaterThan(0);
  console.log(`partitions: ${ops} operations completed, ${messagesPerOp.toFixed(2)} messages per operation`);
});
