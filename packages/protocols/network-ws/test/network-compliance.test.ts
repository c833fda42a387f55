import { type NetworkHarness, networkComplianceSuite } from '@kompics/compliance';
import type { Fault } from '@kompics/kernel';
import { driver, freeAddress, startNode, type TestNode } from './helpers.js';

interface WsHarness extends NetworkHarness {
  readonly nodes: TestNode[];
}

networkComplianceSuite<WsHarness>({
  name: '@kompics/network-ws on 127.0.0.1',
  setup: async ({ codecs }) => {
    const nodes: TestNode[] = [];
    const faults: Fault[] = [];
    return {
      ...driver,
      nodes,
      faults,
      async addNode() {
        const node = await startNode(codecs, {}, faults);
        nodes.push(node);
        return node.probe;
      },
      unusedAddress: freeAddress,
    };
  },
  teardown: async (harness) => {
    await Promise.all(harness.nodes.map((node) => node.stop()));
    for (const node of harness.nodes) {
      if (node.logs.length > 0) throw new Error(`unexpected log lines: ${node.logs.join('\n')}`);
    }
  },
});
