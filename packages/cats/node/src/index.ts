export { BootstrapServerNode, type BootstrapServerNodeOptions } from './bootstrap-server-node.js';
export { CatsNode, type CatsNodePhase } from './cats-node.js';
export { catsNodeCodecs } from './codecs.js';
export { type ComponentSpec, componentSpec } from './component-spec.js';
export { LeaveNode, MembersAnswer, MembersQuery, NodeControl, NodeLeft } from './node-control-port.js';
export { type GroupStatus, type Member, NODE_STATUS_SOURCE, type NodeStatus } from './node-status.js';
export type { CatsNodeOptions } from './options.js';
export { DhtError, type DhtErrorReason } from './runtime/dht-error.js';
export { NodeDriver } from './runtime/driver.js';
export {
  type BootstrapServerConfig,
  type LiveNodeInfo,
  type RunningBootstrapServer,
  startBootstrapServer,
} from './runtime/start-bootstrap-server.js';
export {
  type CatsNodeConfig,
  type RunningCatsNode,
  startCatsNode,
} from './runtime/start-cats-node.js';
export { StatusCollector, type StatusCollectorOptions } from './status-collector.js';
