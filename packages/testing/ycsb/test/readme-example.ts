// The README's example (test/readme.test.ts checks that the two agree, and runs it).
import { loadPhase, MemoryDriver, runPhase, workload } from '../src/index.js';

const driver = new MemoryDriver(); // or new EtcdDriver(endpoints), or a CATS driver
const w = workload('B', {
  recordCount: 1000,
  operationCount: 5000,
  concurrency: 16,
  distribution: 'zipfian',
});
await loadPhase(driver, w);
const run = await runPhase(driver, w, (done, total) => process.stderr.write(`\r${done}/${total}`));
console.log(`${run.throughput.toFixed(0)} ops/s, read p99 ${run.latency.read?.p99} ms, errors ${run.errors}`);
await driver.close();
