import type { Operation } from './operation.js';

/** What {@link Model.step} answers: the operation is allowed in that state and leads to `state`, or it is not. */
export type StepResult<State> = { readonly ok: true; readonly state: State } | { readonly ok: false };

/** The shared "not allowed" answer, so rejecting a step allocates nothing. */
export const REJECTED: StepResult<never> = Object.freeze({ ok: false });

/** Allowed, leading to `state`. */
export function accept<State>(state: State): StepResult<State> {
  return { ok: true, state };
}

/**
 * A sequential specification of an object: what a correct, one-operation-at-a-time object does.
 * A history is linearizable when its operations can be put in one order, consistent with real time,
 * in which every operation is a legal step of this model.
 *
 * The model must be deterministic: from a state, an input and an output, at most one next state.
 * States are treated as immutable values: `step` must return a new state rather than change its argument.
 */
export interface Model<State, Input, Output> {
  /** A short name shown in reports, for example `kv`. */
  readonly name: string;
  /** The state before any operation. */
  init(): State;
  /**
   * Applies one operation. `output` is `undefined` when the operation never returned: then any output
   * is acceptable and the step only says how the state changes.
   */
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;
  /** Whether two states are the same (used by the memoization of the search). */
  equal(a: State, b: State): boolean;
  /** A 32-bit hash consistent with {@link Model.equal}. */
  hash(state: State): number;
  /**
   * The independent part an operation belongs to (P-compositionality): operations of different parts
   * never affect one another, so each part is checked on its own. Omit it to check the history whole.
   */
  partition?(input: Input): string;
  /**
   * Whether the operation never changes the state (a read). A read-only operation that never returned
   * constrains nothing and is dropped before the search.
   */
  readOnly?(input: Input): boolean;
  /** How an operation is shown to a person, for example `put(k1, "v7")` or `get(k1) → "v7"`. */
  describeOperation(input: Input, output: Output | undefined): string;
  /** How a state is shown to a person. */
  describeState?(state: State): string;
}

/** Identity helper that lets TypeScript infer a model's type parameters from an object literal. */
export function defineModel<State, Input, Output>(
  model: Model<State, Input, Output>,
): Model<State, Input, Output> {
  return model;
}

/** The input type of a model. */
export type InputOf<M> = M extends Model<unknown, infer I, unknown> ? I : never;
/** The output type of a model. */
export type OutputOf<M> = M extends Model<unknown, unknown, infer O> ? O : never;
/** The operation type a model checks. */
export type OperationOf<M> = Operation<InputOf<M>, OutputOf<M>>;
