export { ClientProbe } from './client-probe.js';
export {
  checkDeterminism,
  type DeterminismReport,
  type Divergence,
  describeDeterminism,
  firstDivergence,
} from './determinism.js';
export {
  ALLOWED_PREFIXES,
  type ContractViolation,
  FORBIDDEN_PATTERNS,
  isAllowedFile,
  scanRepository,
  scanSource,
} from './determinism-scan.js';
export {
  constant,
  type Distribution,
  exponential,
  mapped,
  normal,
  pick,
  sequence,
  uniform,
  uniformInt,
} from './distribution.js';
export { FutureEventList, type TimelineTarget } from './future-event-list.js';
export { LatencyMatrix, type LatencyMatrixOptions } from './latency-matrix.js';
export { NetworkModel, type NetworkModelOptions, type NodeRef, type ReorderModel } from './network-model.js';
export { NetworkStats } from './network-stats.js';
export { deriveSeed, nodeContext, randomFor } from './node-context.js';
export { type Operation, operation } from './operation.js';
export { changeNetwork, killNode, restartNode, startNode, stopNode } from './operations.js';
export { RealTimeTimeline } from './real-time-timeline.js';
export {
  forEachSeed,
  type ReplayInfo,
  replayCommand,
  ScenarioFailure,
  SEED_VARIABLE,
  seedsFromEnv,
} from './replay.js';
export { type OperationRecord, Scenario, type ScenarioOptions, type ScenarioReport } from './scenario.js';
export { SimulatedNetwork, type SimulatedNetworkInit, type WireInfo } from './simulated-network.js';
export { SimulatedTimer } from './simulated-timer.js';
export {
  InvariantViolation,
  type NodeSpec,
  nodeOfPath,
  type RunResult,
  SimulatedNode,
  Simulation,
  type SimulationOptions,
  type Snapshot,
  type StopReason,
} from './simulation.js';
export { type NodeComponents, SimulationRoot } from './simulation-root.js';
export { SimulationScheduler } from './simulation-scheduler.js';
export { type ParamDistributions, type ProcessSpec, StochasticProcess } from './stochastic-process.js';
export { CALL, type Timeline } from './timeline.js';
export { Trace, type TraceMode, type TraceRecord } from './trace.js';
export { fingerprint, WireCodec } from './wire-codec.js';
