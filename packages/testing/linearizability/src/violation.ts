/** Why one part of a history is not linearizable. Operation references are indices into the history. */
export interface Violation {
  /** The part (key) that cannot be linearized. */
  readonly key: string;
  /**
   * The smallest window of operations found that cannot be linearized, in call order: the core reads
   * (or, when no read is to blame, the frontier) plus the state-changing operations that explain them
   * (those overlapping them, and the last one completed before each). Marked in red in the HTML page.
   */
  readonly window: readonly number[];
  /**
   * A minimal set of reads (read-only operations) that, with every state-changing operation of the key
   * kept, cannot be linearized: drop any one of them and the rest can. Empty when the violation
   * involves no read (for example two compare-and-sets that both succeeded) or when not `minimal`.
   */
  readonly core: readonly number[];
  /** Whether `core` was computed; false when the explanation budget ran out. */
  readonly minimal: boolean;
  /** The longest linearizable prefix found: the longest partial linearization, in linearization order. */
  readonly longestPrefix: readonly number[];
  /** The operations that could come next after the longest prefix, none of which can be linearized there. */
  readonly frontier: readonly number[];
}
