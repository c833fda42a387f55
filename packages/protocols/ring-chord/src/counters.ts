/** What one ring node has done, for reports, benchmarks and tests. */
export class ChordCounters {
  /** Stabilization requests sent. */
  stabilizations = 0;
  /** Neighbours dropped on the failure detector's suspicion. */
  suspicions = 0;
  /** Suspected nodes that answered a probe (candidates from another ring). */
  probesAnswered = 0;
  /** Unifications this node started (a probe answered, or a loop witness found). */
  mergesStarted = 0;
  /** Merge candidates (`trymerge`) that changed this node's neighbours. */
  merges = 0;
  /** Self-lookups whose answer came from a node that skips this one (another lap). */
  loopWitnesses = 0;
  /** Merge triggers gossiped to random known nodes (gossip variant). */
  gossips = 0;
}
