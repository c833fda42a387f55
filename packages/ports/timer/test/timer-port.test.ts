import { describe, expect, it } from 'vitest';
import { CancelTimeout, SchedulePeriodicTimeout, ScheduleTimeout, Timeout, Timer } from '../src/index.js';

class Tick extends Timeout {}

describe('Timer port', () => {
  it('declares schedule and cancel requests and Timeout indications', () => {
    expect(Timer.requests).toContain(ScheduleTimeout);
    expect(Timer.requests).toContain(CancelTimeout);
    expect(Timer.indications).toEqual([Timeout]);
  });

  it('accepts valid delays and periods', () => {
    const t = new Tick('t1');
    expect(new ScheduleTimeout(0, t).delay).toBe(0);
    expect(new SchedulePeriodicTimeout(5, 10, t).period).toBe(10);
  });

  it.each([
    () => new ScheduleTimeout(-1, new Tick('t')),
    () => new ScheduleTimeout(Number.NaN, new Tick('t')),
    () => new ScheduleTimeout(Number.POSITIVE_INFINITY, new Tick('t')),
    () => new SchedulePeriodicTimeout(0, 0, new Tick('t')),
    () => new SchedulePeriodicTimeout(-5, 10, new Tick('t')),
  ])('rejects an impossible delay or period (%#)', (make) => {
    expect(make).toThrow(RangeError);
  });
});
