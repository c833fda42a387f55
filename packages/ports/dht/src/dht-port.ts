import { definePort } from '@kompics/kernel';
import { checkKey, checkRequestId, checkValue, type DhtValue } from './limits.js';

/** A request to the DHT; its answer carries the same `requestId`. */
export abstract class DhtRequest {
  readonly requestId: string;
  readonly key: string;
  constructor(requestId: string, key: string) {
    this.requestId = checkRequestId(requestId);
    this.key = checkKey(key);
  }
}

/** Stores `value` under `key`, replacing what was there. Answered by a {@link PutResponse}. */
export class Put extends DhtRequest {
  declare private readonly kind: 'put';
  readonly value: DhtValue;
  constructor(requestId: string, key: string, value: DhtValue) {
    super(requestId, key);
    this.value = checkValue(value);
  }
}

/** Reads `key`. Answered by a {@link GetResponse}. */
export class Get extends DhtRequest {
  declare private readonly kind: 'get';
}

/** Deletes `key`. Answered by a {@link DeleteResponse}. */
export class Delete extends DhtRequest {
  declare private readonly kind: 'delete';
}

/** An answer from the DHT, carrying the `requestId` of the request it answers. */
export abstract class DhtResponse {
  constructor(readonly requestId: string) {}
}

/** The put is done: every later get sees it or a later write. */
export class PutResponse extends DhtResponse {
  declare private readonly kind: 'put-response';
  constructor(
    requestId: string,
    readonly key: string,
  ) {
    super(requestId);
  }
}

/** The value of a key, or null if it has none (never written, or deleted). */
export class GetResponse extends DhtResponse {
  declare private readonly kind: 'get-response';
  constructor(
    requestId: string,
    readonly key: string,
    readonly value: DhtValue | null,
  ) {
    super(requestId);
  }
}

/** The delete is done: every later get returns null until the key is written again. */
export class DeleteResponse extends DhtResponse {
  declare private readonly kind: 'delete-response';
  constructor(
    requestId: string,
    readonly key: string,
  ) {
    super(requestId);
  }
}

/**
 * Why a request failed: `timeout` (no answer in time: the operation may or may not have taken
 * effect), `unavailable` (too few replicas reachable: it did not take effect), `rejected` (the
 * DHT refused it, e.g. overloaded or not yet joined).
 */
export type DhtFailureReason = 'timeout' | 'unavailable' | 'rejected';

const REASONS: readonly DhtFailureReason[] = ['timeout', 'unavailable', 'rejected'];

/** A request that failed. */
export class DhtFailure extends DhtResponse {
  declare private readonly kind: 'dht-failure';
  constructor(
    requestId: string,
    readonly reason: DhtFailureReason,
    readonly detail: string,
  ) {
    super(requestId);
    if (!REASONS.includes(reason)) {
      throw new RangeError(`a DHT failure reason is one of ${REASONS.join(', ')}; got ${String(reason)}`);
    }
  }
}

/**
 * A distributed hash table: put, get and delete of keyed values. Keys are non-empty strings of at
 * most 1 KiB in UTF-8, values strings or bytes of at most 1 MiB, checked when a request is built.
 * Each request gets exactly one answer with its `requestId`: the response, or a
 * {@link DhtFailure}. CATS provides it linearizably.
 */
export const Dht = definePort('Dht', {
  requests: [Put, Get, Delete],
  indications: [PutResponse, GetResponse, DeleteResponse, DhtFailure, DhtResponse],
});
export type Dht = typeof Dht;
