import type { Model, Operation } from '../../src/index.js';

/**
 * The definition, executed: tries every order of the operations that respects real time (an operation
 * that returned before another was called comes first). Exponential; for tiny histories only.
 */
export function bruteForceLinearizable<S, I, O>(
  model: Model<S, I, O>,
  history: readonly Operation<I, O>[],
): boolean {
  const n = history.length;
  const placed = new Array<boolean>(n).fill(false);
  const mustPrecede = (a: number, b: number): boolean => {
    const ret = history[a]!.return;
    return ret !== null && ret < history[b]!.call;
  };
  const go = (state: S, count: number): boolean => {
    if (count === n) return true;
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      let ready = true;
      for (let j = 0; j < n && ready; j++) if (!placed[j] && j !== i && mustPrecede(j, i)) ready = false;
      if (!ready) continue;
      const op = history[i]!;
      const result = model.step(state, op.input, op.return === null ? undefined : op.output);
      if (!result.ok) continue;
      placed[i] = true;
      const ok = go(result.state, count + 1);
      placed[i] = false;
      if (ok) return true;
    }
    return false;
  };
  return go(model.init(), 0);
}
