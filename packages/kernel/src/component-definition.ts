import { type Channel, type ChannelSelector, connectEnds, disconnectChannel } from './channel.js';
import { CHILD_CORE, Child } from './child.js';
import { type ComponentCore, coreUnderConstruction, type FaultPolicy } from './component-core.js';
import type { Config } from './config.js';
import type { ComponentContext } from './context.js';
import { KernelError, PortDirectionError } from './errors.js';
import type { EventClass } from './event.js';
import type { ControlPort, Fault, FaultAction } from './lifecycle.js';
import type { PortCore } from './port-core.js';
import { FAST_TRIGGER } from './port-mirror.js';
import type { AnyPortType, IndicationOf, RequestOf } from './port-type.js';
import {
  ChildProvidedPort,
  ChildRequiredPort,
  PORT_CORE,
  ProvidedPort,
  type ProviderEnd,
  RequiredPort,
  type RequirerEnd,
} from './ports.js';
import { Subscription } from './subscription.js';

type AnyPortHandle =
  | ProvidedPort<AnyPortType>
  | RequiredPort<AnyPortType>
  | ChildProvidedPort<AnyPortType>
  | ChildRequiredPort<AnyPortType>;

/** A component class. Its constructor's parameters are the component's init arguments. */
export type DefinitionClass<D extends ComponentDefinition = ComponentDefinition> = new (
  ...args: never[]
) => D;

/** @internal A factory that builds `definition` from `args`, again on every call (restarts). */
export function factoryFor(definition: DefinitionClass, args: readonly unknown[]): () => ComponentDefinition {
  const make = definition as unknown as new (...a: unknown[]) => ComponentDefinition;
  return () => new make(...args);
}

/** Options for creating a child. */
export interface CreateOptions {
  /** Name in the component path; defaults to the class name. */
  readonly name?: string;
  /** Changes to the inherited configuration, for this child and its descendants. */
  readonly config?: (inherited: Config) => Config;
  /** Overrides of the inherited context (a simulated node gets its own clock, random source, ids). */
  readonly context?: Partial<ComponentContext>;
  /** This child's fault policy, instead of the parent's {@link ComponentDefinition.onFault}. */
  readonly faultPolicy?: FaultPolicy;
}

/** Options for a channel. */
export interface ConnectOptions {
  readonly selector?: ChannelSelector;
}

/** What a hot replacement builds and how state moves across. */
export interface Replacement<C extends DefinitionClass> {
  readonly definition: C;
  readonly args: ConstructorParameters<C>;
  /** Copies state from the old definition to the new one before the new one starts. */
  readonly handover?: (previous: ComponentDefinition, next: InstanceType<C>) => void;
}

/**
 * Base class of every component. Declare ports as fields, subscribe handlers in the
 * constructor, and create children there or later from handlers. Instances are made by
 * the kernel (`parent.create(...)`, `runtime.bootstrap(...)`), never with `new` directly.
 *
 * @example
 * class Ponger extends ComponentDefinition {
 *   readonly pings = this.provides(PingPort);
 *   constructor() {
 *     super();
 *     this.subscribe(this.pings, Ping, (ping) => this.trigger(new Pong(ping.seq), this.pings));
 *   }
 * }
 */
export abstract class ComponentDefinition {
  readonly #core: ComponentCore;
  /** The core's context, kept here too: handlers read it often, and the core is another cache line. */
  readonly #context: ComponentContext;

  constructor() {
    const core = coreUnderConstruction();
    if (core === undefined) {
      throw new KernelError(
        `${new.target.name} must be created by the kernel: use this.create(${new.target.name}, ...) in a parent or runtime.bootstrap(...)`,
      );
    }
    this.#core = core;
    this.#context = core.context;
  }

  /** Where this component sits in the tree, e.g. `/main/node1/ring`. */
  get path(): string {
    return this.#core.path;
  }

  /** Configuration, inherited from the parent with this component's overrides. */
  protected get config(): Config {
    return this.#core.config;
  }

  /** Clock, random source and ids: the only sources of time, chance and identity a protocol may use. */
  protected get context(): ComponentContext {
    return this.#context;
  }

  /** This component's lifecycle port: subscribe to Start, Stop and Kill here. */
  protected get control(): ProvidedPort<ControlPort> {
    return new ProvidedPort<ControlPort>(this.#core.control);
  }

  /** Declares that this component provides `type`. */
  protected provides<P extends AnyPortType>(type: P): ProvidedPort<P> {
    const core = this.#core.port(type, 'provided');
    const handle = new ProvidedPort<P>(core);
    core.adoptHandle(handle);
    return handle;
  }

  /** Declares that this component requires `type`. */
  protected requires<P extends AnyPortType>(type: P): RequiredPort<P> {
    const core = this.#core.port(type, 'required');
    const handle = new RequiredPort<P>(core);
    core.adoptHandle(handle);
    return handle;
  }

  /** Runs `handler` for every request of class `eventClass` (or a subclass) arriving on a provided port. */
  protected subscribe<P extends AnyPortType, E extends RequestOf<P>>(
    port: ProvidedPort<P>,
    eventClass: abstract new (...args: never[]) => E,
    handler: (event: E) => void,
  ): Subscription;
  /** Runs `handler` for every indication of class `eventClass` (or a subclass) arriving on a required port. */
  protected subscribe<P extends AnyPortType, E extends IndicationOf<P>>(
    port: RequiredPort<P>,
    eventClass: abstract new (...args: never[]) => E,
    handler: (event: E) => void,
  ): Subscription;
  /** Runs `handler` for every indication a child's provided port sends out (a parent using its child's service). */
  protected subscribe<P extends AnyPortType, E extends IndicationOf<P>>(
    port: ChildProvidedPort<P>,
    eventClass: abstract new (...args: never[]) => E,
    handler: (event: E) => void,
  ): Subscription;
  /** Runs `handler` for every request a child's required port sends out (a parent serving its child). */
  protected subscribe<P extends AnyPortType, E extends RequestOf<P>>(
    port: ChildRequiredPort<P>,
    eventClass: abstract new (...args: never[]) => E,
    handler: (event: E) => void,
  ): Subscription;
  protected subscribe(
    port: AnyPortHandle,
    eventClass: EventClass,
    handler: (event: never) => void,
  ): Subscription {
    const core = this.#ownPort(port, 'subscribe');
    return new Subscription(core, core.subscribe(eventClass, handler as (event: object) => void));
  }

  /** Removes a subscription; same as `subscription.unsubscribe()`. */
  protected unsubscribe(subscription: Subscription): void {
    subscription.unsubscribe();
  }

  /** Sends an indication out of a provided port. */
  protected trigger<P extends AnyPortType>(event: NoInfer<IndicationOf<P>>, port: ProvidedPort<P>): void;
  /** Sends a request out of a required port. */
  protected trigger<P extends AnyPortType>(event: NoInfer<RequestOf<P>>, port: RequiredPort<P>): void;
  /** Sends a request into a child's provided port. */
  protected trigger<P extends AnyPortType>(event: NoInfer<RequestOf<P>>, port: ChildProvidedPort<P>): void;
  /** Sends an indication into a child's required port. */
  protected trigger<P extends AnyPortType>(event: NoInfer<IndicationOf<P>>, port: ChildRequiredPort<P>): void;
  protected trigger(event: object, port: AnyPortHandle): void {
    // The common case reads the handle only: an own, non-lifecycle port with one plain channel
    // triggering an event of a class it allowed before.
    if (port?.[FAST_TRIGGER]?.(this.#core, event) === true) return;
    const core = this.#ownPort(port, 'trigger');
    // Only control ports need more checks; testing that first leaves the component's core
    // untouched on the hot path (a cache miss saved, with thousands of components).
    if (core.isControl) {
      if (core === this.#core.control) {
        throw new PortDirectionError(
          `${this.path}: lifecycle indications are sent by the kernel, not triggered`,
        );
      }
      this.#core.noteChildLifecycleRequest(core, event);
    }
    core.trigger(event);
  }

  /** Creates a child component; it starts with this component, or on a Start triggered on its control port. */
  protected create<C extends DefinitionClass>(
    definition: C,
    ...args: ConstructorParameters<C>
  ): Child<InstanceType<C>> {
    return this.createWith({}, definition, ...args);
  }

  /** Creates a child with a name, configuration or context overrides, or its own fault policy. */
  protected createWith<C extends DefinitionClass>(
    options: CreateOptions,
    definition: C,
    ...args: ConstructorParameters<C>
  ): Child<InstanceType<C>> {
    const core = this.#core;
    const config = options.config ? options.config(core.config) : core.config;
    const context: ComponentContext = { ...core.context, ...options.context };
    const factory = factoryFor(definition, args);
    const childCore = core.createChild(factory, options.name ?? definition.name, config, context);
    childCore.faultPolicy = options.faultPolicy;
    return new Child<InstanceType<C>>(childCore);
  }

  /** Destroys a child at once: no handler of it runs again, its channels are gone (as in a crash). */
  protected destroy(child: Child): void {
    this.#ownChild(child).destroy();
  }

  /**
   * Replaces a child's definition while keeping its ports, channels and queued events: events
   * that arrive during the swap are held and handled by the replacement, none lost or duplicated.
   */
  protected replace<C extends DefinitionClass>(
    child: Child,
    replacement: Replacement<C>,
  ): Child<InstanceType<C>> {
    const core = this.#ownChild(child);
    const { definition, args, handover } = replacement;
    const factory = factoryFor(definition, args);
    core.replaceDefinition(
      factory,
      handover as ((previous: ComponentDefinition, next: ComponentDefinition) => void) | undefined,
    );
    return child as Child<InstanceType<C>>;
  }

  /** Connects a provider end to a requirer end of the same port type. */
  protected connect<P extends AnyPortType>(
    provider: ProviderEnd<P>,
    requirer: RequirerEnd<P>,
    options: ConnectOptions = {},
  ): Channel {
    const providerCore = provider[PORT_CORE];
    const requirerCore = requirer[PORT_CORE];
    if (providerCore.type !== requirerCore.type) {
      throw new KernelError(
        `cannot connect ${providerCore.type.name} to ${requirerCore.type.name}: a channel joins ports of one type`,
      );
    }
    const providerFace = provider instanceof ChildProvidedPort ? 'outside' : 'inside';
    const requirerFace = requirer instanceof ChildRequiredPort ? 'outside' : 'inside';
    if (providerFace === 'inside' && !(provider instanceof RequiredPort)) {
      throw new KernelError(
        'the provider end must be a child’s provided port or this component’s required port',
      );
    }
    if (requirerFace === 'inside' && !(requirer instanceof ProvidedPort)) {
      throw new KernelError(
        'the requirer end must be a child’s required port or this component’s provided port',
      );
    }
    return connectEnds(
      { port: providerCore, face: providerFace },
      { port: requirerCore, face: requirerFace },
      options.selector,
    );
  }

  /** Removes a channel; events already queued at a component are still handled. */
  protected disconnect(channel: Channel): void {
    disconnectChannel(channel);
  }

  /**
   * Decides what happens when a child's handler throws. The default passes the fault up.
   * Override it, or give a child its own policy with `createWith({ faultPolicy })`.
   */
  onFault(_fault: Fault): FaultAction {
    return 'escalate';
  }

  /** The port this component triggers on and subscribes to for `port`: its own, or its tap on a child's. */
  #ownPort(port: AnyPortHandle, what: string): PortCore {
    const core = port?.[PORT_CORE];
    if (core === undefined) throw new KernelError(`${what} needs a port`);
    // Fast path: handles to a component's own port cores are only ever ProvidedPort and RequiredPort.
    if (core.owner === this.#core) return core;
    if (port instanceof ChildProvidedPort || port instanceof ChildRequiredPort) {
      if (core.owner.parent !== this.#core) {
        throw new KernelError(
          `${this.path} cannot ${what} on a port of ${core.owner.path}, which is not its child`,
        );
      }
      return this.#core.tap(core);
    }
    throw new KernelError(`${this.path} cannot ${what} on a port of ${core.owner.path}`);
  }

  #ownChild(child: Child): ComponentCore {
    const core = child[CHILD_CORE];
    if (core.parent !== this.#core) throw new KernelError(`${child.path} is not a child of ${this.path}`);
    return core;
  }
}
