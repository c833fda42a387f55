// The README's example, run by readme.test.ts.
import { checkRun, FaultCluster, HistoryRecorder, runWorkload } from '../src/index.js';

const cluster = await FaultCluster.start({ nodes: 3 }); // bootstrap server + 3 cats-node processes
const history = new HistoryRecorder();
try {
  const load = await runWorkload(history, { nodes: cluster.urls, clients: 2 });
  await cluster.kill(1); // kill -9
  await cluster.restart(1); // from its data directory; resolves once it has joined again
  cluster.pause(2); // SIGSTOP
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  cluster.resume(2); // SIGCONT
  await load.stop();
} finally {
  await cluster.close();
}
const verdict = checkRun(history, cluster.workDir);
console.log(verdict.verdict); // 'linearizable'
