export {
  FakeCluster,
  type FakeClusterOptions,
  type FakeNode,
  type FakeNodeBehaviour,
  startFakeCluster,
} from './fake-cluster.js';
export { makeCertificates, type TestCertificates } from './test-certificates.js';
