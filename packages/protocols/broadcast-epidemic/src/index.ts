export { EpidemicBroadcast, type EpidemicStats } from './epidemic-broadcast.js';
export {
  EPIDEMIC_GOSSIP_TYPE,
  EpidemicGossip,
  MAX_BROADCAST_ID_LENGTH,
  registerEpidemicBroadcastCodecs,
} from './messages.js';
export type { EpidemicBroadcastOptions } from './options.js';
export { PeerPool } from './peer-pool.js';
export { SeenSet } from './seen-set.js';
