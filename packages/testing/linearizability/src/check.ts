import { performance } from 'node:perf_hooks';
import { Budget } from './budget.js';
import { explainViolation } from './explain.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import { partitionHistory } from './partition.js';
import { type SearchOperation, searchLinearization } from './search.js';
import type { Violation } from './violation.js';

/** The answer for a history or one part of it. `unknown` means the budget ran out first. */
export type Verdict = 'linearizable' | 'not-linearizable' | 'unknown';

/** Options of {@link checkHistory}. */
export interface CheckOptions {
  /** Wall-clock budget for the whole check, in milliseconds. When it runs out the verdict is `unknown`. */
  readonly timeoutMs?: number;
  /** Budget of search steps for the whole check. When it runs out the verdict is `unknown`. */
  readonly maxSteps?: number;
  /** Whether to explain violations (default true). Explaining runs extra searches on the violating part. */
  readonly explain?: boolean;
  /** Wall-clock budget for explaining each violation, in milliseconds (default 2000). */
  readonly explainTimeoutMs?: number;
  /** Search-step budget for explaining each violation (default 5,000,000). */
  readonly explainMaxSteps?: number;
}

/** The verdict for one independent part (key) of a history. */
export interface PartResult {
  readonly key: string;
  readonly verdict: Verdict;
  /** How many operations the part has (pending reads included). */
  readonly operations: number;
}

/** The answer of {@link checkHistory}. */
export interface CheckResult {
  /**
   * `not-linearizable` when any part is (a violation is definite even if other parts ran out of budget),
   * else `unknown` when any part ran out of budget, else `linearizable`.
   */
  readonly verdict: Verdict;
  readonly parts: readonly PartResult[];
  /** One explanation per non-linearizable part (empty when `explain` is false). */
  readonly violations: readonly Violation[];
  /** Search steps taken (the work done). */
  readonly steps: number;
  readonly elapsedMs: number;
}

/**
 * Checks whether a concurrent history is linearizable with respect to a model. The history is split
 * into independent parts with the model's partition function, and each part is searched separately.
 *
 * @throws RangeError when an operation returns before it is called or has a non-finite time.
 */
export function checkHistory<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
  options: CheckOptions = {},
): CheckResult {
  const started = performance.now();
  validateTimes(history);
  const budget = new Budget(options.timeoutMs, options.maxSteps);
  const explain = options.explain ?? true;
  const parts: PartResult[] = [];
  const violations: Violation[] = [];

  for (const part of partitionHistory(model, history)) {
    if (budget.exhausted) {
      parts.push({ key: part.key, verdict: 'unknown', operations: part.indices.length });
      continue;
    }
    // An indeterminate read constrains nothing (it may be linearized anywhere, returning anything).
    const indices = part.indices.filter((i) => {
      const op = history[i]!;
      return op.return !== null || model.readOnly?.(op.input) !== true;
    });
    const outcome = searchLinearization(model, indices.map(toSearchOperation(history)), budget);
    parts.push({ key: part.key, verdict: outcome.verdict, operations: part.indices.length });
    if (outcome.verdict === 'not-linearizable' && explain) {
      violations.push(
        explainViolation(model, history, part.key, indices, outcome.longest, {
          timeoutMs: options.explainTimeoutMs ?? 2000,
          maxSteps: options.explainMaxSteps ?? 5_000_000,
        }),
      );
    }
  }

  const verdicts = new Set(parts.map((p) => p.verdict));
  const verdict: Verdict = verdicts.has('not-linearizable')
    ? 'not-linearizable'
    : verdicts.has('unknown')
      ? 'unknown'
      : 'linearizable';
  return { verdict, parts, violations, steps: budget.steps, elapsedMs: performance.now() - started };
}

function toSearchOperation<Input, Output>(
  history: readonly Operation<Input, Output>[],
): (i: number) => SearchOperation<Input, Output> {
  return (i) => {
    const op = history[i]!;
    return op.return === null
      ? { input: op.input, output: undefined, call: op.call, ret: Number.POSITIVE_INFINITY }
      : { input: op.input, output: op.output, call: op.call, ret: op.return };
  };
}

function validateTimes<Input, Output>(history: readonly Operation<Input, Output>[]): void {
  history.forEach((op, i) => {
    if (!Number.isFinite(op.call)) throw new RangeError(`operation ${i}: call time ${op.call} is not finite`);
    if (op.return !== null && !(op.return >= op.call)) {
      throw new RangeError(`operation ${i}: returns at ${op.return}, before its call at ${op.call}`);
    }
  });
}
