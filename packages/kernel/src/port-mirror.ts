import type { ComponentCore } from './component-core.js';
import type { PortCore, PortFace } from './port-core.js';

/** @internal An object in no event's prototype chain: a direction cache starts with it, empty. */
export const NO_PROTOTYPE: object = Object.freeze(Object.create(null) as object);

/**
 * @internal `Object.prototype.isPrototypeOf`, called on a cached prototype. Unlike
 * `Object.getPrototypeOf` (a call into V8's runtime, ~350 instructions) it walks the chain in
 * generated code.
 */
export const isPrototypeOfValue = Object.prototype.isPrototypeOf as (this: object, value: unknown) => boolean;

/** @internal Key of a handle's trigger fast path. */
export const FAST_TRIGGER: unique symbol = Symbol('kompics.fastTrigger');
/** @internal Key of the method by which a port keeps its own handle's copy up to date. */
export const MIRROR: unique symbol = Symbol('kompics.mirror');

/**
 * @internal A handle that keeps a copy of what a trigger by its port's owner needs, so that the
 * trigger reads the handle only (see `PortHandle`).
 */
export interface MirroredHandle {
  /**
   * `owner` undefined turns the fast path off; `peer` and `face` are the port's lone outside
   * peer, if any; `allowed` the prototype of the last event the port found allowed.
   */
  [MIRROR](
    owner: ComponentCore | undefined,
    peer: PortCore | undefined,
    face: PortFace,
    allowed: object,
  ): void;
}
