import { MemoryStoreData } from './memory-store-data.js';

/** Settings of a {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The data to serve, e.g. the previous incarnation's, to model a disk that survives a crash
   * in simulation. Default: a new, empty {@link MemoryStoreData}.
   */
  readonly data?: MemoryStoreData;
}

/** Options with defaults applied, validated. */
export interface ResolvedMemoryStoreOptions {
  readonly data: MemoryStoreData;
}

export function resolveMemoryStoreOptions(
  options: MemoryStoreOptions | undefined,
): ResolvedMemoryStoreOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError(
      `MemoryStore options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const data = options?.data ?? new MemoryStoreData();
  if (!(data instanceof MemoryStoreData)) {
    throw new TypeError('MemoryStore option data must be a MemoryStoreData (from @kompics/store-memory)');
  }
  return { data };
}
