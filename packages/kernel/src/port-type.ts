import type { EventClass, EventOf } from './event.js';

/**
 * A port type: a name plus the events that flow into the provider (requests) and out of it
 * (indications). Declare each port type once with {@link definePort}.
 */
export interface PortType<
  Name extends string = string,
  Req extends EventClass = EventClass,
  Ind extends EventClass = EventClass,
> {
  readonly name: Name;
  readonly requests: readonly Req[];
  readonly indications: readonly Ind[];
}

/** Any port type. */
// biome-ignore lint/suspicious/noExplicitAny: variance wildcard for generic constraints only.
export type AnyPortType = PortType<string, any, any>;

/** Instance types of the requests a port type allows. */
export type RequestOf<P extends AnyPortType> =
  P extends PortType<string, infer R, EventClass> ? EventOf<R> : never;

/** Instance types of the indications a port type allows. */
export type IndicationOf<P extends AnyPortType> =
  P extends PortType<string, EventClass, infer I> ? EventOf<I> : never;

/**
 * Declares a port type.
 *
 * @example
 * const PingPort = definePort('PingPort', { requests: [Ping], indications: [Pong] });
 */
export function definePort<
  const Name extends string,
  const Req extends readonly EventClass[],
  const Ind extends readonly EventClass[],
>(name: Name, events: { requests: Req; indications: Ind }): PortType<Name, Req[number], Ind[number]> {
  return Object.freeze({
    name,
    requests: Object.freeze([...events.requests]),
    indications: Object.freeze([...events.indications]),
  });
}

/** Whether `event` is an instance of one of `classes` (subclasses included). */
export function isAllowed(event: object, classes: readonly EventClass[]): boolean {
  for (let i = 0; i < classes.length; i++) {
    if (event instanceof (classes[i] as EventClass)) return true;
  }
  return false;
}

/** Whether subscribing to `cls` can only ever see events allowed by `classes`. */
export function isAllowedClass(cls: EventClass, classes: readonly EventClass[]): boolean {
  for (const allowed of classes) {
    if (cls === allowed || cls.prototype instanceof allowed) return true;
  }
  return false;
}
