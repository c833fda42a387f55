import {
  Delete,
  DeleteResponse,
  Dht,
  DhtFailure,
  type DhtValue,
  Get,
  GetResponse,
  Put,
  PutResponse,
} from '@kompics/dht';
import { ComponentDefinition } from '@kompics/kernel';
import type { RingNode } from '@kompics/ring';
import { Status, StatusRequest, StatusResponse } from '@kompics/status';
import { LeaveNode, MembersAnswer, MembersQuery, NodeControl, NodeLeft } from '../node-control-port.js';
import { NODE_STATUS_SOURCE, type NodeStatus } from '../node-status.js';
import { DhtError } from './dht-error.js';

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Bridges promises into the component tree: each call triggers a request with a fresh id on
 * the node's ports, and the answer with that id settles the promise; a failure rejects with a
 * {@link DhtError}. Create it beside a `CatsNode` and connect its three required ports to
 * the node's `Dht`, `Status` and `NodeControl`; call its methods from outside the kernel (e.g.
 * an HTTP handler) through `child.definition`.
 *
 * @example
 * this.node = this.create(CatsNode, options);
 * this.driver = this.create(NodeDriver);
 * this.connect(this.node.provided(Dht), this.driver.required(Dht));
 * this.connect(this.node.provided(Status), this.driver.required(Status));
 * this.connect(this.node.provided(NodeControl), this.driver.required(NodeControl));
 * // later, outside: await main.driver.definition.put('k', 'v');
 */
export class NodeDriver extends ComponentDefinition {
  readonly dht = this.requires(Dht);
  readonly status = this.requires(Status);
  readonly nodeControl = this.requires(NodeControl);
  readonly #waiting = new Map<string, Waiter>();

  constructor() {
    super();
    this.subscribe(this.dht, PutResponse, (r) => this.#settle(r.requestId, undefined));
    this.subscribe(this.dht, DeleteResponse, (r) => this.#settle(r.requestId, undefined));
    this.subscribe(this.dht, GetResponse, (r) => this.#settle(r.requestId, plainValue(r.value)));
    this.subscribe(this.dht, DhtFailure, (r) => this.#fail(r));
    this.subscribe(this.status, StatusResponse, (r) => {
      if (r.source === NODE_STATUS_SOURCE) this.#settle(r.requestId, r.report);
    });
    this.subscribe(this.nodeControl, MembersAnswer, (r) => this.#settle(r.requestId, r.members));
    this.subscribe(this.nodeControl, NodeLeft, (r) => this.#settle(r.requestId, r.handedOver));
  }

  put(key: string, value: DhtValue): Promise<void> {
    return this.#ask((id) => this.trigger(new Put(id, key, value), this.dht));
  }

  get(key: string): Promise<DhtValue | undefined> {
    return this.#ask((id) => this.trigger(new Get(id, key), this.dht));
  }

  delete(key: string): Promise<void> {
    return this.#ask((id) => this.trigger(new Delete(id, key), this.dht));
  }

  nodeStatus(): Promise<NodeStatus> {
    return this.#ask((id) => this.trigger(new StatusRequest(id), this.status));
  }

  members(): Promise<RingNode[]> {
    return this.#ask<readonly RingNode[]>((id) => this.trigger(new MembersQuery(id), this.nodeControl)).then(
      (m) => [...m],
    );
  }

  /**
   * Leaves the cluster gracefully (`LeaveNode`); resolves `true` when the node's data was handed
   * over to the remaining members, `false` when it left after its leave timeout without that.
   */
  leave(): Promise<boolean> {
    return this.#ask((id) => this.trigger(new LeaveNode(id), this.nodeControl));
  }

  /** Rejects every promise still waiting with `DhtError('unavailable')` (call it when the node is stopping). */
  abandon(reason: string): void {
    for (const waiter of this.#waiting.values()) waiter.reject(new DhtError('unavailable', reason));
    this.#waiting.clear();
  }

  #ask<T>(send: (requestId: string) => void): Promise<T> {
    // Answers go to every requirer connected to the node's port: ids from the runtime's id source
    // are unique among all of them, so two drivers (or a driver and another client component)
    // never settle each other's calls.
    const id = `driver-${this.context.ids.next()}`;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        send(id);
      } catch (error) {
        this.#waiting.delete(id);
        reject(error);
      }
    });
  }

  #settle(requestId: string, value: unknown): void {
    const waiter = this.#waiting.get(requestId);
    if (waiter === undefined) return;
    this.#waiting.delete(requestId);
    waiter.resolve(value);
  }

  #fail(failure: DhtFailure): void {
    const waiter = this.#waiting.get(failure.requestId);
    if (waiter === undefined) return;
    this.#waiting.delete(failure.requestId);
    waiter.reject(new DhtError(failure.reason, failure.detail));
  }
}

/** A value as the API promises it: a string, a plain Uint8Array (not a Buffer view), or undefined. */
function plainValue(value: DhtValue | null): DhtValue | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string' || value.constructor === Uint8Array) return value;
  return new Uint8Array(value);
}
