export { appScript, childEnv, type LocalCluster, startLocalCluster } from './cluster.js';
export { type LocalClusterOptions, parseLocalClusterOptions, USAGE, UsageError } from './options.js';
export { choosePorts } from './ports.js';
export { type Child, Children, tail } from './processes.js';
export { ProgressBar } from './progress-bar.js';
export { formatResults, type RunIo, runLocalCluster } from './run.js';
export {
  historyJsonl,
  type OpStats,
  percentile,
  runWorkload,
  type WorkloadOptions,
  type WorkloadProgress,
  type WorkloadResult,
} from './workload.js';
