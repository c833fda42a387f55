import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Child, type Children, tail } from './processes.js';

/** A running local cluster. */
export interface LocalCluster {
  readonly bootstrap: { readonly url: string; readonly child: Child };
  readonly nodes: readonly { readonly name: string; readonly url: string; readonly child: Child }[];
}

const require = createRequire(import.meta.url);

/** The built entry point (`bin`) of a workspace app, e.g. `@cats/node-app`. */
export function appScript(packageName: string): string {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const bin = Object.values(manifest.bin ?? {})[0];
  if (bin === undefined) throw new Error(`${packageName} has no bin`);
  return join(dirname(manifestPath), bin);
}

/** The environment for the children: the main job's, without CATS_* settings that would override the flags. */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CATS_')));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/** Waits until `ready()` holds, failing early when `child` exits and after `timeoutMs`. */
async function waitFor(
  what: string,
  children: readonly Child[],
  timeoutMs: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = children.find((c) => c.done);
    if (dead !== undefined) {
      throw new Error(
        `${dead.name} exited while waiting for ${what}; the end of its log (${dead.logFile}):\n${tail(dead.logFile)}`,
      );
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await delay(200);
  }
}

interface NodeState {
  readonly joined: boolean;
  readonly members: number;
  readonly fullSlices: boolean;
}

async function nodeState(url: string, expected: number): Promise<NodeState> {
  const status = (await getJson(`${url}/api/status`)) as { ring?: { joined?: boolean } };
  const members = (await getJson(`${url}/api/members`)) as {
    members?: unknown[];
    replicationDegree?: number;
    slices?: { members?: unknown[] }[];
  };
  const degree = Math.min(members.replicationDegree ?? 3, expected);
  return {
    joined: status.ring?.joined === true,
    members: members.members?.length ?? 0,
    fullSlices: (members.slices ?? []).every((s) => (s.members?.length ?? 0) >= degree),
  };
}

/**
 * Starts the bootstrap server on `ports[0]` and `nodeCount` nodes on the next ports (the first
 * node alone, so it creates the ring, then the others together), and waits until every node has
 * joined, knows all the others and sees a full replica group for every key range.
 */
export async function startLocalCluster(
  children: Children,
  options: { nodeCount: number; ports: readonly number[]; store: 'lmdb' | 'memory'; runDir: string },
  say: (line: string) => void,
): Promise<LocalCluster> {
  const env = childEnv();
  const logs = join(options.runDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const bootstrapPort = options.ports[0]!;
  const bootstrapUrl = `http://127.0.0.1:${bootstrapPort}`;
  const bootstrapChild = children.start(
    'bootstrap server',
    appScript('@cats/bootstrap-server-app'),
    ['--port', String(bootstrapPort), '--host', '127.0.0.1'],
    join(logs, 'bootstrap.log'),
    env,
  );
  say(`  bootstrap  ${bootstrapUrl}/  (pid ${bootstrapChild.pid})`);
  await waitFor('the bootstrap server', [bootstrapChild], 30_000, async () => {
    await getJson(`${bootstrapUrl}/api/nodes`);
    return true;
  });

  const nodeScript = appScript('@cats/node-app');
  const nodes: { name: string; url: string; child: Child }[] = [];
  const startNode = (i: number) => {
    const port = options.ports[i + 1]!;
    const name = `node ${i + 1}`;
    const args = [
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--bootstrap',
      bootstrapUrl,
      '--log-level',
      'info',
    ];
    if (options.store === 'lmdb') {
      const dataDir = join(options.runDir, 'data', `node-${i + 1}`);
      mkdirSync(dataDir, { recursive: true });
      args.push('--store', 'lmdb', '--data-dir', dataDir);
    } else args.push('--store', 'memory');
    const child = children.start(name, nodeScript, args, join(logs, `node-${i + 1}.log`), env);
    const url = `http://127.0.0.1:${port}`;
    nodes.push({ name, url, child });
    say(`  ${name.padEnd(9)}  ${url}/  (pid ${child.pid})`);
  };
  startNode(0);
  await waitFor('node 1 to create the ring', [bootstrapChild, nodes[0]!.child], 60_000, async () => {
    return (await nodeState(nodes[0]!.url, 1)).joined;
  });
  for (let i = 1; i < options.nodeCount; i++) startNode(i);
  const all = [bootstrapChild, ...nodes.map((n) => n.child)];
  await waitFor(`the ${options.nodeCount} nodes to form one cluster`, all, 120_000, async () => {
    const states = await Promise.all(nodes.map((n) => nodeState(n.url, options.nodeCount)));
    return states.every((s) => s.joined && s.members === options.nodeCount && s.fullSlices);
  });
  return { bootstrap: { url: bootstrapUrl, child: bootstrapChild }, nodes };
}
