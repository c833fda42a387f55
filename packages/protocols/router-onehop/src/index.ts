export { type MemberRecord, supersedes } from './member-record.js';
export { type Change, Membership } from './membership.js';
export {
  MAX_TABLE_RECORDS,
  registerOneHopRouterCodecs,
  TABLE_DIGEST_TYPE,
  TABLE_STATE_TYPE,
  TableDigest,
  TableState,
  type WireRecord,
} from './messages.js';
export { OneHopRouter, type RouterStats } from './one-hop-router.js';
export { type OneHopRouterOptions, type ResolvedRouterOptions, resolveRouterOptions } from './options.js';
export {
  isIncarnation,
  MEMBER_FAILED_TYPE,
  MEMBER_JOINED_TYPE,
  MEMBER_LEFT_TYPE,
  MemberFailed,
  MemberJoined,
  MemberLeft,
  registerRouterPayloads,
} from './payloads.js';
export { tableDigest } from './table-digest.js';
