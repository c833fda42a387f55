export { BootstrapClient, type BootstrapClientOptions } from './bootstrap-client.js';
export { BootstrapServer, type BootstrapServerOptions, type LiveNode } from './bootstrap-server.js';
export {
  GET_PEERS_TYPE,
  GetPeers,
  KEEP_ALIVE_TYPE,
  KeepAlive,
  MAX_PEERS_PER_REPLY,
  PEERS_REPLY_TYPE,
  PeersReply,
  registerBootstrapCodecs,
} from './messages.js';
