// The etcd driver against a real 3-member etcd cluster on loopback (Debian's etcd-server; the
// test set-up installs it in CI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EtcdCluster,
  EtcdDriver,
  etcdVersion,
  loadPhase,
  runPhase,
  startEtcdCluster,
  workload,
} from '../src/index.js';

describe('etcd', () => {
  let cluster: EtcdCluster;
  beforeAll(async () => {
    expect(etcdVersion(), 'etcd is installed (apt-get install etcd-server)').toBeDefined();
    cluster = await startEtcdCluster({ members: 3 });
  }, 60_000);
  afterAll(async () => cluster?.stop(), 30_000);

  it('runs a load and a run phase of workload A with every operation acknowledged', async () => {
    expect(cluster.version).toMatch(/^3\./);
    const driver = new EtcdDriver(cluster.endpoints);
    try {
      const w = workload('A', { recordCount: 200, operationCount: 400, concurrency: 8, valueSize: 64 });
      const load = await loadPhase(driver, w);
      expect(load.errors).toBe(0);
      const run = await runPhase(driver, w);
      expect(run.errors).toBe(0);
      expect(run.operations).toBe(400);
      const value = await driver.read('user0000000007');
      expect(value?.length).toBe(64);
      expect(await driver.read('no-such-key')).toBeUndefined();
    } finally {
      await driver.close();
    }
  }, 60_000);
});
