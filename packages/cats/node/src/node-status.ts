/** A node as pages and clients see it: ring id, peer address and HTTP URL. */
export interface Member {
  readonly id: number;
  readonly address: string;
  readonly url: string;
}

/** One key range's replica group as this node knows it. */
export interface GroupStatus {
  readonly slice: number;
  readonly from: number;
  readonly to: number;
  /** The view number this node knows (null: it knows no view of the range). */
  readonly view: number | null;
  readonly members: readonly Member[];
  /** Whether this node serves the view (a member that has the range's data). */
  readonly serving: boolean;
}

/** A CATS node's state as JSON (the `report` of the `Status` source `node`). */
export interface NodeStatus {
  readonly node: {
    readonly id: number;
    readonly address: string;
    readonly url: string;
    readonly startedAt: number;
    readonly uptimeMs: number;
  };
  readonly ring: {
    readonly joined: boolean;
    readonly predecessor: Member | null;
    readonly successors: readonly Member[];
  };
  readonly groups: readonly GroupStatus[];
  /**
   * The local store's size, from the data layer's report (zeros before the data layer runs):
   * `entries` counts data keys, tombstones included; `bytes` is approximate — the UTF-8 size of
   * keys and values for the in-memory store, the bytes of used LMDB pages for the LMDB store.
   */
  readonly store: { readonly entries: number; readonly bytes: number };
  /** Addresses the failure detector suspects now. */
  readonly suspected: readonly string[];
  readonly counters: Readonly<Record<string, number>>;
  /** The bootstrap server's URL. */
  readonly bootstrap: string | null;
}

/** The status source a {@link CatsNode} answers with. */
export const NODE_STATUS_SOURCE = 'node';
