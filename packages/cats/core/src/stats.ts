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
  /** ABD messages sent on behalf of the operations coordinated here (requests only). */
  operationMessages: number;
  /** Views learnt (installed or heard of) and reconfigurations this node decided as proposer. */
  viewsLearnt: number;
  decided: number;
  /** Range transfers finished, and entries received through them. */
  syncsCompleted: number;
  entriesReceived: number;
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
  };
}
