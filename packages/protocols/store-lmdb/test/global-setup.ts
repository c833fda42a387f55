// Before the tests: the crash test's child process is plain JavaScript importing this package's
// dist/ and the workspace packages it uses at run time.
import { ensureBuilt } from '../../../../scripts/test-support/ensure-built.js';

export default function setup(): void {
  ensureBuilt([
    'packages/kernel',
    'packages/ports/network',
    'packages/ports/ring',
    'packages/ports/store',
    'packages/protocols/store-lmdb',
  ]);
}
