import type { ComponentCore } from './component-core.js';
import type { PortCore, PortFace } from './port-core.js';
import {
  FAST_TRIGGER,
  isPrototypeOfValue,
  MIRROR,
  type MirroredHandle,
  NO_PROTOTYPE,
} from './port-mirror.js';
import type { AnyPortType } from './port-type.js';

/** @internal Key of a handle's runtime port. */
export const PORT_CORE: unique symbol = Symbol('kompics.portCore');

/** A typed reference to a port. Which class it is decides what may be done with it. */
abstract class PortHandle<P extends AnyPortType> implements MirroredHandle {
  declare private readonly variance: (port: P) => P;
  /** @internal */
  readonly [PORT_CORE]: PortCore;
  // A copy of what a trigger by the port's owner needs, kept by the port on its latest own
  // handle (not on lifecycle ports, nor on handles to a child's ports), so that a trigger reads
  // this handle only and not the port as well: with thousands of components each is a cache miss.
  /** The owner while this handle is mirrored, else undefined (then the checked path is taken). */
  #owner: ComponentCore | undefined;
  /** The port's lone peer on its outside face, if it has exactly one plain channel. */
  #peer: PortCore | undefined;
  #face: PortFace = 'outside';
  /** The port's direction cache: the prototype of the last event it found allowed. */
  #allowed: object = NO_PROTOTYPE;

  /** @internal */
  constructor(core: PortCore) {
    this[PORT_CORE] = core;
  }

  /**
   * @internal Sends `event`, triggered by `owner`, straight to the port's lone peer if this
   * handle is its owner's current one and the event's class was allowed before; false if the
   * caller must take the checked path.
   */
  [FAST_TRIGGER](owner: ComponentCore, event: object): boolean {
    const peer = this.#peer;
    if (peer === undefined || owner !== this.#owner || !isPrototypeOfValue.call(this.#allowed, event)) {
      return false;
    }
    peer.receive(event, this.#face);
    return true;
  }

  /** @internal Called by the port whenever what the fast path copies changes. */
  [MIRROR](
    owner: ComponentCore | undefined,
    peer: PortCore | undefined,
    face: PortFace,
    allowed: object,
  ): void {
    this.#owner = owner;
    this.#peer = peer;
    this.#face = face;
    this.#allowed = allowed;
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
