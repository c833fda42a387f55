import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimerHarness, TimerSuiteOptions } from './timer-harness.js';
import type { TimerProbe } from './timer-probe.js';

/** Delay of the timeouts the suite expects to fire, and the margin it waits beyond. */
const DELAY = 40;
const PERIOD = 25;

/**
 * Registers the Timer port's compliance tests (vitest `describe`/`it`) for one implementation.
 * Call it at the top level of a test file:
 *
 * @example
 * timerComplianceSuite({ name: '@kompics/timer-node', setup: async () => makeHarness(), teardown: (h) => h.close() });
 */
export function timerComplianceSuite<H extends TimerHarness>(options: TimerSuiteOptions<H>): void {
  const timeoutMs = options.waitTimeoutMs ?? 20_000;

  describe(`Timer compliance: ${options.name}`, () => {
    let harness: H | undefined;
    const h = (): H => {
      if (harness === undefined) throw new Error('the harness was not set up');
      return harness;
    };
    const waitFor = (what: string, predicate: () => boolean) => h().waitFor(predicate, { timeoutMs, what });
    const elapsed = (probe: TimerProbe, id: string, index = 0): number =>
      (probe.firings(id)[index]?.at ?? Number.NaN) - (probe.requestedAt.get(id) ?? Number.NaN);

    beforeEach(async () => {
      harness = await options.setup();
    });
    afterEach(async () => {
      const done = harness;
      harness = undefined;
      if (done !== undefined) {
        await options.teardown(done);
        expect(done.faults.map((f) => f.message)).toEqual([]);
      }
    });

    it('fires a one-shot timeout once, no earlier than its delay', async () => {
      const probe = await h().addProbe();
      const id = probe.scheduleOnce(DELAY);
      const zero = probe.scheduleOnce(0);
      await waitFor('the timeouts', () => probe.firings(id).length > 0 && probe.firings(zero).length > 0);
      await h().sleep(DELAY * 4);
      expect(probe.firings(id)).toHaveLength(1);
      expect(probe.firings(zero)).toHaveLength(1);
      expect(elapsed(probe, id)).toBeGreaterThanOrEqual(DELAY);
      expect(elapsed(probe, zero)).toBeGreaterThanOrEqual(0);
    });

    it('fires a periodic timeout repeatedly, the k-th no earlier than delay + (k-1) periods', async () => {
      const probe = await h().addProbe();
      const id = probe.schedulePeriodic(DELAY, PERIOD);
      await waitFor('five deliveries', () => probe.firings(id).length >= 5);
      probe.cancelPeriodic(id);
      for (let k = 0; k < 5; k++) {
        expect(elapsed(probe, id, k)).toBeGreaterThanOrEqual(DELAY + k * PERIOD);
      }
    });

    it('never fires a one-shot timeout cancelled before its deadline', async () => {
      const probe = await h().addProbe();
      const cancelled = probe.scheduleOnce(DELAY);
      const kept = probe.scheduleOnce(DELAY * 2);
      probe.cancelOnce(cancelled);
      await waitFor('the timeout that was kept', () => probe.firings(kept).length > 0);
      await h().sleep(DELAY * 2);
      expect(probe.firings(cancelled)).toEqual([]);
      expect(probe.firings(kept)).toHaveLength(1);
    });

    it('stops a periodic timeout: at most one delivery already on its way, none after', async () => {
      const probe = await h().addProbe();
      const id = probe.schedulePeriodic(0, 5);
      await waitFor('three deliveries', () => probe.firings(id).length >= 3);
      probe.cancelPeriodic(id);
      const atCancel = probe.firedBeforeCancel.get(id) ?? 0;
      await h().sleep(50);
      const settled = probe.firings(id).length;
      await h().sleep(200);
      expect(probe.firings(id)).toHaveLength(settled);
      expect(settled - atCancel).toBeLessThanOrEqual(1);
    });

    it('stops a periodic timeout cancelled from the handler of its own delivery', async () => {
      const probe = await h().addProbe();
      const id = probe.schedulePeriodic(0, 1, { cancelAfter: 4 });
      const other = probe.schedulePeriodic(0, 1);
      await waitFor('the cancel', () => probe.firedBeforeCancel.has(id));
      await h().sleep(50);
      const settled = probe.firings(id).length;
      await h().sleep(100);
      expect(probe.firings(id)).toHaveLength(settled);
      expect(settled).toBeGreaterThanOrEqual(4);
      expect(settled).toBeLessThanOrEqual(5);
      // The other periodic timeout was not affected.
      const before = probe.firings(other).length;
      await waitFor('the other timeout to go on', () => probe.firings(other).length > before);
      probe.cancelPeriodic(other);
    });

    it('delivers many timeouts in the order of their deadlines', async () => {
      const probe = await h().addProbe();
      const count = 20;
      // A fixed shuffle of the delays 10, 20, ..., 200 ms.
      const delays = Array.from({ length: count }, (_, i) => (((i * 7) % count) + 1) * 10);
      const ids = delays.map((delay) => probe.scheduleOnce(delay));
      await waitFor('every timeout', () => probe.fired.length >= count);
      const byDeadline = ids
        .map((id, i) => ({ id, delay: delays[i] as number }))
        .sort((x, y) => x.delay - y.delay)
        .map((x) => x.id);
      expect(probe.fired.map((f) => f.id)).toEqual(byDeadline);
      for (const [i, id] of ids.entries()) {
        expect(elapsed(probe, id)).toBeGreaterThanOrEqual(delays[i] as number);
      }
    });

    it('ignores cancels of unknown and already delivered timeouts', async () => {
      const probe = await h().addProbe();
      probe.cancelOnce('never-scheduled');
      probe.cancelPeriodic('never-scheduled');
      const id = probe.scheduleOnce(1);
      await waitFor('the timeout', () => probe.firings(id).length > 0);
      probe.cancelOnce(id);
      const next = probe.scheduleOnce(1);
      await waitFor('the next timeout', () => probe.firings(next).length > 0);
      expect(probe.fired.map((f) => f.id)).toEqual([id, next]);
    });
  });
}
