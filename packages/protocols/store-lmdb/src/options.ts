import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Settings of an {@link LmdbStore}. */
export interface LmdbStoreOptions {
  /**
   * The data directory: created (with its parents) if missing; must be a directory if it
   * exists. One store per directory: a directory is not shared between live stores.
   */
  readonly path: string;
}

/** Options validated, the path made absolute and the directory created. */
export interface ResolvedLmdbStoreOptions {
  readonly path: string;
}

/** Error of an {@link LmdbStore} that cannot use its data directory. */
export class LmdbStoreError extends Error {
  override readonly name = 'LmdbStoreError';
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function resolveLmdbStoreOptions(options: LmdbStoreOptions): ResolvedLmdbStoreOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('LmdbStore needs options with a data directory path ({ path })');
  }
  const { path } = options;
  if (typeof path !== 'string' || path.trim().length === 0) {
    throw new TypeError(`LmdbStore option path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  if (path.includes('\0')) throw new TypeError('LmdbStore option path must not contain NUL characters');
  const absolute = resolve(path);
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(absolute, { throwIfNoEntry: false });
  } catch (error) {
    throw new LmdbStoreError(`LmdbStore: cannot inspect data directory ${absolute}: ${reason(error)}`, {
      cause: error,
    });
  }
  if (stats !== undefined && !stats.isDirectory()) {
    throw new LmdbStoreError(`LmdbStore: data directory ${absolute} exists and is not a directory`);
  }
  if (stats === undefined) {
    try {
      mkdirSync(absolute, { recursive: true });
    } catch (error) {
      throw new LmdbStoreError(`LmdbStore: cannot create data directory ${absolute}: ${reason(error)}`, {
        cause: error,
      });
    }
  }
  return { path: absolute };
}
