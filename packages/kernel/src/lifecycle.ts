import { definePort } from './port-type.js';

/** Starts a component and, after it, its children. */
export class Start {
  declare private readonly lifecycle: 'start';
}
/** Stops a component's children, then the component. */
export class Stop {
  declare private readonly lifecycle: 'stop';
}
/** Stops a component, then destroys it. */
export class Kill {
  declare private readonly lifecycle: 'kill';
}
/** A component and all its children have started. */
export class Started {
  declare private readonly lifecycle: 'started';
}
/** A component and all its children have stopped. */
export class Stopped {
  declare private readonly lifecycle: 'stopped';
}
/** A component was killed and destroyed. */
export class Killed {
  declare private readonly lifecycle: 'killed';
}

/** A handler threw. The parent's fault policy decides what happens to the faulty child. */
export class Fault {
  constructor(
    /** Path of the component whose handler threw. */
    readonly source: string,
    readonly error: unknown,
    /** The event being handled when the handler threw. */
    readonly event: object | undefined,
  ) {}

  get message(): string {
    const reason = this.error instanceof Error ? this.error.message : String(this.error);
    return `fault in ${this.source}: ${reason}`;
  }
}

/** What a parent does with a faulty child. */
export type FaultAction =
  /** Pass the fault to the parent's own parent; the child stays halted. */
  | 'escalate'
  /** Drop the event that failed and let the child go on. */
  | 'resolve'
  /** Replace the child by a fresh instance (same class and arguments); held events go to it. */
  | 'restart'
  /** Destroy the child. */
  | 'destroy';

/** The lifecycle port every component provides to its parent. */
export const ControlPort = definePort('Control', {
  requests: [Start, Stop, Kill],
  indications: [Started, Stopped, Killed, Fault],
});
export type ControlPort = typeof ControlPort;
