// Real processes for the end-to-end tests: a bootstrap server and cats-node processes on free
// loopback ports, their output kept for failure messages, all killed at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { NodeStatus } from '@cats/node-app';
import { repoRoot } from '../../../../scripts/test-support/ensure-built.js';

export const NODE_CLI = join(repoRoot, 'apps/cats-node/dist/cli.js');
export const BOOTSTRAP_CLI = join(repoRoot, 'apps/bootstrap-server/dist/cli.js');

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** A child process with its output and a promise of its exit code. */
export interface Proc {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  output(): string;
  readonly exited: Promise<number | null>;
}

const all = new Set<ChildProcess>();

/** Runs `node script args…` and keeps its output. */
export function run(script: string, args: readonly string[], port = 0, env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  all.add(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      all.delete(child);
      resolve(code);
    });
  });
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Kills every process these helpers started that is still running. */
export async function killAll(): Promise<void> {
  const waits = [...all].map((c) => new Promise((r) => c.once('exit', r)));
  for (const c of all) c.kill('SIGKILL');
  await Promise.all(waits);
}

/** Polls `check` until it returns a value other than `undefined`/`false`, or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** GET a JSON document, failing on a non-2xx answer. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Starts a bootstrap server and waits until it answers. */
export async function startBootstrap(extra: readonly string[] = []): Promise<Proc> {
  const port = await freePort();
  const proc = run(BOOTSTRAP_CLI, ['--port', String(port), ...extra], port);
  await waitFor(
    `bootstrap server on ${port}\n${proc.output()}`,
    () => getJson(`${proc.url}/api/nodes`),
    15_000,
  );
  return proc;
}

/** Starts a node and waits until its HTTP side answers (not until it has joined). */
export async function startNode(bootstrap: Proc, args: readonly string[], port?: number): Promise<Proc> {
  const p = port ?? (await freePort());
  const proc = run(NODE_CLI, ['--port', String(p), '--bootstrap', bootstrap.url, ...args], p);
  await waitFor(`node on ${p} to answer`, async () => {
    if (proc.child.exitCode !== null)
      throw new Error(`node exited ${proc.child.exitCode}:\n${proc.output()}`);
    return getJson<NodeStatus>(`${proc.url}/api/status`);
  });
  return proc;
}

/** The node's status. */
export function statusOf(proc: Proc): Promise<NodeStatus> {
  return getJson<NodeStatus>(`${proc.url}/api/status`);
}
