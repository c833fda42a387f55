import { connectEnds } from './channel.js';
import type { ComponentDefinition } from './component-definition.js';
import type { Config } from './config.js';
import type { ComponentContext } from './context.js';
import { KernelError } from './errors.js';
import { EventQueue } from './event-queue.js';
import {
  ControlPort,
  Fault,
  type FaultAction,
  Kill,
  Killed,
  Start,
  Started,
  Stop,
  Stopped,
} from './lifecycle.js';
import type { DeliveryObserver } from './observer.js';
import { type HandlerRecord, PortCore, type PortKind } from './port-core.js';
import type { AnyPortType } from './port-type.js';
import type { Schedulable, Scheduler } from './sched/scheduler.js';

/** Where a component is in its life. Only an `active` component handles ordinary events. */
export type LifecycleState = 'passive' | 'starting' | 'active' | 'stopping' | 'faulty' | 'destroyed';

/** What every component of one runtime shares. */
export interface RuntimeServices {
  readonly scheduler: Scheduler;
  readonly observer: DeliveryObserver | undefined;
  /** A fault escalated past the root. */
  rootFault(fault: Fault): void;
  /** Started, Stopped or Killed of the root. */
  rootLifecycle(event: Started | Stopped | Killed): void;
}

/** Makes a fresh definition; kept so a child can be restarted. */
export type DefinitionFactory = () => ComponentDefinition;

/** How a parent deals with one child's faults; overrides the parent's `onFault`. */
export type FaultPolicy = (fault: Fault) => FaultAction;

let constructing: ComponentCore | undefined;

const NO_CHILDREN: ReadonlySet<ComponentCore> = new Set();

/** What a component keeps about its children. */
class Kin {
  readonly children = new Set<ComponentCore>();
  /** Each child by this component's end of the child's lifecycle port. */
  readonly byControl = new Map<PortCore, ComponentCore>();
  /** Children sent Start and not yet Stopped or Killed. */
  readonly running = new Set<ComponentCore>();
  /** Children whose Started (while starting) or Stopped (while stopping) is awaited. */
  readonly awaiting = new Set<ComponentCore>();
  readonly names = new Set<string>();
  /** This component's own ends on its children's ports, for subscribing and triggering on them. */
  readonly taps = new Map<PortCore, PortCore>();
}

/** @internal The core whose definition is being constructed right now. */
export function coreUnderConstruction(): ComponentCore | undefined {
  return constructing;
}

/**
 * The runtime side of a component: its ports, queues, lifecycle and children. The user's
 * {@link ComponentDefinition} holds handlers and state; the core outlives it across a hot
 * replacement or a restart, and so do the ports, channels and queued events.
 */
export class ComponentCore implements Schedulable {
  // Fields in the order the hot path reads them (delivering and handling an event): V8 lays an
  // object's fields out in declaration order, and with thousands of components in a simulation
  // the hot path is bound by memory, so the fields it reads share one or two cache lines.
  // (TypeScript parameter properties would be laid out first, so there are none here.)
  state: LifecycleState = 'passive';
  // The event queue: its oldest pair in #port0/#event0 when it got there into an empty queue,
  // the rest in a ring of (port, event) pairs, port at an even index and its event next. It
  // lives on the core rather than in an EventQueue of its own, and a lone event (the common
  // case) touches no array, which saves cache misses per delivered and handled event.
  /** Events queued in all. */
  #size = 0;
  #port0: PortCore | undefined;
  #event0: object | undefined;
  /**
   * The sole handler of #event0 when one matched it at delivery, and its port's subscription
   * generation then: while the generation holds, handling it needs no second lookup by
   * `event.constructor` (a megamorphic load, since every event class goes through the same
   * code) and no read of the subscription's record.
   */
  #sole0: ((event: object) => void) | undefined;
  #generation0 = 0;
  #scheduled = false;
  /** The control queue's size, kept here so that runBatch need not touch the queue itself. */
  #controlSize = 0;
  readonly runtime: RuntimeServices;
  readonly context: ComponentContext;
  definition!: ComponentDefinition;
  #items: (PortCore | object | undefined)[] = new Array(16);
  #head = 0;
  #ringSize = 0;
  /** Capacity of the ring in pairs, minus one; the capacity is a power of two. */
  #mask = 7;
  readonly parent: ComponentCore | undefined;
  readonly name: string;
  readonly path: string;
  readonly config: Config;
  factory: DefinitionFactory;
  /** Own lifecycle port, provided to the parent. */
  readonly control: PortCore;
  /** This component's control port in the parent (set for every non-root component). */
  controlInParent: PortCore | undefined;
  faultPolicy: FaultPolicy | undefined;

  readonly #ports = new Map<AnyPortType, { provided?: PortCore; required?: PortCore }>();
  readonly #controlQueue = new EventQueue<PortCore>();
  /** What this component keeps about its children: made with the first (most components have none). */
  #kin: Kin | undefined;
  #killing = false;
  #quietStart = false;
  #stateBeforeFault: LifecycleState = 'passive';

  constructor(
    runtime: RuntimeServices,
    parent: ComponentCore | undefined,
    name: string,
    path: string,
    config: Config,
    context: ComponentContext,
    factory: DefinitionFactory,
  ) {
    this.runtime = runtime;
    this.parent = parent;
    this.name = name;
    this.path = path;
    this.config = config;
    this.context = context;
    this.factory = factory;
    this.control = new PortCore(ControlPort, 'provided', this, true);
  }

  /** The children, in creation order. */
  get children(): ReadonlySet<ComponentCore> {
    return this.#kin?.children ?? NO_CHILDREN;
  }

  #ownKin(): Kin {
    this.#kin ??= new Kin();
    return this.#kin;
  }

  /** Builds the definition with this core as the ambient one. */
  instantiate(factory: DefinitionFactory): ComponentDefinition {
    const previous = constructing;
    constructing = this;
    try {
      this.definition = factory();
    } finally {
      constructing = previous;
    }
    this.factory = factory;
    return this.definition;
  }

  /** The port of `type` on `kind`'s side, created on first request. */
  port(type: AnyPortType, kind: PortKind): PortCore {
    if (type === ControlPort) throw new KernelError('the control port is the kernel’s: use `this.control`');
    let pair = this.#ports.get(type);
    if (pair === undefined) {
      pair = {};
      this.#ports.set(type, pair);
    }
    let port = pair[kind];
    if (port === undefined) {
      port = new PortCore(type, kind, this, false);
      pair[kind] = port;
    }
    return port;
  }

  /** The port of `type` on `kind`'s side if the definition declared it. */
  existingPort(type: AnyPortType, kind: PortKind): PortCore | undefined {
    return this.#ports.get(type)?.[kind];
  }

  // ---- children ------------------------------------------------------------------------------

  createChild(
    factory: DefinitionFactory,
    name: string,
    config: Config,
    context: ComponentContext,
  ): ComponentCore {
    if (this.state === 'destroyed')
      throw new KernelError(`${this.path} is destroyed and cannot create children`);
    let unique = name;
    const kin = this.#ownKin();
    for (let n = 2; kin.names.has(unique); n++) unique = `${name}-${n}`;
    const child = new ComponentCore(
      this.runtime,
      this,
      unique,
      `${this.path}/${unique}`,
      config,
      context,
      factory,
    );
    child.instantiate(factory);
    kin.names.add(unique);
    const controlInParent = new PortCore(ControlPort, 'required', this, true);
    connectEnds(
      { port: child.control, face: 'outside' },
      { port: controlInParent, face: 'outside' },
      undefined,
    );
    child.controlInParent = controlInParent;
    kin.byControl.set(controlInParent, child);
    kin.children.add(child);
    return child;
  }

  /**
   * The port through which this component uses a child's port directly: connected to the
   * child's port from outside, as a sibling would be, and created on first use.
   */
  tap(childPort: PortCore): PortCore {
    const taps = this.#ownKin().taps;
    let tap = taps.get(childPort);
    if (tap === undefined) {
      const kind = childPort.kind === 'provided' ? 'required' : 'provided';
      tap = new PortCore(childPort.type, kind, this, false);
      const childEnd = { port: childPort, face: 'outside' as const };
      const tapEnd = { port: tap, face: 'outside' as const };
      if (kind === 'required') connectEnds(childEnd, tapEnd, undefined);
      else connectEnds(tapEnd, childEnd, undefined);
      taps.set(childPort, tap);
    }
    return tap;
  }

  /** The kernel's own view of a lifecycle request the parent triggers on a child's control port. */
  noteChildLifecycleRequest(controlInParent: PortCore, event: object): void {
    const child = this.#kin?.byControl.get(controlInParent);
    if (child !== undefined && event instanceof Start) this.#kin?.running.add(child);
  }

  /** Removes a child at once, without running any of its handlers (a crash, as seen by others). */
  destroy(): void {
    if (this.state === 'destroyed') return;
    for (const child of [...this.children]) child.destroy();
    this.state = 'destroyed';
    for (const pair of this.#ports.values()) {
      pair.provided?.disconnectAll();
      pair.required?.disconnectAll();
    }
    this.control.disconnectAll();
    this.#size = 0;
    this.#port0 = undefined;
    this.#event0 = undefined;
    this.#sole0 = undefined;
    this.#items = new Array(16);
    this.#head = 0;
    this.#ringSize = 0;
    this.#mask = 7;
    this.#controlQueue.clear();
    this.#controlSize = 0;
    if (this.parent !== undefined) this.parent.#forgetChild(this);
  }

  #forgetChild(child: ComponentCore): void {
    const kin = this.#ownKin();
    kin.children.delete(child);
    kin.names.delete(child.name);
    kin.running.delete(child);
    for (const [childPort, tap] of kin.taps) {
      if (childPort.owner === child) {
        tap.clearSubscriptions();
        kin.taps.delete(childPort);
      }
    }
    if (child.controlInParent !== undefined) kin.byControl.delete(child.controlInParent);
    this.#childDone(child);
  }

  /** A child this component waited for has started, stopped or gone. */
  #childDone(child: ComponentCore): void {
    const awaiting = this.#ownKin().awaiting;
    if (!awaiting.delete(child) || awaiting.size > 0) return;
    if (this.state === 'starting') this.#becomeActive();
    else if (this.state === 'stopping') this.#finishStop();
  }

  /**
   * Replaces the definition, keeping ports, channels and queued events. The previous
   * definition's children are destroyed; `handover` may copy state across. A running
   * component is started again, quietly, before any held event reaches the new definition.
   */
  replaceDefinition(
    factory: DefinitionFactory,
    handover: ((previous: ComponentDefinition, next: ComponentDefinition) => void) | undefined,
  ): ComponentDefinition {
    if (this.state === 'destroyed') throw new KernelError(`${this.path} is destroyed and cannot be replaced`);
    const before = this.state === 'faulty' ? this.#stateBeforeFault : this.state;
    const wasRunning = before === 'active' || before === 'starting' || before === 'stopping';
    for (const child of [...this.children]) child.destroy();
    this.#kin?.running.clear();
    this.#kin?.awaiting.clear();
    for (const pair of this.#ports.values()) {
      pair.provided?.clearSubscriptions();
      pair.required?.clearSubscriptions();
    }
    this.control.clearSubscriptions();
    const previous = this.definition;
    const next = this.instantiate(factory);
    handover?.(previous, next);
    this.state = 'passive';
    this.#killing = false;
    if (wasRunning) {
      this.#quietStart = true;
      this.#controlQueue.push(this.control, new Start());
      this.#controlSize++;
      this.#wake();
    }
    return next;
  }

  // ---- event flow ----------------------------------------------------------------------------

  /** An event arrived on `port` from outside. */
  deliver(port: PortCore, event: object): void {
    if (this.state === 'destroyed') return;
    if (port.isControl) {
      this.#deliverControl(port, event);
      return;
    }
    const count = port.matchCount(event);
    if (count === 0) return;
    if (this.#size === 0) {
      this.#port0 = port;
      this.#event0 = event;
      this.#sole0 = count === 1 ? port.lastSoleHandler : undefined;
      this.#generation0 = port.generation;
    } else {
      this.#enqueue(port, event);
    }
    this.#size++;
    if (this.state === 'active') this.#wake();
  }

  // The less common branches of deliver and runBatch live in methods of their own: the common
  // path is then small enough that V8 inlines it into every handler that triggers, with budget
  // left for the handler's own calls.
  #deliverControl(port: PortCore, event: object): void {
    this.#controlQueue.push(port, event);
    this.#controlSize++;
    this.#wake();
  }

  /** Queues an event behind others (#port0 and #event0 are taken). */
  #enqueue(port: PortCore, event: object): void {
    if (this.#ringSize > this.#mask) this.#grow();
    const at = ((this.#head + this.#ringSize) & this.#mask) << 1;
    const items = this.#items;
    items[at] = port;
    items[at + 1] = event;
    this.#ringSize++;
  }

  #grow(): void {
    const capacity = (this.#mask + 1) * 2;
    const items: (PortCore | object | undefined)[] = new Array(capacity * 2);
    for (let i = 0; i < this.#ringSize; i++) {
      const from = ((this.#head + i) & this.#mask) << 1;
      items[2 * i] = this.#items[from];
      items[2 * i + 1] = this.#items[from + 1];
    }
    this.#items = items;
    this.#head = 0;
    this.#mask = capacity - 1;
  }

  #wake(): void {
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.runtime.scheduler.schedule(this);
    }
  }

  runBatch(maxEvents: number): boolean {
    const observer = this.runtime.observer;
    let handled = 0;
    while (handled < maxEvents) {
      if (this.#controlSize > 0) {
        this.#handleNextControl();
        handled++;
        continue;
      }
      if (this.state !== 'active' || this.#size === 0) break;
      this.#size--;
      const port = this.#port0;
      if (port !== undefined) {
        const event = this.#event0 as object;
        const sole =
          this.#sole0 !== undefined && port.generation === this.#generation0 ? this.#sole0 : undefined;
        this.#port0 = undefined;
        this.#event0 = undefined;
        this.#sole0 = undefined;
        if (observer !== undefined) observer({ component: this.path, port: port.type.name, event });
        if (sole !== undefined) this.#call(sole, event);
        else this.#runHandlers(port, event);
      } else {
        this.#handleFromRing(observer);
      }
      handled++;
    }
    const more = this.#controlSize > 0 || (this.state === 'active' && this.#size > 0);
    if (!more) this.#scheduled = false;
    return more;
  }

  #handleNextControl(): void {
    const port = this.#controlQueue.peekTarget();
    const event = this.#controlQueue.shiftEvent();
    this.#controlSize--;
    this.#handleControl(port, event);
  }

  /** Takes the oldest event of the ring (#port0 is empty) and runs its handlers. */
  #handleFromRing(observer: DeliveryObserver | undefined): void {
    const head = this.#head;
    const at = head << 1;
    const items = this.#items;
    const port = items[at] as PortCore;
    const event = items[at + 1] as object;
    items[at] = undefined;
    items[at + 1] = undefined;
    this.#head = (head + 1) & this.#mask;
    this.#ringSize--;
    if (observer !== undefined) observer({ component: this.path, port: port.type.name, event });
    this.#runHandlers(port, event);
  }

  /** Runs the handlers matching `event` in subscription order; false if one threw. */
  #runHandlers(port: PortCore, event: object): boolean {
    // The common case, one handler, reads neither the handler array nor its elements.
    const sole = port.soleHandlerFor(event);
    if (sole !== undefined) return this.#runHandler(sole, event);
    const handlers = port.handlersFor(event);
    for (let i = 0; i < handlers.length; i++) {
      const record = handlers[i];
      if (record !== undefined && !this.#runHandler(record, event)) return false;
    }
    return true;
  }

  /** Runs one handler unless it was unsubscribed; false if it threw or left the component unable to go on. */
  #runHandler(record: HandlerRecord, event: object): boolean {
    // A handler unsubscribed by an earlier one, for this very event, no longer runs.
    if (!record.active) return true;
    return this.#call(record.handler, event);
  }

  /** Calls `handler`; false if it threw or left the component unable to go on. */
  #call(handler: (event: object) => void, event: object): boolean {
    try {
      handler(event);
    } catch (error) {
      this.#fail(error, event);
      return false;
    }
    return this.state !== 'destroyed' && this.state !== 'faulty';
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  #handleControl(port: PortCore, event: object): void {
    const observer = this.runtime.observer;
    if (observer !== undefined) observer({ component: this.path, port: port.type.name, event });
    if (port === this.control) {
      if (event instanceof Start) this.#onStart();
      else if (event instanceof Stop) this.#onStop();
      else if (event instanceof Kill) this.#onKill();
      return;
    }
    const child = this.#kin?.byControl.get(port);
    if (child === undefined) return;
    // The parent's own handlers hear a child's news before the kernel acts on it, so that a
    // parent's Stop handler runs after it has heard every child's Stopped.
    if (!this.#runHandlers(port, event)) return;
    if (event instanceof Started) this.#childDone(child);
    else if (event instanceof Stopped) {
      this.#kin?.running.delete(child);
      this.#childDone(child);
    } else if (event instanceof Killed) {
      this.#kin?.running.delete(child);
      child.destroy();
    } else if (event instanceof Fault) {
      this.#onChildFault(child, event);
    }
  }

  #onStart(): void {
    if (this.state !== 'passive') return;
    if (!this.#runHandlers(this.control, START)) return;
    this.state = 'starting';
    const kin = this.#kin;
    if (kin !== undefined) {
      for (const child of kin.children) {
        if (child.state === 'passive' && !kin.running.has(child)) this.#startChild(kin, child);
      }
    }
    if (kin === undefined || kin.awaiting.size === 0) this.#becomeActive();
  }

  #startChild(kin: Kin, child: ComponentCore): void {
    kin.running.add(child);
    kin.awaiting.add(child);
    child.controlInParent?.trigger(new Start());
  }

  #becomeActive(): void {
    this.state = 'active';
    if (this.#quietStart) this.#quietStart = false;
    else this.#emit(new Started());
    if (this.#size > 0) this.#wake();
  }

  #onStop(): void {
    if (this.state === 'faulty') this.state = this.#stateBeforeFault;
    if (this.state !== 'active' && this.state !== 'starting') {
      if (this.#killing && this.state === 'passive') this.#finishKill();
      return;
    }
    this.state = 'stopping';
    const kin = this.#kin;
    if (kin !== undefined) {
      kin.awaiting.clear();
      for (const child of kin.running) {
        kin.awaiting.add(child);
        child.controlInParent?.trigger(new Stop());
      }
    }
    if (kin === undefined || kin.awaiting.size === 0) this.#finishStop();
  }

  #finishStop(): void {
    const ok = this.#runHandlers(this.control, STOP);
    this.state = 'passive';
    if (!ok) return;
    if (this.#killing) this.#finishKill();
    else this.#emit(new Stopped());
  }

  #onKill(): void {
    if (this.#killing) return;
    this.#killing = true;
    if (!this.#runHandlers(this.control, KILL)) return;
    if (this.state === 'active' || this.state === 'starting' || this.state === 'passive') this.#onStop();
  }

  #finishKill(): void {
    this.#emit(new Killed());
    if (this.parent === undefined) this.destroy();
  }

  #emit(event: Started | Stopped | Killed | Fault): void {
    if (this.parent === undefined) {
      if (event instanceof Fault) this.runtime.rootFault(event);
      else this.runtime.rootLifecycle(event);
      return;
    }
    this.control.outside.send(event);
  }

  // ---- faults --------------------------------------------------------------------------------

  #fail(error: unknown, event: object | undefined): void {
    if (this.state !== 'faulty') this.#stateBeforeFault = this.state;
    this.state = 'faulty';
    this.#emit(new Fault(this.path, error, event));
  }

  #onChildFault(child: ComponentCore, fault: Fault): void {
    let action: FaultAction;
    try {
      action = child.faultPolicy?.(fault) ?? this.definition.onFault(fault);
    } catch (error) {
      this.#fail(error, fault);
      return;
    }
    switch (action) {
      case 'resolve':
        child.#resume();
        break;
      case 'restart':
        try {
          child.replaceDefinition(child.factory, undefined);
        } catch (error) {
          this.#fail(error, fault);
        }
        break;
      case 'destroy':
        child.destroy();
        break;
      case 'escalate':
        this.#emit(fault);
        break;
      default:
        this.#fail(new KernelError(`onFault returned an unknown action: ${String(action)}`), fault);
    }
  }

  #resume(): void {
    if (this.state !== 'faulty') return;
    this.state = this.#stateBeforeFault;
    if (this.#size > 0 || this.#controlSize > 0) this.#wake();
  }

  /** Enqueues a lifecycle request from outside the tree (the runtime, for the root). */
  requestLifecycle(event: Start | Stop | Kill): void {
    this.deliver(this.control, event);
  }
}

const START = new Start();
const STOP = new Stop();
const KILL = new Kill();
