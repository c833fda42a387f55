export {
  AtomicRegister,
  OperationFailed,
  type OperationFailureReason,
  ReadRequest,
  ReadResponse,
  RegisterRequest,
  RegisterResponse,
  WriteRequest,
  WriteResponse,
} from './atomic-register-port.js';
export { MAX_KEY_BYTES, type RegisterValue } from './limits.js';
