import { expect, test } from 'vitest';
import { linearizableOverSeeds } from './families.js';

// CATS_SEEDS=n sets the number of seeds; SEED=s replays one.
test('consistent mode is linearizable: crashes (two crashes, groups reconfigure)', () => {
  const { ops, messagesPerOp } = linearizableOverSeeds(
    'consistent mode is linearizable: crashes',
    'crashes',
    50,
  );
  expect(ops).toBeGreaterThan(0);
  console.log(`crashes: ${ops} operations completed, ${messagesPerOp.toFixed(2)} messages per operation`);
});
