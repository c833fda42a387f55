export {
  LeaveOverlay,
  Lookup,
  LookupResponse,
  MemberTable,
  MemberTableQuery,
  OverlayRouter,
} from './overlay-router-port.js';
export { replicaGroup, responsibleIndex } from './responsible.js';
