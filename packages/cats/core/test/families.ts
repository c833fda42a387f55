// Runs one family over many seeds and checks every history for linearizability and the recovery
// bound; a failing seed is reported by forEachSeed with the command that replays it.
import { checkHistory, kvModel } from '@kompics/linearizability';
import { forEachSeed } from '@kompics/simulator';
import {
  type Family,
  OPERATION_BOUND_MS,
  RECOVERY_MS,
  recoveryViolations,
  runCats,
  seedCount,
} from './harness.js';

/** Seeds per family in the regular test run (`CATS_SEEDS` overrides; `SEED=s` replays one). */
export const DEFAULT_SEEDS = 200;

/**
 * A family's time limit: generous for the regular run on shared CI cores (20 min), and 1 s per
 * seed beyond that for soak runs (`CATS_SEEDS=10000` takes ~0.15–0.3 CPU-s per seed).
 */
export function familyTimeoutMs(defaultSeeds = DEFAULT_SEEDS): number {
  return Math.max(1_200_000, seedCount(defaultSeeds) * 1_000);
}

export function linearizableOverSeeds(
  test: string,
  family: Family,
  defaultSeeds = DEFAULT_SEEDS,
): { ops: number; messagesPerOp: number } {
  const seeds = Array.from({ length: seedCount(defaultSeeds) }, (_, i) => i + 1);
  let ops = 0;
  let requests = 0;
  let started = 0;
  forEachSeed(
    test,
    seeds,
    (seed) => {
      const report = runCats({ seed, family, mode: 'consistent' });
      const result = checkHistory(kvModel, report.history, { timeoutMs: 20_000 });
      if (result.verdict !== 'linearizable') {
        const keys = result.violations.map((v) => v.key).join(', ');
        throw new Error(
          `history of ${report.history.length} operations is ${result.verdict} (keys: ${keys})`,
        );
      }
      if (report.completed === 0) throw new Error('no operation completed');
      if (report.problems.length > 0) throw new Error(report.problems.join('; '));
      const late = recoveryViolations(report);
      if (late.length > 0) {
        const first = late[0] as (typeof late)[number];
        throw new Error(
          `${late.length} operations called ${RECOVERY_MS} ms after the faults ended (at ${report.faultsEnd} ms) failed or took over ${OPERATION_BOUND_MS} ms; first: ${JSON.stringify(first)}`,
        );
      }
      ops += report.completed;
      requests += report.stats.operationMessages;
      started += report.stats.operations;
    },
    '@cats/core',
  );
  return { ops, messagesPerOp: (2 * requests) / Math.max(started, 1) };
}
