export { Ballot } from './ballot.js';
export { CatsControl, Retire, Retired } from './cats-control.js';
export { CatsDataLayer } from './cats-data-layer.js';
export { CATS_TYPE_IDS, catsCodecs, MAX_SYNC_ENTRIES, registerCatsCodecs } from './codecs.js';
export { ConsistentQuorum, type QuorumResult } from './consistent-quorum.js';
export { decodeSliceInto, encodeSlice, SLICE_RECORD_PREFIX, sliceRecordName } from './durable-state.js';
export { GroupView } from './group-view.js';
export {
  AbdReply,
  AbdRequest,
  type AbdStatus,
  type AbdWrite,
  Accept,
  Accepted,
  type AcceptedProposal,
  Leaving,
  Prepare,
  Promised,
  ReadyNews,
  ReadyQuery,
  SyncChunk,
  type SyncEntry,
  SyncPull,
  ViewNews,
} from './messages.js';
export { highest, Operation, type OperationKind } from './operation.js';
export {
  type CatsOptions,
  type ConsistencyMode,
  type ResolvedCatsOptions,
  resolveCatsOptions,
} from './options.js';
export { type AcceptorState, type ProposerState, SliceState } from './slice-state.js';
export { Slices } from './slices.js';
export { type CatsStats, emptyStats } from './stats.js';
export { SyncSession, type SyncSource } from './sync-session.js';
