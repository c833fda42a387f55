export { arcPosition, arcSegments, compareInArc, inRange } from './arc-order.js';
export type { StoreCursor, StoreEntry } from './store-entry.js';
export { checkRequestId, checkStoreKey, isWellFormed, MAX_KEY_BYTES, utf8ByteLength } from './store-key.js';
export {
  MAX_META_BYTES,
  StoreMetaDelete,
  StoreMetaGet,
  StoreMetaList,
  StoreMetaPut,
  type StoreMetaRecord,
  StoreMetaRequest,
} from './store-meta.js';
export { Store } from './store-port.js';
export {
  StoreDelete,
  StoreGet,
  StorePut,
  StoreRange,
  StoreReleaseSnapshot,
  StoreRemoveRange,
  StoreRequest,
  StoreSnapshot,
  StoreStats,
} from './store-requests.js';
export {
  StoreDeleteResult,
  StoreFailure,
  type StoreFailureReason,
  StoreGetResult,
  StoreMetaDeleteResult,
  StoreMetaGetResult,
  StoreMetaListResult,
  StoreMetaPutResult,
  StorePutResult,
  StoreRangeRemoved,
  StoreRangeResult,
  StoreResponse,
  StoreSnapshotOpened,
  StoreSnapshotReleased,
  StoreStatsResult,
} from './store-responses.js';
export { checkStoreValue, isStoreValue, type StoreValue } from './store-value.js';
export { Tag } from './tag.js';
