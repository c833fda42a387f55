import { storeContract } from '@kompics/store/testing';
import { MemoryStore, MemoryStoreData } from '../src/index.js';

// A fresh store per test; a restart hands the same data to a new component.
storeContract('MemoryStore', {
  setup: () => ({ definition: MemoryStore, args: [{ data: new MemoryStoreData() }] }),
  reopen: (previous) => ({ definition: MemoryStore, args: previous.args }),
});
