import { expect, test } from 'vitest';
import { familyTimeoutMs, linearizableOverSeeds } from './families.js';

// CATS_SEEDS=n sets the number of seeds (default 200); SEED=s replays one. One-node genesis,
// joins one by one, a just-joined node crashed and restarted, short isolations and partitions
// (see the `rejoins` family in harness.ts): every group must recover once the faults stop.
test(
  'consistent mode is linearizable: rejoins (joins from one node, crashes of joiners, pauses)',
  () => {
    const { ops, messagesPerOp } = linearizableOverSeeds(
      'consistent mode is linearizable: rejoins',
      'rejoins',
    );
    expect(ops).toBeGreaterThan(0);
    console.log(`rejoins: ${ops} operations completed, ${messagesPerOp.toFixed(2)} messages per operation`);
  },
  familyTimeoutMs(),
);
