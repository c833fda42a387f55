export { type JsonObject, type JsonValue, Status, StatusRequest, StatusResponse } from './status-port.js';
