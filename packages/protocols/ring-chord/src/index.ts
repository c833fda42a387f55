export { type ChordPhase, ChordRing, MAX_HOPS } from './chord-ring.js';
export {
  CHORD_FIND_SUCCESSOR_TYPE,
  CHORD_FOUND_SUCCESSOR_TYPE,
  CHORD_GET_NEIGHBOURS_TYPE,
  CHORD_MLOOKUP_TYPE,
  CHORD_NEIGHBOURS_TYPE,
  CHORD_PREDECESSOR_LEAVING_TYPE,
  CHORD_PROBE_ACK_TYPE,
  CHORD_PROBE_TYPE,
  CHORD_SUCCESSOR_LEAVING_TYPE,
  CHORD_TRY_MERGE_TYPE,
  MAX_NODES_PER_MESSAGE,
  registerRingChordCodecs,
} from './codecs.js';
export { ChordCounters } from './counters.js';
export { FINGER_COUNT, FingerTable } from './finger-table.js';
export {
  ChordFindSuccessor,
  ChordFoundSuccessor,
  ChordGetNeighbours,
  ChordMLookup,
  ChordNeighbours,
  ChordPredecessorLeaving,
  ChordProbe,
  ChordProbeAck,
  ChordSuccessorLeaving,
  ChordTryMerge,
} from './messages.js';
export type { ChordRingOptions, InitialPointers, UnificationMode } from './options.js';
export { sameNodes, successorList } from './successor-list.js';
export { type SuspectedEntry, SuspectedList } from './suspected-list.js';
