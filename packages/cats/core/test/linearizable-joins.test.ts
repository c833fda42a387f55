import { expect, test } from 'vitest';
import { familyTimeoutMs, linearizableOverSeeds } from './families.js';

// CATS_SEEDS=n sets the number of seeds (default 200); SEED=s replays one. The time limit is
// generous: 200 seeds take about 15-30 s of CPU, but CI cores are shared.
test(
  'consistent mode is linearizable: joins (four nodes join one group at once)',
  () => {
    const { ops, messagesPerOp } = linearizableOverSeeds('consistent mode is linearizable: joins', 'joins');
    expect(ops).toBeGreaterThan(0);
    console.log(`joins: ${ops} operations completed, ${messagesPerOp.toFixed(2)} messages per operation`);
  },
  familyTimeoutMs(),
);
