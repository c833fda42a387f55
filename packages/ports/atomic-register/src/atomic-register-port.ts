import { definePort } from '@kompics/kernel';
import { checkKey, checkRequestId, checkValue, type RegisterValue } from './limits.js';

/** A request to the register; its answer carries the same `requestId` and key. */
export abstract class RegisterRequest {
  readonly requestId: string;
  readonly key: string;
  constructor(requestId: string, key: string) {
    this.requestId = checkRequestId(requestId);
    this.key = checkKey(key);
  }
}

/** Reads the register named `key`. Answered by a {@link ReadResponse} (or {@link OperationFailed}). */
export class ReadRequest extends RegisterRequest {
  declare private readonly kind: 'read-request';
}

/**
 * Writes `value` to the register named `key` (null clears it: later reads return null).
 * Answered by a {@link WriteResponse} (or {@link OperationFailed}).
 */
export class WriteRequest extends RegisterRequest {
  declare private readonly kind: 'write-request';
  readonly value: RegisterValue | null;
  constructor(requestId: string, key: string, value: RegisterValue | null) {
    super(requestId, key);
    this.value = checkValue(value);
  }
}

/** An answer from the register. */
export abstract class RegisterResponse {
  constructor(
    readonly requestId: string,
    readonly key: string,
  ) {}
}

/** The value read: the last written before the read, or one written concurrently with it. */
export class ReadResponse extends RegisterResponse {
  declare private readonly kind: 'read-response';
  constructor(
    requestId: string,
    key: string,
    readonly value: RegisterValue | null,
  ) {
    super(requestId, key);
  }
}

/** The write took effect: every read that starts after this answer sees it or a later write. */
export class WriteResponse extends RegisterResponse {
  declare private readonly kind: 'write-response';
}

/**
 * Why an operation failed: `timeout` (no quorum answered in time: a write may or may not have
 * taken effect), `unavailable` (the replication group has lost its majority, or is being
 * reconfigured), `rejected` (a replica refused it, e.g. it is not in the key's group).
 */
export type OperationFailureReason = 'timeout' | 'unavailable' | 'rejected';

const REASONS: readonly OperationFailureReason[] = ['timeout', 'unavailable', 'rejected'];

/** An operation that failed; a requester may retry it. */
export class OperationFailed extends RegisterResponse {
  declare private readonly kind: 'operation-failed';
  constructor(
    requestId: string,
    key: string,
    readonly reason: OperationFailureReason,
    readonly detail: string,
  ) {
    super(requestId, key);
    if (!REASONS.includes(reason)) {
      throw new RangeError(`a failure reason is one of ${REASONS.join(', ')}; got ${String(reason)}`);
    }
  }
}

/**
 * A linearizable (atomic) register per key: every read returns the value of the last write that
 * completed before it began, or of a write concurrent with it, and once a read has returned a
 * value no later read returns an older one. In CATS it is ABD over consistent quorums. Each
 * request gets exactly one answer with its `requestId`.
 */
export const AtomicRegister = definePort('AtomicRegister', {
  requests: [ReadRequest, WriteRequest],
  indications: [ReadResponse, WriteResponse, OperationFailed, RegisterResponse],
});
export type AtomicRegister = typeof AtomicRegister;
