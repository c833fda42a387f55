export {
  type ClusterOptions,
  type ClusterProcess,
  type ClusterTls,
  FaultCluster,
  freePort,
  repoRoot,
  sleep,
  waitFor,
} from './cluster.js';
export { type DurabilityOptions, type DurabilityReport, runDurability } from './durability.js';
export { formatDurability, formatFuzz, formatRun, formatSoak } from './format.js';
export { type CliCase, type CliFuzzReport, fuzzCli } from './fuzz/cli.js';
export { fuzzHttp, type HttpFuzzOptions, type HttpFuzzReport, slowClients } from './fuzz/http.js';
export { certainlyRejected, fuzzWire, type WireFuzzOptions, type WireFuzzReport } from './fuzz/wire.js';
export { type FuzzRunOptions, type FuzzRunReport, runFuzz } from './fuzz.js';
export { HistoryRecorder, type RecordedOperation } from './history.js';
export { getJson, type HttpAnswer, httpCall } from './http.js';
export { countLines } from './log-count.js';
export { metricValue, type ResourceSample, sampleResources } from './metrics.js';
export { cleanupStaleNamespaces, NamespaceNetwork, type NamespaceSlot, namespaceSupport } from './netns.js';
export {
  type FaultKind,
  type FaultRecord,
  type FaultRunOptions,
  type FaultRunReport,
  runFaults,
} from './run.js';
export { type NodeResources, runSoak, type SoakOptions, type SoakReport } from './soak.js';
export { checkRun, type HistoryVerdict } from './verdict.js';
export {
  FINAL_READER,
  finalReads,
  type RunningWorkload,
  runWorkload,
  type WorkloadOptions,
} from './workload.js';
