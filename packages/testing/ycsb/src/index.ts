export type { KvDriver } from './driver.js';
export { type EtcdCluster, type EtcdClusterOptions, etcdVersion, startEtcdCluster } from './etcd-cluster.js';
export { EtcdDriver } from './etcd-driver.js';
export { freePort } from './free-port.js';
export { type KeyChooser, UniformKeys, YCSB_ZIPFIAN_THETA, ZipfianKeys } from './key-chooser.js';
export { LatencyHistogram, type LatencySummary } from './latency-histogram.js';
export { MemoryDriver } from './memory-driver.js';
export { loadPhase, type PhaseResult, type ProgressListener, runPhase } from './runner.js';
export {
  type KeyDistribution,
  READ_PROPORTION,
  recordKey,
  validateWorkload,
  WORKLOAD_DEFAULTS,
  type Workload,
  type WorkloadName,
  workload,
} from './workload.js';
