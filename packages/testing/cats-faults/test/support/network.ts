// Which network the heavy tests use. Real partitions need root; CI runs as root. Elsewhere set
// CATS_FAULTS_NETWORK=loopback to run without them (partitions are then skipped, and said so).
import { namespaceSupport } from '../../src/index.js';

/** The network mode for tests, or throws with the reason when namespaces are missing and no switch is set. */
export function testNetwork(): 'namespaces' | 'loopback' {
  const wanted = process.env.CATS_FAULTS_NETWORK;
  if (wanted === 'loopback') return 'loopback';
  const support = namespaceSupport();
  if (!support.available) {
    throw new Error(
      `these tests need network namespaces for real partitions, but: ${support.reason}. ` +
        'Run as root, or set CATS_FAULTS_NETWORK=loopback to run without partitions.',
    );
  }
  return 'namespaces';
}
