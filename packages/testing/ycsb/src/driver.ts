/**
 * What the generator drives: a key-value store client. Every method resolves when the store
 * acknowledged the operation (with the store's own consistency and durability) and rejects on
 * failure; the generator counts rejections as errors, not as latencies.
 */
export interface KvDriver {
  /** A short name for reports (`cats`, `etcd`, ...). */
  readonly name: string;
  read(key: string): Promise<Uint8Array | undefined>;
  update(key: string, value: Uint8Array): Promise<void>;
  /** The load phase's write; by default the same as an update. */
  insert?(key: string, value: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
