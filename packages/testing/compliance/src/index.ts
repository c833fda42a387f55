export {
  type Driver,
  type RealTimeDriverOptions,
  realTimeDriver,
  type WaitOptions,
  WaitTimeoutError,
} from './driver.js';
export type { NetworkHarness, NetworkSuiteContext, NetworkSuiteOptions } from './network/network-harness.js';
export { NetworkProbe } from './network/network-probe.js';
export { networkComplianceSuite } from './network/network-suite.js';
export {
  COMPLIANCE_TYPE_IDS,
  Ping,
  Pong,
  Rich,
  type RichContent,
  registerComplianceCodecs,
  Sequenced,
} from './network/probe-messages.js';
export type { TimerHarness, TimerSuiteOptions } from './timer/timer-harness.js';
export { type Firing, ProbeTimeout, TimerProbe } from './timer/timer-probe.js';
export { timerComplianceSuite } from './timer/timer-suite.js';
