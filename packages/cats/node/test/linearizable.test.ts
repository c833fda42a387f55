// The real stack in simulation: a cluster of CatsNodes forms through a simulated bootstrap
// server (exactly one founder), concurrent clients' histories are linearizable, and once the
// faults stop every operation succeeds within the stated bound. Families: steady, churn
// (joins, graceful leaves, crashes) and false suspicions (delay spikes long enough for the real
// ping failure detector to suspect live nodes).
import { checkHistory, kvModel } from '@kompics/linearizability';
import { forEachSeed } from '@kompics/simulator';
import { describe, expect, it } from 'vitest';
import {
  NODE_OPERATION_BOUND_MS,
  NODE_RECOVERY_MS,
  type NodeFamily,
  nodeRecoveryViolations,
  nodeSeedCount,
  runNodes,
} from './sim-harness.js';

/** Seeds per family by default: about a minute of test time for the three families (`CATS_NODE_SEEDS` overrides). */
const SEEDS = 40;

function family(name: NodeFamily, defaultSeeds: number): void {
  const seeds = Array.from({ length: nodeSeedCount(defaultSeeds) }, (_, i) => i + 1);
  let ops = 0;
  forEachSeed(
    `cats node ${name}`,
    seeds,
    (seed) => {
      const report = runNodes({ seed, family: name });
      if (process.env.CATS_DEBUG) {
        const bad = report.history.filter(
          (op) => op.return === null || op.return - op.call > NODE_OPERATION_BOUND_MS,
        );
        const last = bad.length === 0 ? null : Math.max(...bad.map((op) => op.call)) - report.faultsEnd;
        console.log(`  last failed or slow op called ${last} ms after the faults ended`);
        console.log(
          `${name} seed ${seed}: formed at ${report.formedAt} ms, faults end ${report.faultsEnd} ms, ${report.completed} completed, ${report.failed} failed, founders ${report.founders.join(',')}, false suspicions ${report.falseSuspicions}; ${report.problems.join('; ')}`,
        );
      }
      if (report.problems.length > 0) throw new Error(report.problems.join('; '));
      expect(report.founders).toHaveLength(1);
      const result = checkHistory(kvModel, report.history, { timeoutMs: 20_000 });
      if (result.verdict !== 'linearizable') {
        const keys = result.violations.map((v) => v.key).join(', ');
        throw new Error(
          `history of ${report.history.length} operations is ${result.verdict} (keys: ${keys})`,
        );
      }
      if (report.completed === 0) throw new Error('no operation completed');
      if (name === 'suspicions' && report.falseSuspicions === 0)
        throw new Error(
          'the delay spikes made no failure detector suspect a live node: the family tests nothing',
        );
      const late = nodeRecoveryViolations(report);
      if (late.length > 0)
        throw new Error(
          `${late.length} operations called ${NODE_RECOVERY_MS} ms after the faults ended (at ${report.faultsEnd} ms) failed or took over ${NODE_OPERATION_BOUND_MS} ms; first: ${JSON.stringify(late[0])}`,
        );
      ops += report.completed;
    },
    '@cats/node',
  );
  expect(ops).toBeGreaterThan(0);
}

describe('CatsNode over the real stack, in simulation', () => {
  it('a seed replays identically (what SEED=s relies on)', () => {
    const once = runNodes({ seed: 3, family: 'churn' });
    const again = runNodes({ seed: 3, family: 'churn' });
    expect(again.history).toEqual(once.history);
    expect(again.founders).toEqual(once.founders);
  });

  it('steady: forms with one founder; linearizable', () => family('steady', SEEDS), 600_000);
  it(
    'churn: joins, graceful leaves, crashes; linearizable and recovers',
    () => family('churn', SEEDS),
    600_000,
  );
  it('false suspicions: delay spikes; linearizable and recovers', () => family('suspicions', SEEDS), 600_000);
});
