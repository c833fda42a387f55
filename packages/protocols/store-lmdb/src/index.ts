export { LmdbStore } from './lmdb-store.js';
export { LmdbStoreError, type LmdbStoreOptions } from './options.js';
