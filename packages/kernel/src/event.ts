/**
 * Events are plain class instances. A subscription to a class also matches its subclasses.
 *
 * TypeScript compares classes by shape, so two event classes with identical fields are
 * interchangeable to the type checker (the runtime still tells them apart). Give such a class a
 * distinguishing field, or a nominal brand: `declare private readonly brand: 'Ping'`.
 */
export type EventClass<E extends object = object> = abstract new (...args: never[]) => E;

/** The instance type of an event class (distributes over unions of classes). */
export type EventOf<C> = C extends abstract new (...args: never[]) => infer E ? E : never;

/** Name of an event's class, for messages and traces. */
export function eventName(event: object): string {
  return event.constructor?.name ?? 'Object';
}
