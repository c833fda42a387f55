/** What a data layer node has done, for tests, figures and status pages. */
export interface CatsStats {
  /** Client operations started here, and how they ended. */
  operations: number;
  completed: number;
  timedOut: number;
  /** Reads answered after one phase (the whole quorum agreed), without write-back. */
  readsWithoutWriteBack: number;
  /** Messages sent by this node, by protocol. */
  abdMessages: number;
  paxosMessages: number;
  viewMessages: number;
  syncMessages: number;
  /** ABD requests sent on behalf of the operations coordinated here. */
  operationMessages: number;
  /** Views learnt (installed or heard of) and reconfigurations this node decided as proposer. */
  viewsLearnt: number;
  decided: number;
  /** Range transfers finished, and entries received through them. */
  syncsCompleted: number;
  entriesReceived: number;
  /** Client operations by kind. */
  gets: number;
  puts: number;
  deletes: number;
  /** Operations that failed with `unavailable`. */
  unavailable: number;
  /** Reads that wrote the highest value back (a second phase). */
  writeBacks: number;
  /** Ranges garbage-collected (deleted after this node left their group). */
  rangesCollected: number;
  /** Durable state records written (metadata puts), and slices whose state was loaded at start. */
  stateWrites: number;
  viewsLoaded: number;
  /**
   * Completed operations by shape, and the ABD messages (requests sent and replies received by
   * the coordinator) they took: reads answered after one phase, reads that wrote back, writes
   * (puts and deletes).
   */
  fastReads: number;
  fastReadMessages: number;
  writeBackReads: number;
  writeBackReadMessages: number;
  writes: number;
  writeMessages: number;
}

export function emptyStats(): CatsStats {
  return {
    operations: 0,
    completed: 0,
    timedOut: 0,
    readsWithoutWriteBack: 0,
    abdMessages: 0,
    paxosMessages: 0,
    viewMessages: 0,
    syncMessages: 0,
    operationMessages: 0,
    viewsLearnt: 0,
    decided: 0,
    syncsCompleted: 0,
    entriesReceived: 0,
    gets: 0,
    puts: 0,
    deletes: 0,
    unavailable: 0,
    writeBacks: 0,
    rangesCollected: 0,
    stateWrites: 0,
    viewsLoaded: 0,
    fastReads: 0,
    fastReadMessages: 0,
    writeBackReads: 0,
    writeBackReadMessages: 0,
    writes: 0,
    writeMessages: 0,
  };
}
