export { MemoryStore } from './memory-store.js';
export { MemoryStoreData } from './memory-store-data.js';
export type { MemoryStoreOptions } from './options.js';
export { scanArc } from './sorted-entries.js';
