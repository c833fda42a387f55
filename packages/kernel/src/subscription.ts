import type { HandlerRecord, PortCore } from './port-core.js';

/** A handler subscribed to an event class on a port; unsubscribe at any time, even mid-stream. */
export class Subscription {
  /** @internal */
  constructor(
    private readonly port: PortCore,
    private readonly record: HandlerRecord,
  ) {}

  /** Whether the handler still runs. */
  get active(): boolean {
    return this.record.active;
  }

  /** Stops the handler: from now on, not even events already queued reach it. */
  unsubscribe(): void {
    this.port.unsubscribe(this.record);
  }
}
