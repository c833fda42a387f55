import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHistory, kvModel, renderHtml } from '@kompics/linearizability';
import { type LocalCluster, startLocalCluster } from './cluster.js';
import type { LocalClusterOptions } from './options.js';
import { choosePorts } from './ports.js';
import { Children } from './processes.js';
import { ProgressBar } from './progress-bar.js';
import { historyJsonl, percentile, runWorkload, type WorkloadResult } from './workload.js';

/** Where the main job writes. */
export interface RunIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

function ms(value: number): string {
  return Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** The figures table: throughput and, per operation type, count and latency percentiles. */
export function formatResults(result: WorkloadResult): string[] {
  const ok = result.history.filter((op) => op.return !== null).length;
  const failed = result.history.length - ok;
  const seconds = result.elapsedMs / 1000;
  const lines = [
    `  throughput  ${Math.round(ok / seconds)} ops/s (${ok} operations in ${seconds.toFixed(1)} s; ${failed} failed${
      failed === 0
        ? ''
        : `: ${Object.entries(result.errors)
            .map(([code, n]) => `${n} ${code}`)
            .join(', ')}`
    })`,
    '  latency     op        count     p50 ms    p95 ms    p99 ms',
  ];
  for (const f of ['get', 'put', 'delete'] as const) {
    const s = result.byOp[f];
    const cells = [
      f.padEnd(8),
      String(s.ok).padStart(6),
      ...[0.5, 0.95, 0.99].map((q) => ms(percentile(s.latenciesMs, q)).padStart(9)),
    ];
    lines.push(`              ${cells.join(' ')}`);
  }
  return lines;
}

/**
 * The main job: starts the cluster, runs the workload, checks and reports, then (unless
 * `options.exit`) keeps the cluster up until SIGINT/SIGTERM. Resolves to the exit code; every
 * child is gone when it resolves, and the process's `exit` event kills any left on other paths.
 */
export async function runLocalCluster(options: LocalClusterOptions, io: RunIo): Promise<number> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const children = new Children();
  const killOnExit = () => children.killAll();
  process.on('exit', killOnExit);
  let stopping: Promise<void> | undefined;
  let signalled: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      io.stderr.write(`\n${signal} again: killing every process now\n`);
      children.killAll();
      process.exit(130);
    }
    io.stderr.write(`\n${signal}: stopping the cluster (again to force)\n`);
    signalled?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const stopAll = async () => {
    stopping ??= (async () => {
      const nodes = children.running().filter((c) => c.name.startsWith('node'));
      await children.stop(nodes, 10_000);
      await children.stop(children.running(), 5_000);
    })();
    await stopping;
  };

  const runDir = mkdtempSync(join(tmpdir(), 'cats-local-'));
  let code = 0;
  try {
    const ports = await choosePorts(options.nodes + 1, options.basePort);
    say(
      `CATS local cluster: a bootstrap server and ${options.nodes} node processes on 127.0.0.1, ${options.store} store`,
    );
    say(`  files      ${runDir}`);
    const started = Date.now();
    const cluster: LocalCluster = await Promise.race([
      startLocalCluster(children, { nodeCount: options.nodes, ports, store: options.store, runDir }, say),
      stopped.then(() => {
        throw new Error('interrupted');
      }),
    ]);
    say(`cluster formed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    say(
      `workload: ${options.clients} clients for ${options.durationS} s, 50% get, 35% put, 15% delete, 60% on 4 hot keys, the rest on 500 cold keys`,
    );
    const bar = new ProgressBar(io.stdout);
    const result = await runWorkload({
      seeds: { bootstrap: cluster.bootstrap.url },
      clients: options.clients,
      durationMs: options.durationS * 1000,
      hotKeys: 4,
      coldKeys: 500,
      hotShare: 0.6,
      timeoutMs: 5_000,
      onProgress: (p) => bar.update(p),
    });
    bar.done();
    const historyFile = join(runDir, 'history.jsonl');
    writeFileSync(historyFile, historyJsonl(result.history));

    say('results:');
    for (const line of formatResults(result)) say(line);
    const check = checkHistory(kvModel, result.history, { timeoutMs: 60_000 });
    const keys = check.parts.length;
    const verdict =
      check.verdict === 'linearizable'
        ? 'LINEARIZABLE'
        : check.verdict === 'unknown'
          ? 'UNKNOWN (checker budget ran out)'
          : 'NOT LINEARIZABLE';
    say(
      `  verdict     ${verdict}: ${result.history.length} operations on ${keys} keys, checked in ${(check.elapsedMs / 1000).toFixed(2)} s`,
    );
    say(`  history     ${historyFile} (lincheck check <file> --model kv)`);
    if (check.verdict === 'not-linearizable') {
      const report = join(runDir, 'violation.html');
      writeFileSync(report, renderHtml(kvModel, result.history, check));
      say(`  report      ${report}`);
      code = 1;
    }
    const first = cluster.nodes[0]!.url;
    say('pages:');
    say(`  status     ${cluster.nodes.map((n) => `${n.url}/`).join('  ')}`);
    say(`  cluster    ${first}/cluster`);
    say(`  bootstrap  ${cluster.bootstrap.url}/`);
    say(`  metrics    ${first}/metrics`);
    say(`  logs       ${join(runDir, 'logs')}`);

    if (!options.exit) {
      say('try it:');
      say(`  node apps/cats-client/dist/main.js --bootstrap ${cluster.bootstrap.url} put hello world`);
      say(`  node apps/cats-client/dist/main.js --bootstrap ${cluster.bootstrap.url} shell`);
      say('The cluster keeps running; Ctrl-C stops it.');
      const crashed = Promise.race(cluster.nodes.map((n) => n.child.exited.then(() => n)));
      const which = await Promise.race([stopped.then(() => undefined), crashed]);
      if (which !== undefined) {
        io.stderr.write(
          `${which.name} exited on its own (log: ${which.child.logFile}); stopping the cluster\n`,
        );
        code = 1;
      }
    }
  } catch (error) {
    if (!(error instanceof Error && error.message === 'interrupted')) {
      io.stderr.write(`the main job failed: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
  } finally {
    say('stopping the cluster...');
    await stopAll();
    const left = children.all().filter((c) => !c.done);
    say(
      left.length === 0
        ? `stopped: all ${children.all().length} processes have exited`
        : `still running: ${left.map((c) => c.pid).join(', ')}`,
    );
    rmSync(join(runDir, 'data'), { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', killOnExit);
  }
  return code;
}
