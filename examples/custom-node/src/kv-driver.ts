import {
  LeaveNode,
  MembersAnswer,
  MembersQuery,
  NODE_STATUS_SOURCE,
  NodeControl,
  NodeLeft,
  type NodeStatus,
} from '@cats/node';
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

/** A failed operation: the DHT's reason (`timeout`, `unavailable`, `rejected`) and its detail. */
export class KvError extends Error {
  override readonly name = 'KvError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * This example's own bridge from promises to the node's ports: it requires `Dht`, `Status` and
 * `NodeControl`, and each call triggers a request with a fresh id whose answer settles the
 * promise. (The reference launcher has its own; a composition brings whatever driver it needs.)
 */
export class KvDriver extends ComponentDefinition {
  readonly dht = this.requires(Dht);
  readonly status = this.requires(Status);
  readonly nodeControl = this.requires(NodeControl);
  readonly #waiting = new Map<string, { resolve(v: unknown): void; reject(e: Error): void }>();
  #next = 0;

  constructor() {
    super();
    this.subscribe(this.dht, PutResponse, (r) => this.#settle(r.requestId, undefined));
    this.subscribe(this.dht, DeleteResponse, (r) => this.#settle(r.requestId, undefined));
    this.subscribe(this.dht, GetResponse, (r) => this.#settle(r.requestId, r.value ?? undefined));
    this.subscribe(this.dht, DhtFailure, (r) => {
      const waiter = this.#waiting.get(r.requestId);
      this.#waiting.delete(r.requestId);
      waiter?.reject(new KvError(r.reason, r.detail));
    });
    this.subscribe(this.status, StatusResponse, (r) => {
      if (r.source === NODE_STATUS_SOURCE) this.#settle(r.requestId, r.report);
    });
    this.subscribe(this.nodeControl, MembersAnswer, (r) => this.#settle(r.requestId, [...r.members]));
    this.subscribe(this.nodeControl, NodeLeft, (r) => this.#settle(r.requestId, undefined));
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
    return this.#ask((id) => this.trigger(new MembersQuery(id), this.nodeControl));
  }

  leave(): Promise<void> {
    return this.#ask((id) => this.trigger(new LeaveNode(id), this.nodeControl));
  }

  /** Rejects every call still waiting. */
  abandon(reason: string): void {
    for (const waiter of this.#waiting.values()) waiter.reject(new KvError('unavailable', reason));
    this.#waiting.clear();
  }

  #ask<T>(send: (requestId: string) => void): Promise<T> {
    const id = `kv-${++this.#next}`;
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
    this.#waiting.delete(requestId);
    waiter?.resolve(value);
  }
}
