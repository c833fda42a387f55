export { CatsClient } from './cats-client.js';
export { CatsClientError, type CatsClientErrorCode, isCatsClientError } from './client-error.js';
export { connect } from './connect.js';
export { type CatsSeeds, type ConnectOptions, type PemText, validateCa } from './options.js';
export { type CatsValue, checkKey } from './validate.js';
export type { BootstrapNodesResponse, Member, MembersResponse, NodeStatus, SliceEntry } from './wire.js';
