export {
  FakeCluster,
  type FakeClusterOptions,
  type FakeNode,
  type FakeNodeBehaviour,
  startFakeCluster,
} from './fake-cluster.js';
