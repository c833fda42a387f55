import { definePort } from '@kompics/kernel';
import type { Address } from '@kompics/network';

/** Asks for up to `count` peers chosen at random from the live ones the service knows. */
export class SampleRequest {
  declare private readonly kind: 'sample-request';
  constructor(readonly count: number) {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`count must be a positive integer, got ${count}`);
  }
}

/** A random sample of peers: the answer to a {@link SampleRequest}, and sent periodically unasked. */
export class Sample {
  declare private readonly kind: 'sample';
  constructor(
    readonly peers: readonly Address[],
    /** True when answering a request, false for a periodic sample. */
    readonly requested: boolean,
  ) {}
}

/**
 * Peer sampling: a continuous supply of random live peers, for building overlays and gossip.
 * Samples go to every requester connected to the service.
 */
export const PeerSampling = definePort('PeerSampling', { requests: [SampleRequest], indications: [Sample] });
export type PeerSampling = typeof PeerSampling;
