/**
 * Why an operation failed:
 * - `timeout`: no answer within the operation's time budget (the node answered 504, or the
 *   client gave up waiting). A write that timed out may still take effect.
 * - `unavailable`: every member tried was down, answered 503 (its replica group has no
 *   majority) or failed the TLS handshake, within the retries allowed.
 * - `rejected`: a node refused the request (400, 401, 405, 413, or an unexpected answer); retrying
 *   will not help.
 * - `no-nodes`: no node could be reached to learn the member table (also when none presented a
 *   TLS certificate the client trusts; the message then names the certificate problem).
 */
export type CatsClientErrorCode = 'timeout' | 'unavailable' | 'rejected' | 'no-nodes';

/** The error every failed {@link CatsClient} operation rejects with (bad arguments reject with TypeError/RangeError). */
export class CatsClientError extends Error {
  override readonly name = 'CatsClientError';
  constructor(
    /** What kind of failure, see {@link CatsClientErrorCode}. */
    readonly code: CatsClientErrorCode,
    message: string,
    /** Extra facts: the HTTP status of the last answer and the node that gave it, when there was one. */
    readonly details: { readonly status?: number; readonly node?: string; readonly attempts?: number } = {},
  ) {
    super(message);
  }
}

/** Whether `error` is a {@link CatsClientError} (optionally of the given code). */
export function isCatsClientError(error: unknown, code?: CatsClientErrorCode): error is CatsClientError {
  return error instanceof CatsClientError && (code === undefined || error.code === code);
}
