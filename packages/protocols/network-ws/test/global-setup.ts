// Before the tests: the child-process fixtures run as plain JavaScript, so compile them (with
// this package's sources) into dist-bench/, after the workspace packages they import at run time.
import { compileBench, ensureBuilt } from '../../../../scripts/test-support/ensure-built.js';

export default function setup(): void {
  ensureBuilt(['packages/kernel', 'packages/ports/network']);
  compileBench('packages/protocols/network-ws');
}
