/** Why an operation of a {@link RunningCatsNode} failed (the `Dht` port's failure reasons). */
export type DhtErrorReason = 'timeout' | 'unavailable' | 'rejected';

/**
 * An operation that failed: `timeout` (no answer in time: it may or may not have taken
 * effect), `unavailable` (too few replicas reachable, or the node stopped), `rejected` (refused,
 * e.g. not joined yet or left).
 */
export class DhtError extends Error {
  override readonly name = 'DhtError';
  constructor(
    readonly reason: DhtErrorReason,
    message: string,
  ) {
    super(message);
  }
}
