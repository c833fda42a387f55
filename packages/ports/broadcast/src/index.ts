export { BroadcastPayload } from './broadcast-payload.js';
export { Broadcast, BroadcastPort, Deliver } from './broadcast-port.js';
export { BroadcastPayloadRegistry, type PayloadCodec } from './payload-registry.js';
