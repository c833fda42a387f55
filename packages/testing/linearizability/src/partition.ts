import type { Model } from './model.js';
import type { Operation } from './operation.js';

/** The operations of one independent part of a history, as indices into the whole history. */
export interface Part {
  /** The part's key (`''` when the model does not partition). */
  readonly key: string;
  /** Indices into the history, in history order. */
  readonly indices: readonly number[];
}

/**
 * Splits a history into independent parts by the model's partition function (P-compositionality: the
 * history is linearizable exactly when every part is). Parts come in order of first appearance.
 */
export function partitionHistory<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
): Part[] {
  const partOf = model.partition;
  if (partOf === undefined) return [{ key: '', indices: history.map((_, i) => i) }];
  const parts = new Map<string, number[]>();
  for (let i = 0; i < history.length; i++) {
    const key = partOf.call(model, history[i]!.input);
    const indices = parts.get(key);
    if (indices === undefined) parts.set(key, [i]);
    else indices.push(i);
  }
  return [...parts].map(([key, indices]) => ({ key, indices }));
}
