import { Budget } from './budget.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import { type SearchOperation, searchLinearization } from './search.js';
import type { Violation } from './violation.js';

/** Limits of the work spent explaining one violation. */
export interface ExplainLimits {
  readonly timeoutMs: number;
  readonly maxSteps: number;
}

class ExplainBudgetSpent extends Error {}

/**
 * Explains a part that the search found not linearizable.
 *
 * @param indices - the part's operations (history indices) that were searched.
 * @param longest - the search's longest partial linearization (positions in `indices`).
 */
export function explainViolation<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
  key: string,
  indices: readonly number[],
  longest: readonly number[],
  limits: ExplainLimits,
): Violation {
  const longestPrefix = longest.map((p) => indices[p]!);
  const frontier = frontierAfter(history, indices, longestPrefix);
  const reads = minimalReads(model, history, indices, new Budget(limits.timeoutMs, limits.maxSteps));
  // Without reads to blame (say, two compare-and-sets that both succeeded), the frontier anchors the window.
  const anchors = reads === null || reads.length === 0 ? frontier : reads;
  return {
    key,
    window: sortByCall(history, windowAround(model, history, indices, anchors)),
    core: reads === null ? [] : sortByCall(history, reads),
    minimal: reads !== null,
    longestPrefix,
    frontier,
  };
}

/**
 * The operations that could be linearized right after `prefix`: not in it, and called before the
 * earliest return among the operations not in it (that operation included).
 */
function frontierAfter<Input, Output>(
  history: readonly Operation<Input, Output>[],
  indices: readonly number[],
  prefix: readonly number[],
): number[] {
  const done = new Set(prefix);
  const rest = indices.filter((i) => !done.has(i));
  let firstReturn = Number.POSITIVE_INFINITY;
  for (const i of rest) firstReturn = Math.min(firstReturn, returnTime(history[i]!));
  return rest.filter((i) => history[i]!.call <= firstReturn);
}

/**
 * A minimal set of read-only operations that, with every state-changing operation of the part kept,
 * still cannot be linearized. Dropping a read is a relaxation (a history without it admits every
 * linearization the history with it admits), so this is monotone and a binary-search "progression"
 * finds a minimal set with O(set size × log n) searches. State-changing operations are kept exact:
 * relaxing them too would let each float anywhere after its call, which makes the searches exponential.
 * Returns null when the budget runs out.
 */
function minimalReads<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
  indices: readonly number[],
  budget: Budget,
): number[] | null {
  const isRead = (i: number): boolean => model.readOnly?.(history[i]!.input) === true;
  const writes = indices.filter((i) => !isRead(i));
  const fails = (reads: readonly number[]): boolean => {
    const kept = [...writes, ...reads].map((i) => toSearchOperation(history[i]!));
    const outcome = searchLinearization(model, kept, budget);
    if (outcome.verdict === 'unknown') throw new ExplainBudgetSpent();
    return outcome.verdict === 'not-linearizable';
  };
  // Latest-returning first, so the binary search settles on reads near where the search failed.
  let candidates = indices
    .filter((i) => isRead(i) && history[i]!.return !== null)
    .sort((a, b) => returnTime(history[b]!) - returnTime(history[a]!) || b - a);
  const necessary: number[] = [];
  try {
    while (!fails(necessary)) {
      let lo = 0;
      let hi = candidates.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (fails([...necessary, ...candidates.slice(0, mid + 1)])) hi = mid;
        else lo = mid + 1;
      }
      const chosen = candidates[lo];
      // The whole part fails, so something is always found; this only guards the types.
      if (chosen === undefined) return null;
      necessary.push(chosen);
      candidates = candidates.slice(0, lo);
    }
  } catch (e) {
    if (e instanceof ExplainBudgetSpent) return null;
    throw e;
  }
  return necessary;
}

/**
 * The anchors plus the state-changing operations that explain them: those overlapping an anchor in
 * time, and for each anchor the last one to complete before it was called (the state it should see)
 * with those concurrent with that one.
 */
function windowAround<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
  indices: readonly number[],
  anchors: readonly number[],
): number[] {
  const writes = indices.filter((i) => model.readOnly?.(history[i]!.input) !== true);
  const window = [...anchors];
  for (const a of anchors) {
    const anchor = history[a]!;
    let lastBefore: number | undefined;
    for (const w of writes) {
      const op = history[w]!;
      const ret = returnTime(op);
      if (ret < anchor.call) {
        if (lastBefore === undefined || ret > returnTime(history[lastBefore]!)) lastBefore = w;
      } else if (op.call <= returnTime(anchor)) {
        window.push(w);
      }
    }
    if (lastBefore === undefined) continue;
    // Writes concurrent with that last one may have been ordered either way around it.
    const last = history[lastBefore]!;
    for (const w of writes) {
      const op = history[w]!;
      if (op.call <= returnTime(last) && returnTime(op) >= last.call) window.push(w);
    }
  }
  return window;
}

function toSearchOperation<Input, Output>(op: Operation<Input, Output>): SearchOperation<Input, Output> {
  return op.return === null
    ? { input: op.input, output: undefined, call: op.call, ret: Number.POSITIVE_INFINITY }
    : { input: op.input, output: op.output, call: op.call, ret: op.return };
}

function returnTime<Input, Output>(op: Operation<Input, Output>): number {
  return op.return ?? Number.POSITIVE_INFINITY;
}

function sortByCall<Input, Output>(
  history: readonly Operation<Input, Output>[],
  ops: readonly number[],
): number[] {
  return [...new Set(ops)].sort((a, b) => history[a]!.call - history[b]!.call || a - b);
}
