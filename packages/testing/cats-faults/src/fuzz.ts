import { rmSync } from 'node:fs';
import { connect } from '@cats/client';
import { type ClusterOptions, defaultBins, FaultCluster } from './cluster.js';
import { type CliFuzzReport, fuzzCli } from './fuzz/cli.js';
import { fuzzHttp, type HttpFuzzReport, slowClients } from './fuzz/http.js';
import { fuzzWire, type WireFuzzReport } from './fuzz/wire.js';
import { httpCall } from './http.js';
import { countLines } from './log-count.js';

/** Options of {@link runFuzz}. */
export interface FuzzRunOptions extends ClusterOptions {
  /** Hostile wire frames. Default 90 000. */
  readonly frames?: number;
  /** Hostile HTTP requests. Default 10 000. */
  readonly requests?: number;
  /** Slow (byte-trickling) HTTP clients held open during the HTTP fuzz. Default 50. */
  readonly slowSockets?: number;
  /** Skip the CLI/config cases. */
  readonly skipCli?: boolean;
  readonly keep?: boolean;
  readonly seed?: number;
}

/** What the hostile-input run found. */
export interface FuzzRunReport {
  readonly ok: boolean;
  /** Hostile inputs in all (frames + requests + CLI starts). */
  readonly total: number;
  readonly wire: WireFuzzReport;
  readonly http: HttpFuzzReport;
  readonly cli: CliFuzzReport | undefined;
  /** Slow sockets the node had closed by the end of the HTTP fuzz. */
  readonly slowClosedByNode: number;
  /** `rejected frame` lines in the target's log. */
  readonly frameRejectionLines: number;
  /** `request rejected` lines in the target's log. */
  readonly httpRejectionLines: number;
  /** Healthy put/get pairs done during and after the fuzz that agreed. */
  readonly healthyChecks: number;
  readonly problems: readonly string[];
  readonly outDir: string;
}

/**
 * Hostile input, counted: a cluster (no cluster secret, so the fuzzer reaches message decoding)
 * whose node 0 gets hostile wire frames and HTTP requests (with slow clients hanging on), then
 * the CLI and config cases. Afterwards node 0 must be up, put/get through a healthy client
 * must agree, and its log must hold a rejection line per rejected input.
 */
export async function runFuzz(options: FuzzRunOptions = {}): Promise<FuzzRunReport> {
  const { clusterSecret: _ignored, ...clusterOptions } = options;
  const cluster = await FaultCluster.start({ nodes: 3, store: 'memory', ...clusterOptions });
  const problems: string[] = [];
  const target = cluster.nodes[0] as NonNullable<(typeof cluster.nodes)[0]>;
  const wsUrl = target.url.replace(/^http/, 'ws');
  let wire: WireFuzzReport | undefined;
  let http: HttpFuzzReport | undefined;
  let cli: CliFuzzReport | undefined;
  let slowClosed = 0;
  let healthy = 0;
  const token = options.token === undefined ? {} : { token: options.token };
  const healthyCheck = async (label: string) => {
    const db = await connect({ nodes: cluster.urls }, { timeoutMs: 10_000, ...token });
    try {
      const key = `fuzz-health-${label}-${healthy}`;
      const value = `ok-${Date.now()}`;
      await db.put(key, value);
      const got = await db.getString(key);
      if (got !== value) problems.push(`${label}: put ${value} then get returned ${String(got)}`);
      else healthy++;
      // And directly through the fuzzed node.
      const headers: Record<string, string> = options.token
        ? { authorization: `Bearer ${options.token}` }
        : {};
      const direct = await httpCall(`${target.url}/kv/${encodeURIComponent(key)}`, {
        headers,
        timeoutMs: 10_000,
      });
      if (direct.status !== 200 || direct.body.toString('utf8') !== value) {
        problems.push(
          `${label}: GET through the fuzzed node answered ${direct.status} ${direct.body.toString('utf8', 0, 100)}`,
        );
      } else healthy++;
    } catch (error) {
      problems.push(`${label}: healthy client failed: ${(error as Error).message}`);
    } finally {
      db.close();
    }
  };
  try {
    await healthyCheck('before');
    wire = await fuzzWire({ url: wsUrl, frames: options.frames ?? 90_000, seed: options.seed ?? 1 });
    await healthyCheck('after-wire');
    const slow = slowClients({ url: target.url, sockets: options.slowSockets ?? 50 });
    try {
      http = await fuzzHttp({
        url: target.url,
        requests: options.requests ?? 10_000,
        seed: options.seed ?? 1,
        ...token,
      });
      await healthyCheck('during-slow-clients');
    } finally {
      slowClosed = slow.stop();
    }
    if (!options.skipCli) cli = await fuzzCli(options.bins ?? defaultBins);
    const status = await httpCall(`${target.url}/api/status`, { timeoutMs: 5_000 });
    if (status.status !== 200) problems.push(`the fuzzed node answers /api/status with ${status.status}`);
    if (!target.child) problems.push('the fuzzed node process is gone');
    await healthyCheck('after');
  } catch (error) {
    problems.push(`the run failed: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await cluster.close();
  }
  const frameLines = countLines(target.logFile, 'rejected frame');
  const httpLines = countLines(target.logFile, 'request rejected');
  if (wire && frameLines < wire.certainRejections) {
    problems.push(
      `${wire.certainRejections} frames must have been rejected but the log has ${frameLines} rejection lines`,
    );
  }
  if (wire && frameLines > wire.sent)
    problems.push(`more frame rejection lines (${frameLines}) than frames sent (${wire.sent})`);
  if (http && http.unexpected.length > 0)
    problems.push(`HTTP answers that are not rejections: ${http.unexpected.join('; ')}`);
  if (http && httpLines < http.rejected) {
    problems.push(
      `${http.rejected} HTTP requests were rejected but the log has ${httpLines} "request rejected" lines`,
    );
  }
  if (cli) {
    for (const c of cli.cases) {
      if (!c.clean)
        problems.push(
          `CLI case "${c.name}": exit ${c.exitCode} signal ${c.signal}, stack trace ${c.stackTrace}: ${c.message}`,
        );
    }
  }
  const ok = problems.length === 0;
  if (ok && !options.keep) rmSync(cluster.workDir, { recursive: true, force: true });
  const emptyWire: WireFuzzReport = {
    sent: 0,
    certainRejections: 0,
    preHandshake: 0,
    byKind: {},
    connections: 0,
    refusedConnections: 0,
  };
  const emptyHttp: HttpFuzzReport = {
    sent: 0,
    statuses: {},
    byKind: {},
    byKindStatus: {},
    expectedRejections: 0,
    rejected: 0,
    unexpected: [],
    rawGarbage: 0,
  };
  return {
    ok,
    total: (wire?.sent ?? 0) + (http?.sent ?? 0) + (cli?.cases.length ?? 0),
    wire: wire ?? emptyWire,
    http: http ?? emptyHttp,
    cli,
    slowClosedByNode: slowClosed,
    frameRejectionLines: frameLines,
    httpRejectionLines: httpLines,
    healthyChecks: healthy,
    problems,
    outDir: cluster.workDir,
  };
}
