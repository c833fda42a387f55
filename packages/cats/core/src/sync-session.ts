import type { Address } from '@kompics/network';
import type { StoreCursor } from '@kompics/store';
import type { GroupView } from './group-view.js';

/** The transfer from one member of the previous view. */
export interface SyncSource {
  readonly address: Address;
  /** The cursor of the next chunk to ask for (undefined: from the start). */
  after: StoreCursor | undefined;
  /** The source's guarantee, the least it reported over this transfer's chunks. */
  coversBelow: number;
  done: boolean;
  /** A chunk is being written to the local store. */
  writing: boolean;
  /** When the last pull was sent (for retries). */
  pulledAt: number;
}

/**
 * A member of view `w` fetching the range's data from the members of view `w - 1` before it
 * serves `w`. It is complete when
 *
 * 1. a majority of view `w - 1` has sent all its data — each learnt of `w` before reading its
 *    data, so it no longer serves `w - 1`; every write completed in `w - 1` was stored by a
 *    majority of `w - 1`, which meets this one; and
 * 2. one of them covers every write completed before `w - 1` (`coversBelow >= w - 1`).
 *
 * Then this node's data holds every write completed in views before `w`.
 */
export class SyncSession {
  readonly sources = new Map<string, SyncSource>();

  constructor(
    readonly view: GroupView,
    self: Address,
    selfCoversBelow: number,
    now: number,
  ) {
    for (const member of view.previous) {
      const key = member.address.key;
      const own = key === self.key;
      this.sources.set(key, {
        address: member.address,
        after: undefined,
        coversBelow: own ? selfCoversBelow : Number.POSITIVE_INFINITY,
        done: own,
        writing: false,
        pulledAt: now,
      });
    }
  }

  /** Whether the data fetched so far satisfies both conditions. */
  complete(): boolean {
    const previous = this.view.previous.length;
    if (previous === 0) return true;
    let done = 0;
    let covers = 0;
    for (const s of this.sources.values()) {
      if (!s.done) continue;
      done++;
      covers = Math.max(covers, s.coversBelow);
    }
    return done >= Math.floor(previous / 2) + 1 && covers >= this.view.number - 1;
  }
}
