import { ChannelSet, disconnectChannel } from './channel.js';
import type { ComponentCore } from './component-core.js';
import { PortDirectionError } from './errors.js';
import { type EventClass, eventName } from './event.js';
import { isPrototypeOfValue, MIRROR, type MirroredHandle, NO_PROTOTYPE } from './port-mirror.js';
import { type AnyPortType, isAllowed, isAllowedClass } from './port-type.js';

/** A port is entered from its owner's side (inside) or from its parent's and siblings' (outside). */
export type PortFace = 'inside' | 'outside';
export type PortKind = 'provided' | 'required';

/** One handler subscribed to one event class on one port. */
export interface HandlerRecord {
  readonly eventClass: EventClass;
  readonly handler: (event: object) => void;
  active: boolean;
}

const NO_HANDLERS: readonly HandlerRecord[] = Object.freeze([]);
/** A value no constructor can be: the one-entry caches below start empty. */
const NO_CLASS: unique symbol = Symbol('kompics.noClass');

/**
 * The runtime half of a port: its channels on both faces and its owner's subscriptions.
 * Triggered events leave through the outside; events arriving from outside are handled by the
 * owner and forwarded inside (to children the owner delegates to); events arriving from
 * inside are forwarded outside.
 */
export class PortCore {
  // Hot fields first, in the order the hot paths read them (V8 lays fields out in declaration
  // order; parameter properties would come first). Receiving an event from a peer and
  // delivering it read the first seven: with thousands of components, every cache line of a
  // port a delivery reads is a miss. A trigger by the owner reads its handle's copy instead
  // (see MirroredHandle); the trigger's own fields come next, for the other paths.
  readonly owner: ComponentCore;
  /** Lifecycle ports go to the owner's control queue, handled in any state. */
  readonly isControl: boolean;
  // Hot-path caches: a port mostly carries one event class at a time, so one entry each saves
  // the map lookup of handlersFor and the instanceof walk of the direction check.
  /** Key of the last handlersFor lookup; reset whenever #byClass is. */
  #lastClass: unknown = NO_CLASS;
  /** `#lastHandlers.length`: a delivery then reads no array. */
  #lastCount = 0;
  /** `#lastSole.handler`: a delivery reads it here, where the record is one more cache line. */
  #lastSoleHandler: ((event: object) => void) | undefined;
  /** Changes with every change of subscriptions, so that a handler found earlier can be trusted. */
  #generation = 0;
  /** Made on first use: most ports never delegate inside, and receive skips the set then. */
  #inside: ChannelSet | undefined;
  /**
   * The outside set's lone port and face when it has exactly one plain channel (the common
   * case), so that a trigger reaches the peer without reading the set.
   */
  #lonePort: PortCore | undefined;
  #loneFace: PortFace = 'outside';
  /**
   * Prototype of the last object event found allowed by trigger. `instanceof` only walks the
   * prototype chain, so an event with this prototype in its chain is an instance of every class
   * the allowed one was, and gets the same verdict.
   */
  #allowedProto: object = NO_PROTOTYPE;
  readonly outside = new ChannelSet();
  /** The owner's latest handle to this port, which keeps a copy of the trigger's fast path. */
  #ownHandle: MirroredHandle | undefined;
  /** Value of the last handlersFor lookup, and its only record when it has one. */
  #lastHandlers: readonly HandlerRecord[] = NO_HANDLERS;
  #lastSole: HandlerRecord | undefined;
  readonly type: AnyPortType;
  readonly kind: PortKind;
  #handlers: readonly HandlerRecord[] = NO_HANDLERS;
  /** Made on the first lookup after a change of subscriptions. */
  #byClass: Map<unknown, readonly HandlerRecord[]> | undefined;
  /** Events the owner may subscribe to (they arrive from outside). */
  readonly incoming: readonly EventClass[];
  /** Events the owner may trigger. */
  readonly outgoing: readonly EventClass[];

  constructor(type: AnyPortType, kind: PortKind, owner: ComponentCore, isControl: boolean) {
    this.owner = owner;
    this.isControl = isControl;
    this.type = type;
    this.kind = kind;
    this.incoming = kind === 'provided' ? type.requests : type.indications;
    this.outgoing = kind === 'provided' ? type.indications : type.requests;
  }

  /** Channels on the inside face: to the owner's children it delegates to. */
  get inside(): ChannelSet {
    this.#inside ??= new ChannelSet();
    return this.#inside;
  }

  /** The owner triggers `event` on this port. */
  trigger(event: object): void {
    if (!isPrototypeOfValue.call(this.#allowedProto, event)) this.#checkDirection(event);
    this.#sendOut(event);
  }

  #sendOut(event: object): void {
    const lone = this.#lonePort;
    if (lone !== undefined) lone.receive(event, this.#loneFace);
    else this.outside.send(event);
  }

  /** @internal A channel was connected to or disconnected from the outside face. */
  outsideChanged(): void {
    this.#lonePort = this.outside.lonePort;
    this.#loneFace = this.outside.loneFace;
    this.#mirror();
  }

  /**
   * @internal `handle` is the owner's new handle to this port: it gets the copy of the trigger's
   * fast path, and an earlier one loses it (lifecycle ports never have one: they need checks).
   */
  adoptHandle(handle: MirroredHandle): void {
    this.#ownHandle?.[MIRROR](undefined, undefined, 'outside', NO_PROTOTYPE);
    this.#ownHandle = handle;
    this.#mirror();
  }

  #mirror(): void {
    if (this.isControl) return;
    this.#ownHandle?.[MIRROR](this.owner, this.#lonePort, this.#loneFace, this.#allowedProto);
  }

  #checkDirection(event: object): void {
    if (!isAllowed(event, this.outgoing)) {
      throw new PortDirectionError(
        `${eventName(event)} cannot be triggered on ${this.kind} port ${this.type.name} of ${this.owner.path}: ` +
          `it allows ${describe(this.outgoing)}`,
      );
    }
    // Allowed, so an object with a class in its prototype chain.
    this.#allowedProto = Object.getPrototypeOf(event) as object;
    this.#mirror();
  }

  receive(event: object, face: PortFace): void {
    if (face === 'outside') {
      this.owner.deliver(this, event);
      this.#inside?.send(event);
    } else {
      this.#sendOut(event);
    }
  }

  subscribe(eventClass: EventClass, handler: (event: object) => void): HandlerRecord {
    if (typeof eventClass !== 'function') throw new TypeError('subscribe expects an event class');
    if (!isAllowedClass(eventClass, this.incoming)) {
      throw new PortDirectionError(
        `cannot subscribe to ${eventClass.name} on ${this.kind} port ${this.type.name} of ${this.owner.path}: ` +
          `it delivers ${describe(this.incoming)}`,
      );
    }
    const record: HandlerRecord = { eventClass, handler, active: true };
    this.#handlers = [...this.#handlers, record];
    this.#forgetMatches();
    return record;
  }

  unsubscribe(record: HandlerRecord): boolean {
    const before = this.#handlers.length;
    this.#handlers = this.#handlers.filter((r) => r !== record);
    record.active = false;
    this.#forgetMatches();
    return this.#handlers.length < before;
  }

  clearSubscriptions(): void {
    for (const record of this.#handlers) record.active = false;
    this.#handlers = NO_HANDLERS;
    this.#forgetMatches();
  }

  #forgetMatches(): void {
    this.#byClass = undefined;
    this.#lastClass = NO_CLASS;
    this.#lastHandlers = NO_HANDLERS;
    this.#lastCount = 0;
    this.#lastSole = undefined;
    this.#lastSoleHandler = undefined;
    this.#generation++;
  }

  /** Handlers matching `event`, in subscription order. */
  handlersFor(event: object): readonly HandlerRecord[] {
    const ctor = event.constructor;
    if (ctor === this.#lastClass) return this.#lastHandlers;
    let found = this.#byClass?.get(ctor);
    if (found === undefined) {
      found = this.#match(event);
      this.#byClass ??= new Map();
      this.#byClass.set(ctor, found);
    }
    this.#lastClass = ctor;
    this.#lastHandlers = found;
    this.#lastCount = found.length;
    this.#lastSole = found.length === 1 ? found[0] : undefined;
    this.#lastSoleHandler = this.#lastSole?.handler;
    return found;
  }

  /** How many handlers match `event`. */
  matchCount(event: object): number {
    return event.constructor === this.#lastClass ? this.#lastCount : this.handlersFor(event).length;
  }

  /**
   * The handler function of the sole subscription matching the event last passed to
   * matchCount, handlersFor or soleHandlerFor, if exactly one matched it. Valid (and that
   * subscription still active) while {@link generation} stays the same.
   */
  get lastSoleHandler(): ((event: object) => void) | undefined {
    return this.#lastSoleHandler;
  }

  /** Changes whenever the subscriptions change. */
  get generation(): number {
    return this.#generation;
  }

  /** The handler matching `event` if exactly one does, else undefined (then see handlersFor). */
  soleHandlerFor(event: object): HandlerRecord | undefined {
    if (event.constructor === this.#lastClass) return this.#lastSole;
    this.handlersFor(event);
    return this.#lastSole;
  }

  // Kept out of handlersFor: a closure over `event` there would make V8 allocate a context on
  // every call, hit or miss (about 40 bytes per lookup, two lookups per delivered event).
  #match(event: object): readonly HandlerRecord[] {
    const matching = this.#handlers.filter((r) => event instanceof r.eventClass);
    return matching.length === 0 ? NO_HANDLERS : matching;
  }

  /** Disconnects every channel on both faces. */
  disconnectAll(): void {
    for (const channel of [...this.outside.channels, ...(this.#inside?.channels ?? [])]) {
      disconnectChannel(channel);
    }
  }
}

function describe(classes: readonly EventClass[]): string {
  return classes.length === 0 ? 'nothing in this direction' : classes.map((c) => c.name).join(', ');
}
