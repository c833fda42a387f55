import type { PortCore } from './port-core.js';
import type { AnyPortType } from './port-type.js';

/** @internal Key of a handle's runtime port. */
export const PORT_CORE: unique symbol = Symbol('kompics.portCore');

/** A typed reference to a port. Which class it is decides what may be done with it. */
abstract class PortHandle<P extends AnyPortType> {
  declare private readonly variance: (port: P) => P;
  /** @internal */
  readonly [PORT_CORE]: PortCore;

  /** @internal */
  constructor(core: PortCore) {
    this[PORT_CORE] = core;
  }

  /** The port type. */
  get type(): P {
    return this[PORT_CORE].type as P;
  }
}

/**
 * A port this component provides, seen by its owner: the owner subscribes to its requests and
 * triggers its indications. Connected to a child's provided port, it delegates to the child.
 */
export class ProvidedPort<P extends AnyPortType> extends PortHandle<P> {
  declare private readonly end: 'own-provided';
}

/**
 * A port this component requires, seen by its owner: the owner triggers requests and
 * subscribes to indications. Connected to a child's required port, it shares the port with the child.
 */
export class RequiredPort<P extends AnyPortType> extends PortHandle<P> {
  declare private readonly end: 'own-required';
}

/** A port a child provides, seen by its parent, for connecting to a requirer. */
export class ChildProvidedPort<P extends AnyPortType> extends PortHandle<P> {
  declare private readonly end: 'child-provided';
}

/** A port a child requires, seen by its parent, for connecting to a provider. */
export class ChildRequiredPort<P extends AnyPortType> extends PortHandle<P> {
  declare private readonly end: 'child-required';
}

/** An end of a channel from which indications flow: a child's provided port or one's own required port. */
export type ProviderEnd<P extends AnyPortType> = ChildProvidedPort<P> | RequiredPort<P>;

/** An end of a channel from which requests flow: a child's required port or one's own provided port. */
export type RequirerEnd<P extends AnyPortType> = ChildRequiredPort<P> | ProvidedPort<P>;
