export {
  type CustomNode,
  type CustomNodeConfig,
  CustomNodeMain,
  customNodeOptions,
  startCustomNode,
} from './custom-node.js';
export { KvDriver, KvError } from './kv-driver.js';
export { runCustomNodeProcess } from './process.js';
