export { NodeTimer, type NodeTimerOptions } from './node-timer.js';
