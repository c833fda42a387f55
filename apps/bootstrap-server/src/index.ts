// The bootstrap server app's parts (the process itself is cli.ts).
export { bootstrapHttpHandler, type LiveNode, type NodesAnswer, renderNodesPage } from './bootstrap-http.js';
export { BOOTSTRAP_OPTIONS, type BootstrapAppConfig, loadBootstrapConfig } from './config.js';
