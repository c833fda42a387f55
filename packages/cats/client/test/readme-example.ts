// The README's example, run by readme.test.ts against a fake cluster (CATS_NODE is set there).
import { CatsClientError, connect } from '../src/index.js';

const db = await connect({ nodes: [process.env.CATS_NODE ?? 'http://127.0.0.1:7001'] }, { timeoutMs: 5_000 });
try {
  await db.put('greeting', 'hello');
  console.log(await db.getString('greeting')); // 'hello'
  await db.put('bytes', new Uint8Array([1, 2, 3]));
  console.log(await db.get('bytes')); // Uint8Array(3) [ 1, 2, 3 ]
  await db.delete('greeting');
  console.log(await db.get('greeting')); // undefined
} catch (error) {
  if (error instanceof CatsClientError) console.error(`${error.code}: ${error.message}`);
  throw error;
} finally {
  db.close();
}
