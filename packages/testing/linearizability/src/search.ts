import type { Budget } from './budget.js';
import { LinearizedSet } from './linearized-set.js';
import type { Model } from './model.js';

/** One operation as the search sees it: a pending operation has `ret = Infinity` and no output. */
export interface SearchOperation<Input, Output> {
  readonly input: Input;
  readonly output: Output | undefined;
  readonly call: number;
  readonly ret: number;
}

/** What the search of one part found. */
export interface SearchOutcome {
  readonly verdict: 'linearizable' | 'not-linearizable' | 'unknown';
  /** The longest partial linearization found, as indices into the searched operations, in order. */
  readonly longest: readonly number[];
}

/** A call or return event in the doubly linked list the search walks and lifts entries out of. */
interface Entry {
  /** The operation's number (its rank by return time); -1 for the list head. */
  readonly id: number;
  readonly time: number;
  /** For a call entry, its return entry; `null` for a return entry. */
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

interface CacheEntry<State> {
  readonly prefix: number;
  readonly extras: Uint32Array;
  readonly state: State;
}

// How much work (steps and candidates scanned) to do between two budget checks.
const BUDGET_STRIDE = 1024;

/**
 * Wing & Gong's search with Lowe's memoization, as in Porcupine: a time-ordered doubly linked list of
 * call and return events; the operations that may be linearized next are those called before the first
 * return still in the list. Linearizing one lifts its two events out of the list; a dead end (no
 * candidate can go next) undoes the last choice. A configuration (set of linearized operations, model
 * state) already explored is never explored again.
 *
 * Unlike Porcupine, which tries candidates in call order, candidates are tried in an order that tends to
 * be right the first time, which matters on single-key histories with many concurrent clients:
 * - a read-only operation that can be linearized now is linearized now, with no alternative to come
 *   back to: putting it later is never better, since it changes no state and every operation that must
 *   precede it already has;
 * - other operations go earliest-return first, except that when the earliest-returning operation is a
 *   read that cannot be linearized yet, the operations after which it can come first.
 */
export function searchLinearization<State, Input, Output>(
  model: Model<State, Input, Output>,
  ops: readonly SearchOperation<Input, Output>[],
  budget: Budget,
): SearchOutcome {
  const n = ops.length;
  if (n === 0) return { verdict: 'linearizable', longest: [] };

  // Number the operations by return time (see LinearizedSet for why); then "earliest return first" is
  // simply ascending number.
  const byReturn = Array.from({ length: n }, (_, i) => i);
  byReturn.sort((a, b) => ops[a]!.ret - ops[b]!.ret || ops[a]!.call - ops[b]!.call || a - b);
  const sorted = byReturn.map((i) => ops[i]!);
  const readOnly = new Uint8Array(n);
  for (let id = 0; id < n; id++) readOnly[id] = model.readOnly?.(sorted[id]!.input) === true ? 1 : 0;
  const calls = buildEntries(sorted);
  const head = calls[n]!;

  const linearized = new LinearizedSet(n);
  const cache = new Map<number, CacheEntry<State>[]>();
  // One frame per linearized operation: the operation, the state before it, and the alternatives left
  // to try in its place (null for a forced read).
  const chosen: number[] = [];
  const before: State[] = [];
  const alternatives: (Int32Array | null)[] = [];
  const nextAlternative: number[] = [];
  // The longest partial linearization, kept incrementally: `agree` is how many leading frames equal
  // `best`, so a new record copies only the part that changed.
  const best: number[] = [];
  let agree = 0;
  let state = model.init();
  let work = 0;
  const candidates: number[] = [];
  const preferred: number[] = [];
  const rest: number[] = [];

  search: while (head.next !== null) {
    if (work >= BUDGET_STRIDE) {
      if (!budget.spend(work)) return outcome('unknown');
      work = 0;
    }
    // The candidates: calls before the first return; that return's operation is the most urgent.
    candidates.length = 0;
    let e: Entry | null = head.next;
    while (e.match !== null) {
      candidates.push(e.id);
      e = e.next!;
    }
    const deadline = e;
    work += candidates.length + 1;

    let forcedDeadEnd = false;
    for (const id of candidates) {
      if (readOnly[id] !== 1) continue;
      const op = sorted[id]!;
      const result = model.step(state, op.input, op.output);
      if (!result.ok) continue;
      if (tryLinearize(id, result.state, null)) continue search;
      // Linearizing this read now was explored already and failed; so does every continuation that
      // leaves it for later.
      forcedDeadEnd = true;
      break;
    }

    if (!forcedDeadEnd) {
      preferred.length = 0;
      rest.length = 0;
      const urgent = sorted[deadline.id]!;
      const urgentIsBlockedRead = readOnly[deadline.id] === 1;
      for (const id of candidates) {
        if (readOnly[id] === 1) continue;
        if (urgentIsBlockedRead) {
          const op = sorted[id]!;
          const after = model.step(state, op.input, op.output);
          work++;
          if (after.ok && model.step(after.state, urgent.input, urgent.output).ok) {
            preferred.push(id);
            continue;
          }
        }
        rest.push(id);
      }
      // Candidates were collected in call order; earliest return first is ascending number.
      preferred.sort(ascending);
      rest.sort(ascending);
      const order = Int32Array.from(preferred.concat(rest));
      if (tryFrom(order, 0)) continue;
    }

    // Dead end: undo choices until one has an alternative left.
    recordLongest();
    for (;;) {
      const id = chosen.pop();
      if (id === undefined) {
        budget.spend(work);
        return outcome('not-linearizable');
      }
      state = before.pop()!;
      const alts = alternatives.pop()!;
      const next = nextAlternative.pop()!;
      if (agree > chosen.length) agree = chosen.length;
      linearized.delete(id);
      unlift(calls[id]!);
      if (alts !== null && tryFrom(alts, next)) break;
    }
  }
  budget.spend(work);
  return outcome('linearizable');

  /** Tries the alternatives `order[from..]` in turn; true once one is linearized. */
  function tryFrom(order: Int32Array, from: number): boolean {
    for (let i = from; i < order.length; i++) {
      const id = order[i]!;
      const op = sorted[id]!;
      const result = model.step(state, op.input, op.output);
      work++;
      if (result.ok && tryLinearize(id, result.state, order, i + 1)) return true;
    }
    return false;
  }

  /** Linearizes operation `id` leading to `next`, unless that configuration was explored already. */
  function tryLinearize(id: number, next: State, order: Int32Array | null, nextIndex = 0): boolean {
    linearized.add(id);
    const key = (linearized.hash ^ Math.imul(model.hash(next), 0x9e3779b1)) >>> 0;
    if (seen(key, next)) {
      linearized.delete(id);
      return false;
    }
    remember(key, next);
    const depth = chosen.length;
    if (agree === depth && best[depth] === id) agree = depth + 1;
    chosen.push(id);
    before.push(state);
    alternatives.push(order);
    nextAlternative.push(nextIndex);
    state = next;
    lift(calls[id]!);
    return true;
  }

  function recordLongest(): void {
    const depth = chosen.length;
    if (depth <= best.length) return;
    for (let i = agree; i < depth; i++) best[i] = chosen[i]!;
    agree = depth;
  }

  function outcome(verdict: SearchOutcome['verdict']): SearchOutcome {
    return { verdict, longest: best.map((id) => byReturn[id]!) };
  }

  function seen(key: number, s: State): boolean {
    const bucket = cache.get(key);
    if (bucket === undefined) return false;
    for (const c of bucket) {
      if (linearized.matches(c.prefix, c.extras) && model.equal(c.state, s)) return true;
    }
    return false;
  }

  function remember(key: number, s: State): void {
    const c: CacheEntry<State> = { prefix: linearized.prefix, extras: linearized.snapshotExtras(), state: s };
    const bucket = cache.get(key);
    if (bucket === undefined) cache.set(key, [c]);
    else bucket.push(c);
  }
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Builds the time-ordered doubly linked list of call and return entries. Returns the call entry of each
 * operation by number, followed by the list's head sentinel.
 */
function buildEntries<Input, Output>(sorted: readonly SearchOperation<Input, Output>[]): Entry[] {
  const calls: Entry[] = [];
  const all: Entry[] = [];
  for (let id = 0; id < sorted.length; id++) {
    const op = sorted[id]!;
    const ret: Entry = { id, time: op.ret, match: null, prev: null, next: null };
    const call: Entry = { id, time: op.call, match: ret, prev: null, next: null };
    calls.push(call);
    all.push(call, ret);
  }
  // Calls sort before returns at the same time: operations that merely touch count as concurrent,
  // the permissive choice, so equal timestamps never produce a false violation.
  all.sort((a, b) => {
    if (a.time !== b.time) return a.time - b.time;
    const ak = a.match === null ? 1 : 0;
    const bk = b.match === null ? 1 : 0;
    return ak - bk || a.id - b.id;
  });
  const head: Entry = { id: -1, time: Number.NEGATIVE_INFINITY, match: null, prev: null, next: null };
  let last = head;
  for (const e of all) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  calls.push(head);
  return calls;
}

/** Takes an operation's call and return entries out of the list (it is now linearized). */
function lift(call: Entry): void {
  call.prev!.next = call.next;
  if (call.next !== null) call.next.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next !== null) ret.next.prev = ret.prev;
}

/** Puts back what {@link lift} took out, in the reverse order. */
function unlift(call: Entry): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next !== null) ret.next.prev = ret;
  call.prev!.next = call;
  if (call.next !== null) call.next.prev = call;
}
