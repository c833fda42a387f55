export {
  FailureDetector,
  Restore,
  StartMonitoring,
  StopMonitoring,
  Suspect,
} from './failure-detector-port.js';
