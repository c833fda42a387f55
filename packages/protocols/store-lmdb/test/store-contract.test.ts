import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '@kompics/store/testing';
import { LmdbStore } from '../src/index.js';

// A fresh directory per test; a restart opens the same directory in a new component.
storeContract('LmdbStore', {
  setup: () => ({ definition: LmdbStore, args: [{ path: mkdtempSync(join(tmpdir(), 'kompics-lmdb-')) }] }),
  reopen: (previous) => ({ definition: LmdbStore, args: previous.args }),
  afterKill: (store) => (store as LmdbStore).close(),
  teardown: (subject) => rmSync((subject.args[0] as { path: string }).path, { recursive: true, force: true }),
});
