export { FD_PING_TYPE, FD_PONG_TYPE, FdPing, FdPong, registerFailureDetectorCodecs } from './messages.js';
export type { PingFailureDetectorOptions } from './options.js';
export { PingFailureDetector } from './ping-failure-detector.js';
export { RoundTripEstimator } from './round-trip-estimator.js';
