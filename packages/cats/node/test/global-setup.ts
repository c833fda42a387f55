// Before the tests: the child-process fixture runs the compiled package, so build it (and the
// workspace packages it imports at run time, dependencies first) if dist/ is missing or stale.
import { ensureBuilt } from '../../../../scripts/test-support/ensure-built.js';

export default function setup(): void {
  ensureBuilt([
    'packages/kernel',
    'packages/ports/network',
    'packages/ports/timer',
    'packages/ports/ring',
    'packages/ports/failure-detector',
    'packages/ports/peer-sampling',
    'packages/ports/broadcast',
    'packages/ports/overlay-router',
    'packages/ports/bootstrap',
    'packages/ports/dht',
    'packages/ports/store',
    'packages/ports/status',
    'packages/protocols/network-ws',
    'packages/protocols/timer-node',
    'packages/protocols/failure-detector-ping',
    'packages/protocols/peer-sampling-cyclon',
    'packages/protocols/broadcast-epidemic',
    'packages/protocols/ring-chord',
    'packages/protocols/router-onehop',
    'packages/protocols/bootstrap-service',
    'packages/protocols/store-memory',
    'packages/protocols/store-lmdb',
    'packages/cats/core',
    'packages/cats/node',
  ]);
}
