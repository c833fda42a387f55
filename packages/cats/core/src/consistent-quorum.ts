import type { GroupView } from './group-view.js';

/** The replies that formed a consistent quorum, and the view they agreed on. */
export interface QuorumResult<R> {
  readonly view: GroupView;
  /** One reply per replier, all sent in `view`. */
  readonly replies: readonly R[];
}

/**
 * Collects the replies of one phase of an operation and says when they form a **consistent
 * quorum**: a majority of one view's members that all answered in that same view (same slice,
 * same view number). Replies from mixed views never count together; a replier counts once per
 * view (duplicates are ignored), and only if it is a member of the view it names.
 */
export class ConsistentQuorum<R> {
  readonly #byView = new Map<number, { view: GroupView; replies: Map<string, R> }>();

  /**
   * Adds `reply` from `replier` (an address key) sent in `view`; returns the quorum if this
   * reply completed one.
   */
  add(replier: string, view: GroupView, reply: R): QuorumResult<R> | undefined {
    if (!view.has(replier)) return undefined;
    let entry = this.#byView.get(view.number);
    if (entry === undefined) {
      entry = { view, replies: new Map() };
      this.#byView.set(view.number, entry);
    }
    if (entry.replies.has(replier)) return undefined;
    entry.replies.set(replier, reply);
    if (entry.replies.size >= entry.view.majority)
      return { view: entry.view, replies: [...entry.replies.values()] };
    return undefined;
  }

  /** Forgets every reply (the next phase starts afresh). */
  clear(): void {
    this.#byView.clear();
  }
}
