import { definePort } from '@kompics/kernel';
import { StoreMetaDelete, StoreMetaGet, StoreMetaList, StoreMetaPut } from './store-meta.js';
import {
  StoreDelete,
  StoreGet,
  StorePut,
  StoreRange,
  StoreReleaseSnapshot,
  StoreRemoveRange,
  StoreSnapshot,
  StoreStats,
} from './store-requests.js';
import {
  StoreDeleteResult,
  StoreFailure,
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

/**
 * A node's local store of versioned values: requests in, one response per request out (matched
 * by `requestId`), asynchronously, so a durable store answers a write once it is on disk.
 *
 * Every key holds the value with the highest tag it was ever given (until deleted or
 * range-removed): a put with a lower or equal tag changes nothing. Keys are placed on the
 * 2^32 ring by `ringHash(key)`, and ranges, snapshots and garbage collection go by arcs of it.
 * A request sent after another on the same channel sees its effect.
 *
 * Apart from the data, a store keeps small named **metadata records** (`StoreMetaPut`, `Get`,
 * `List`, `Delete`): a component's own durable state, acknowledged once durable. `StoreStats`
 * tells how much data the store holds (entries and approximate bytes), cheaply.
 */
export const Store = definePort('Store', {
  requests: [
    StoreGet,
    StorePut,
    StoreDelete,
    StoreRange,
    StoreSnapshot,
    StoreReleaseSnapshot,
    StoreRemoveRange,
    StoreMetaPut,
    StoreMetaGet,
    StoreMetaList,
    StoreMetaDelete,
    StoreStats,
  ],
  indications: [
    StoreGetResult,
    StorePutResult,
    StoreDeleteResult,
    StoreRangeResult,
    StoreSnapshotOpened,
    StoreSnapshotReleased,
    StoreRangeRemoved,
    StoreMetaPutResult,
    StoreMetaGetResult,
    StoreMetaListResult,
    StoreMetaDeleteResult,
    StoreStatsResult,
    StoreFailure,
    // Listed too, so a requester can subscribe to every answer at once.
    StoreResponse,
  ],
});
export type Store = typeof Store;
