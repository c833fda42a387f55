import { expect, test } from 'vitest';
import { runCats } from './harness.js';

// A seed replays exactly: the same history, to the virtual microsecond, in the families with
// restarts and false suspicions (durable state, delay spikes).
test('a seed of the restarts and suspicions families replays the same history', () => {
  for (const family of ['restarts', 'suspicions'] as const) {
    const a = runCats({ seed: 7, family, mode: 'consistent' });
    const b = runCats({ seed: 7, family, mode: 'consistent' });
    expect(JSON.stringify(b.history)).toBe(JSON.stringify(a.history));
    expect(b.stats).toEqual(a.stats);
  }
});
