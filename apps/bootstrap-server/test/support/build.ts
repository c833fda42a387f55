// The same build helper as the node app's tests (one copy, there).
export * from '../../../cats-node/test/support/build.js';
