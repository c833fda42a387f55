export {
  type CustomNode,
  type CustomNodeConfig,
  CustomNodeMain,
  customNodeOptions,
  startCustomNode,
} from './custom-node.js';
export { runCustomNodeProcess } from './process.js';
