/**
 * One operation of a concurrent history, as a client saw it: when it was called, when (if ever) it
 * returned, what it asked for and what it got back.
 *
 * @typeParam Input - what the client asked for (for example `{ f: 'put', key, value }`).
 * @typeParam Output - what the operation returned (for example the value a read saw).
 */
export interface Operation<Input, Output> {
  /** Which client issued the operation; only used for display (one timeline row per client). */
  readonly client: number;
  /** Invocation time. Any integer unit, as long as every operation of a history uses the same one. */
  readonly call: number;
  /**
   * Response time, or `null` when the operation never returned (timed out, crashed client). Such an
   * operation may or may not have taken effect: it is treated as returning at +infinity with an
   * unknown output.
   */
  readonly return: number | null;
  /** What the client asked for. */
  readonly input: Input;
  /** What the operation returned; absent (and ignored) when `return` is `null`. */
  readonly output?: Output;
  /** Where the operation came from (1-based line of a history file), shown in explanations. */
  readonly line?: number;
}

/** True when the operation never returned, so its effect and its output are unknown. */
export function isPending<Input, Output>(op: Operation<Input, Output>): boolean {
  return op.return === null;
}
