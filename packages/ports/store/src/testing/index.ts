export { type StoreContractHarness, storeContract } from './store-contract.js';
export {
  openStoreSession,
  type StoreSession,
  type StoreSubject,
  UnexpectedStoreResponse,
} from './store-session.js';
