// The same process helpers as the node app's tests (one copy, there).
export * from '../../../cats-node/test/support/processes.js';
