// The README's TLS example, run by readme.test.ts against an https fake cluster (from the folder holding ca.pem).
import { readFileSync } from 'node:fs';
import { connect } from '../src/index.js';

// Trust the cluster's own CA (the certificate its nodes' certificates were signed with).
const db = await connect(
  { bootstrap: process.env.CATS_BOOTSTRAP ?? 'https://127.0.0.1:7000' },
  { ca: readFileSync('ca.pem') },
);
try {
  await db.put('over', 'TLS');
  console.log(await db.getString('over')); // 'TLS'
} finally {
  db.close();
}
