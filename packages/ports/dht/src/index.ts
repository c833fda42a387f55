export {
  Delete,
  DeleteResponse,
  Dht,
  DhtFailure,
  type DhtFailureReason,
  DhtRequest,
  DhtResponse,
  Get,
  GetResponse,
  Put,
  PutResponse,
} from './dht-port.js';
export { type DhtValue, MAX_KEY_BYTES, MAX_VALUE_BYTES } from './limits.js';
