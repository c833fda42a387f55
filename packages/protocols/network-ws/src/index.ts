export type {
  WsHttpHandler,
  WsLogger,
  WsNetworkConfig,
  WsNetworkInit,
  WsReconnectOptions,
  WsTlsFiles,
} from './config.js';
export { type DropReason, WsNetworkStats } from './stats.js';
export { CloseCode, FrameKind, PROTOCOL_VERSION, type RejectReason } from './wire-format.js';
export { WsNetwork } from './ws-network.js';
