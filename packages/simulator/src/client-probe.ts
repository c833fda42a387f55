import { type AnyPortType, ComponentDefinition, type EventClass, type RequiredPort } from '@kompics/kernel';

/**
 * A client attached to one node's provided port: the simulation (a scenario operation, a test)
 * triggers requests through it and sees the node's indications. Created by
 * {@link Simulation.client}; lives and dies with the node's incarnation.
 */
export class ClientProbe extends ComponentDefinition {
  readonly port: RequiredPort<AnyPortType>;
  /** Every indication received, in order. */
  readonly received: object[] = [];
  readonly #listeners: ((event: object) => void)[] = [];

  constructor(type: AnyPortType) {
    super();
    this.port = this.requires(type);
    const classes = type.indications as readonly EventClass[];
    // Subscribe once per most general class, so that no event is heard twice.
    for (const cls of classes) {
      if (classes.some((other) => other !== cls && cls.prototype instanceof other)) continue;
      this.subscribe(this.port, cls, (event: object) => {
        this.received.push(event);
        for (const listener of this.#listeners) listener(event);
      });
    }
  }

  /** Triggers `event` as a request towards the node. */
  request(event: object): void {
    (this.trigger as (e: object, p: RequiredPort<AnyPortType>) => void).call(this, event, this.port);
  }

  /** Calls `listener` with each indication from now on. */
  onIndication(listener: (event: object) => void): void {
    this.#listeners.push(listener);
  }
}
