export { between, inArc, isRingId, RING_SIZE, ringDistance, ringHash } from './ring-identifier.js';
export { RingNode } from './ring-node.js';
export {
  CreateRing,
  JoinRing,
  LeaveRing,
  Neighbourhood,
  NeighbourhoodQuery,
  NewPredecessor,
  NewSuccessorList,
  Ring,
  RingJoined,
} from './ring-port.js';
