// The parts of the node app other mains reuse (the bootstrap server app, tests): configuration
// parsing, logging, the HTTP API and pages. The process itself is cli.ts.
export {
  LOG_LEVELS,
  type LogLevel,
  loadNodeConfig,
  NODE_OPTIONS,
  type NodeAppConfig,
  readClusterSecret,
  type TlsFiles,
  tlsFiles,
} from './config/node-config.js';
export {
  helpText,
  type OptionKind,
  type OptionSources,
  type OptionSpec,
  type OptionValue,
  type ParsedOptions,
  parseOptions,
} from './config/options.js';
export { UsageError } from './config/usage-error.js';
export { MAX_KEY_BYTES, MAX_VALUE_BYTES, NodeHttp, type NodeHttpOptions } from './http/node-http.js';
export { discardBody, readBody } from './http/read-body.js';
export { HttpError, sendHtml, sendJson } from './http/respond.js';
export { createLogger, type Logger } from './logger.js';
export { type MembersView, membersView, ringGroup, sliceRange } from './members-view.js';
export { type KvOp, type KvOutcome, NodeMetrics } from './metrics.js';
export type { FailureReason, GroupStatus, Member, NodeHandle, NodeStatus, RingMember } from './node-api.js';
export { escapeHtml, layout } from './pages/html.js';
export { type NodeStarter, type NodeStartRequest, type RunningNodeApp, runNodeApp } from './run-node.js';
