export { Bootstrap, BootstrapCompleted, BootstrapRequest, BootstrapResponse } from './bootstrap-port.js';
