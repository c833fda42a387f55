export {
  CancelPeriodicTimeout,
  CancelTimeout,
  SchedulePeriodicTimeout,
  ScheduleTimeout,
  Timeout,
  Timer,
} from './timer-port.js';
