import type { ComponentCore, LifecycleState } from './component-core.js';
import type { ComponentDefinition } from './component-definition.js';
import { KernelError } from './errors.js';
import type { ControlPort } from './lifecycle.js';
import type { AnyPortType } from './port-type.js';
import { ChildProvidedPort, ChildRequiredPort, RequiredPort } from './ports.js';

/** @internal */
export const CHILD_CORE: unique symbol = Symbol('kompics.childCore');

/**
 * A parent's handle on a child component: its ports for connecting, its control port for
 * lifecycle, and its definition (for tests and state inspection). The handle stays valid
 * across a hot replacement or a restart of the child.
 */
export class Child<D extends ComponentDefinition = ComponentDefinition> {
  /** @internal */
  readonly [CHILD_CORE]: ComponentCore;
  /** The child's lifecycle port: trigger Start, Stop, Kill; subscribe to Started, Stopped, Killed, Fault. */
  readonly control: RequiredPort<ControlPort>;

  /** @internal */
  constructor(core: ComponentCore) {
    this[CHILD_CORE] = core;
    if (core.controlInParent === undefined) throw new KernelError(`${core.path} has no parent`);
    this.control = new RequiredPort<ControlPort>(core.controlInParent);
  }

  /** The child's current definition (a new object after a replacement or restart). */
  get definition(): D {
    return this[CHILD_CORE].definition as D;
  }

  get path(): string {
    return this[CHILD_CORE].path;
  }

  get state(): LifecycleState {
    return this[CHILD_CORE].state;
  }

  /** The child's provided port of `type`, for connecting to a requirer. */
  provided<P extends AnyPortType>(type: P): ChildProvidedPort<P> {
    const port = this[CHILD_CORE].existingPort(type, 'provided');
    if (port === undefined) throw new KernelError(`${this.path} does not provide ${type.name}`);
    return new ChildProvidedPort<P>(port);
  }

  /** The child's required port of `type`, for connecting to a provider. */
  required<P extends AnyPortType>(type: P): ChildRequiredPort<P> {
    const port = this[CHILD_CORE].existingPort(type, 'required');
    if (port === undefined) throw new KernelError(`${this.path} does not require ${type.name}`);
    return new ChildRequiredPort<P>(port);
  }
}
