import { definePort } from '@kompics/kernel';

/**
 * Base class of timeouts. Subclass it per purpose; take the id from the component context's
 * id source (`this.context.ids.next()`), so runs stay deterministic.
 */
export abstract class Timeout {
  constructor(readonly timeoutId: string) {}
}

function checkDelay(name: string, value: number, allowZero: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(
      `${name} must be a finite number of milliseconds ${allowZero ? '>= 0' : '> 0'}, got ${value}`,
    );
  }
}

/** Delivers `timeout` once, `delay` milliseconds from now. */
export class ScheduleTimeout {
  constructor(
    readonly delay: number,
    readonly timeout: Timeout,
  ) {
    checkDelay('delay', delay, true);
  }
}

/** Delivers `timeout` after `delay` milliseconds, then every `period` milliseconds until cancelled. */
export class SchedulePeriodicTimeout {
  constructor(
    readonly delay: number,
    readonly period: number,
    readonly timeout: Timeout,
  ) {
    checkDelay('delay', delay, true);
    checkDelay('period', period, false);
  }
}

/** Cancels a one-shot timeout. Unknown or already delivered ids are ignored. */
export class CancelTimeout {
  declare private readonly kind: 'cancel-once';
  constructor(readonly timeoutId: string) {}
}

/** Cancels a periodic timeout. Unknown ids are ignored. */
export class CancelPeriodicTimeout {
  declare private readonly kind: 'cancel-periodic';
  constructor(readonly timeoutId: string) {}
}

/**
 * The Timer port. Guarantee: once the provider has handled a cancel, it triggers that timeout
 * no more. A timeout it triggered before handling the cancel may still be on its way, so a
 * requirer that must ignore it compares ids.
 */
export const Timer = definePort('Timer', {
  requests: [ScheduleTimeout, SchedulePeriodicTimeout, CancelTimeout, CancelPeriodicTimeout],
  indications: [Timeout],
});
export type Timer = typeof Timer;
