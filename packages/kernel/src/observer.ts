/** One event about to be handled by a component. */
export interface Delivery {
  /** Path of the receiving component, e.g. `/main/node1/ring`. */
  readonly component: string;
  /** Name of the port type the event arrived on. */
  readonly port: string;
  readonly event: object;
}

/** Sees every event delivery in a runtime (tracing, debugging, visualization). */
export type DeliveryObserver = (delivery: Delivery) => void;
