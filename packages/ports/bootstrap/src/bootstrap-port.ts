import { definePort } from '@kompics/kernel';
import type { Address } from '@kompics/network';

/** Asks the bootstrap service for up to `count` live nodes to join through. */
export class BootstrapRequest {
  declare private readonly kind: 'bootstrap-request';
  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`count must be a positive integer, got ${count}`);
  }
}

/** Says this node has joined: from now on the service reports it live (by keep-alives). */
export class BootstrapCompleted {
  declare private readonly kind: 'bootstrap-completed';
}

/** Live nodes to join through; empty for the first node of a system. */
export class BootstrapResponse {
  declare private readonly kind: 'bootstrap-response';
  constructor(readonly peers: readonly Address[]) {}
}

/**
 * Bootstrap: how a new node finds its first peers, and how it makes itself findable.
 * Retries until the service answers; a node that stops reporting is forgotten.
 */
export const Bootstrap = definePort('Bootstrap', {
  requests: [BootstrapRequest, BootstrapCompleted],
  indications: [BootstrapResponse],
});
export type Bootstrap = typeof Bootstrap;
