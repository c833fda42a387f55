export { Cyclon } from './cyclon.js';
export { CyclonView } from './cyclon-view.js';
export {
  MAX_SHUFFLE_ENTRIES,
  registerCyclonCodecs,
  SHUFFLE_REQUEST_TYPE,
  SHUFFLE_RESPONSE_TYPE,
  ShuffleRequest,
  ShuffleResponse,
} from './messages.js';
export type { CyclonOptions } from './options.js';
export type { ViewEntry } from './view-entry.js';
