import type { CatsOptions } from '@cats/core';
import type { EpidemicBroadcastOptions } from '@kompics/broadcast-epidemic';
import type { Address } from '@kompics/network';
import type { CyclonOptions } from '@kompics/peer-sampling-cyclon';
import type { RingNode } from '@kompics/ring';
import type { ChordRingOptions } from '@kompics/ring-chord';
import type { OneHopRouterOptions } from '@kompics/router-onehop';
import type { ComponentSpec } from './component-spec.js';

/** Settings of a {@link CatsNode}. Times in milliseconds. */
export interface CatsNodeOptions {
  /** This node's peer address; its ring id is `ringHash(self.key)`. */
  readonly self: Address;
  /** The bootstrap server's peer address. */
  readonly bootstrapServer: Address;
  /** Builds the store child (it must provide `Store`): an in-memory or an LMDB store. */
  readonly store: (self: RingNode) => ComponentSpec;
  /**
   * Builds another failure detector (it must provide `FailureDetector` and require `Network`
   * and `Timer`). Default: the ping failure detector with {@link pingFailureDetector}'s settings.
   */
  readonly failureDetector?: (self: Address) => ComponentSpec;
  /** Settings of the ping failure detector (when no other is given). Default 1000 / 1000. */
  readonly pingFailureDetector?: {
    readonly pingIntervalMs?: number;
    readonly minTimeoutMs?: number;
    readonly timeoutIncrementMs?: number;
  };
  /** Data layer settings (replication degree, slices, timeouts). */
  readonly cats?: Omit<CatsOptions, 'self' | 'genesis'>;
  readonly chord?: Partial<Omit<ChordRingOptions, 'self' | 'id' | 'initial'>>;
  readonly router?: Partial<Omit<OneHopRouterOptions, 'self' | 'nodeId'>>;
  readonly cyclon?: Partial<Omit<CyclonOptions, 'self' | 'bootstrap'>>;
  readonly epidemic?: Partial<Omit<EpidemicBroadcastOptions, 'self'>>;
  /** Bootstrap client: keep-alive period and retry of an unanswered request. Default 1000 / 1000. */
  readonly bootstrapClient?: { readonly keepAlivePeriodMs?: number; readonly retryMs?: number };
  /** Not joined this long after asking the bootstrap server: ask it again. Default 10 000. */
  readonly rejoinAfterMs?: number;
  /** Graceful leave: longest wait for the groups to hand this node's ranges over. Default 20 000. */
  readonly leaveTimeoutMs?: number;
  /** A node's HTTP URL from its peer address. Default `http://host:port`. */
  readonly urlOf?: (address: Address) => string;
  /** The bootstrap server's URL, for the status. Default `urlOf(bootstrapServer)`. */
  readonly bootstrapUrl?: string | null;
}
