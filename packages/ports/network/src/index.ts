export { Address } from './address.js';
export { CodecError, CodecRegistry, type MessageCodec } from './codec-registry.js';
export { Message } from './message.js';
export { Network } from './network-port.js';
export { NetworkStatus, PeerConnected, PeerDropped, PeerReconnected, PeerStatus } from './network-status.js';
export { destinationSelector } from './selectors.js';
