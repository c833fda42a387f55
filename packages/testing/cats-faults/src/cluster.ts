import { type ChildProcess, spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  type WriteStream,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getJson } from './http.js';
import { NamespaceNetwork, namespaceSupport } from './netns.js';

/** The repository root (this file is in packages/testing/cats-faults/{src,dist}). */
export const repoRoot: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The built entry points of the apps the harness runs. */
export const defaultBins = {
  node: join(repoRoot, 'apps', 'cats-node', 'dist', 'cli.js'),
  bootstrap: join(repoRoot, 'apps', 'bootstrap-server', 'dist', 'cli.js'),
} as const;

/** TLS files given to every node (`--tls-key --tls-cert --tls-ca`). */
export interface ClusterTls {
  readonly keyFile: string;
  readonly certFile: string;
  readonly caFile: string;
}

/** How a {@link FaultCluster} is started. */
export interface ClusterOptions {
  /** Number of CATS nodes (default 5). */
  readonly nodes?: number;
  /**
   * `namespaces`: each node in its own network namespace (needs root; real partitions).
   * `loopback`: every process on 127.0.0.1 (partitions unavailable, said loudly).
   * `auto` (default): namespaces when available, else loopback with a warning.
   */
  readonly network?: 'auto' | 'namespaces' | 'loopback';
  /** Working folder (data dirs, logs); default a fresh temp folder. */
  readonly workDir?: string;
  /** `lmdb` (default, data dirs under workDir) or `memory`. */
  readonly store?: 'lmdb' | 'memory';
  /** Cluster secret given to every node (written to a file). */
  readonly clusterSecret?: string;
  /** Bearer token every node's /kv API requires. */
  readonly token?: string;
  readonly tls?: ClusterTls;
  readonly replicationDegree?: number;
  readonly logLevel?: string;
  /** Bootstrap server's eviction time (`--evict-after-ms`). */
  readonly evictAfterMs?: number;
  /** Built entry points, default {@link defaultBins}. */
  readonly bins?: { readonly node: string; readonly bootstrap: string };
  /** Where harness progress lines go (default: nowhere). */
  readonly say?: (line: string) => void;
  /** Nodes started by {@link FaultCluster.start} (the rest wait for {@link FaultCluster.restart}). Default all. */
  readonly initialNodes?: number;
  /** Nodes that do not get the cluster secret (an intruder, for admission tests). */
  readonly noSecretFor?: readonly number[];
  /** Extra flags per node index. */
  readonly extraNodeArgs?: (index: number) => readonly string[];
}

/** One process of the cluster: its flags, its current child (if running) and its log file. */
export interface ClusterProcess {
  readonly index: number;
  readonly name: string;
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly logFile: string;
  child: ChildProcess | undefined;
  paused: boolean;
  /** Times this node was started. */
  starts: number;
}

/** Status of a node as the harness needs it (a subset of the contract's `NodeStatus`). */
interface StatusView {
  readonly ring: { readonly joined: boolean };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Sleeps `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or `timeoutMs` passes; rejects with `what` on timeout. */
export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error;
    }
    await sleep(200);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}

/**
 * A CATS cluster of real processes: one bootstrap server and N `cats-node` processes, each
 * with its own lmdb data directory and log file, and the faults a harness applies to them —
 * kill -9, restart from the data directory, SIGSTOP/SIGCONT, partition and heal.
 */
export class FaultCluster {
  readonly workDir: string;
  readonly mode: 'namespaces' | 'loopback';
  /** Why the mode was chosen (the namespace check's answer). */
  readonly modeReason: string;
  readonly bootstrapUrl: string;
  readonly nodes: ClusterProcess[] = [];
  readonly #options: ClusterOptions;
  readonly #net: NamespaceNetwork | undefined;
  readonly #bootstrap: ClusterProcess;
  readonly #logs = new Map<string, WriteStream>();
  readonly #secretFile: string | undefined;
  readonly #say: (line: string) => void;
  #closed = false;
  /** Clusters not closed yet, so a signal handler can stop them all ({@link FaultCluster.closeAll}). */
  static readonly #open = new Set<FaultCluster>();

  /** Closes every cluster of this process that is still open (for signal handlers). */
  static async closeAll(): Promise<void> {
    await Promise.all([...FaultCluster.#open].map((c) => c.close()));
  }

  private constructor(
    options: ClusterOptions,
    net: NamespaceNetwork | undefined,
    reason: string,
    ports: { bootstrap: number; nodes: number[] },
  ) {
    this.#options = options;
    const say = options.say ?? (() => {});
    this.#say = (line: string) => {
      // Every event also goes, time-stamped, to faults.log in the run folder.
      this.#log('faults', join(this.workDir, 'logs', 'faults.log')).write(
        `${new Date().toISOString()} ${line}\n`,
      );
      say(line);
    };
    this.#net = net;
    this.mode = net ? 'namespaces' : 'loopback';
    this.modeReason = reason;
    this.workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'cats-faults-'));
    mkdirSync(join(this.workDir, 'logs'), { recursive: true });
    const scheme = options.tls ? 'https' : 'http';
    const bootstrapHost = net ? net.hostAddress : '127.0.0.1';
    this.bootstrapUrl = `${scheme}://${bootstrapHost}:${ports.bootstrap}`;
    this.#bootstrap = {
      index: -1,
      name: 'bootstrap',
      url: this.bootstrapUrl,
      host: bootstrapHost,
      port: ports.bootstrap,
      dataDir: undefined,
      logFile: join(this.workDir, 'logs', 'bootstrap.log'),
      child: undefined,
      paused: false,
      starts: 0,
    };
    if (options.clusterSecret !== undefined) {
      this.#secretFile = join(this.workDir, 'cluster-secret');
      writeFileSync(this.#secretFile, options.clusterSecret, { mode: 0o600 });
    }
    const count = ports.nodes.length;
    for (let i = 0; i < count; i++) {
      const host = net ? net.slot(i).address : '127.0.0.1';
      const port = ports.nodes[i] as number;
      this.nodes.push({
        index: i,
        name: `node${i}`,
        url: `${scheme}://${host}:${port}`,
        host,
        port,
        dataDir: (options.store ?? 'lmdb') === 'lmdb' ? join(this.workDir, `data-${i}`) : undefined,
        logFile: join(this.workDir, 'logs', `node${i}.log`),
        child: undefined,
        paused: false,
        starts: 0,
      });
    }
  }

  /** Starts the bootstrap server and every node, and waits until each node has joined the ring. */
  static async start(options: ClusterOptions = {}): Promise<FaultCluster> {
    const count = options.nodes ?? 5;
    if (!Number.isInteger(count) || count < 1 || count > 50)
      throw new RangeError(`nodes must be 1..50, got ${count}`);
    const bins = options.bins ?? defaultBins;
    for (const bin of [bins.node, bins.bootstrap]) {
      if (!existsSync(bin)) throw new Error(`${bin} is missing: build the apps first (pnpm build)`);
    }
    const wanted = options.network ?? 'auto';
    const support = namespaceSupport();
    let net: NamespaceNetwork | undefined;
    let reason = support.reason;
    if (wanted === 'namespaces' && !support.available) {
      throw new Error(`network namespaces were required but are not available: ${support.reason}`);
    }
    if (wanted !== 'loopback' && support.available) net = new NamespaceNetwork();
    if (wanted === 'loopback') reason = 'loopback mode requested';
    if (!net && wanted !== 'loopback') {
      (options.say ?? ((line: string) => process.stderr.write(`${line}\n`)))(
        `cats-faults: WARNING: no network namespaces (${reason}); every process runs on 127.0.0.1 and ` +
          'PARTITIONS ARE SKIPPED (the network layer @kompics/network-ws has no fault hook to cut links).',
      );
    }
    const ports = {
      bootstrap: await freePort(),
      nodes: [] as number[],
    };
    for (let i = 0; i < count; i++) ports.nodes.push(net ? 7000 : await freePort());
    const cluster = new FaultCluster(options, net, reason, ports);
    FaultCluster.#open.add(cluster);
    try {
      await cluster.#startBootstrap();
      for (const node of cluster.nodes.slice(0, options.initialNodes ?? count)) {
        cluster.#spawnNode(node);
        // Joining one at a time keeps the ring's early life simple.
        await cluster.waitJoined(node.index, 60_000);
      }
      await cluster.waitStable(60_000);
    } catch (error) {
      await cluster.close();
      throw error;
    }
    return cluster;
  }

  /** Whether real partitions are available (namespace mode). */
  get canPartition(): boolean {
    return this.#net !== undefined;
  }

  /** Node URLs, for clients. */
  get urls(): string[] {
    return this.nodes.map((n) => n.url);
  }

  #log(name: string, file: string): WriteStream {
    let stream = this.#logs.get(name);
    if (!stream) {
      stream = createWriteStream(file, { flags: 'a' });
      this.#logs.set(name, stream);
    }
    return stream;
  }

  #spawn(proc: ClusterProcess, prefix: readonly string[], args: readonly string[]): void {
    const log = this.#log(proc.name, proc.logFile);
    log.write(
      `--- harness ${new Date().toISOString()}: start #${proc.starts + 1} of ${proc.name}: ${[...prefix, 'node', ...args].join(' ')}\n`,
    );
    const command = prefix.length > 0 ? (prefix[0] as string) : process.execPath;
    const argv = prefix.length > 0 ? [...prefix.slice(1), process.execPath, ...args] : [...args];
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.on('exit', (code, signal) => {
      log.write(
        `--- harness ${new Date().toISOString()}: ${proc.name} exited (code ${code}, signal ${signal})\n`,
      );
      if (proc.child === child) proc.child = undefined;
    });
    proc.child = child;
    proc.paused = false;
    proc.starts++;
  }

  async #startBootstrap(): Promise<void> {
    const b = this.#bootstrap;
    const bins = this.#options.bins ?? defaultBins;
    const args = [bins.bootstrap, '--port', String(b.port), '--host', b.host];
    const o = this.#options;
    if (o.evictAfterMs !== undefined) args.push('--evict-after-ms', String(o.evictAfterMs));
    if (this.#secretFile !== undefined) args.push('--cluster-secret-file', this.#secretFile);
    if (o.tls) args.push('--tls-key', o.tls.keyFile, '--tls-cert', o.tls.certFile, '--tls-ca', o.tls.caFile);
    args.push('--log-level', o.logLevel ?? 'info');
    this.#spawn(b, [], args);
    if (b.child?.pid !== undefined) this.#net?.trackProcess(b.child.pid);
    await waitFor('the bootstrap server', 20_000, async () => {
      await getJson(`${this.bootstrapUrl}/api/nodes`, this.#tlsCa());
      return true;
    });
    this.#say(`bootstrap server up at ${this.bootstrapUrl}`);
  }

  /** The flags `cats-node` gets for node `index`. */
  nodeArgs(index: number): string[] {
    const node = this.#node(index);
    const o = this.#options;
    const bins = o.bins ?? defaultBins;
    const args = [
      bins.node,
      '--port',
      String(node.port),
      '--host',
      node.host,
      '--bootstrap',
      this.bootstrapUrl,
    ];
    if (node.dataDir !== undefined) args.push('--store', 'lmdb', '--data-dir', node.dataDir);
    else args.push('--store', 'memory');
    if (this.#secretFile !== undefined && !(o.noSecretFor ?? []).includes(index))
      args.push('--cluster-secret-file', this.#secretFile);
    if (o.token !== undefined) args.push('--token', o.token);
    if (o.tls) args.push('--tls-key', o.tls.keyFile, '--tls-cert', o.tls.certFile, '--tls-ca', o.tls.caFile);
    if (o.replicationDegree !== undefined) args.push('--replication-degree', String(o.replicationDegree));
    args.push('--log-level', o.logLevel ?? 'info');
    if (o.extraNodeArgs) args.push(...o.extraNodeArgs(index));
    return args;
  }

  #spawnNode(node: ClusterProcess): void {
    this.#spawn(node, this.#net ? this.#net.execPrefix(node.index) : [], this.nodeArgs(node.index));
  }

  #node(index: number): ClusterProcess {
    const node = this.nodes[index];
    if (!node) throw new RangeError(`no node ${index} (cluster of ${this.nodes.length})`);
    return node;
  }

  /** Options for HTTP calls to nodes (the CA with TLS). */
  get httpOptions(): { ca?: Buffer } {
    return this.#tlsCa();
  }

  /** Fetches a node's status (contract: GET /api/status). */
  async status(index: number): Promise<StatusView> {
    return getJson<StatusView>(`${this.#node(index).url}/api/status`, { timeoutMs: 2_000, ...this.#tlsCa() });
  }

  #tlsCa(): { ca?: Buffer } {
    const tls = this.#options.tls;
    if (!tls) return {};
    // Read lazily: the CA file is small.
    return { ca: readCa(tls.caFile) };
  }

  /** Waits until node `index` answers and says it has joined the ring. */
  async waitJoined(index: number, timeoutMs = 30_000): Promise<void> {
    await waitFor(
      `node${index} to join the ring`,
      timeoutMs,
      async () => (await this.status(index)).ring.joined,
    );
    this.#say(`node${index} joined (${this.#node(index).url})`);
  }

  /** Waits until every running, unpaused node knows all other running nodes as members. */
  async waitStable(timeoutMs = 30_000): Promise<void> {
    const live = this.nodes.filter((n) => n.child && !n.paused);
    await waitFor('the member tables to agree', timeoutMs, async () => {
      for (const n of live) {
        const members = await getJson<{ members: { address: string }[] }>(`${n.url}/api/members`, {
          timeoutMs: 2_000,
          ...this.#tlsCa(),
        });
        if (members.members.length < live.length) return false;
      }
      return true;
    });
  }

  /** `kill -9` node `index` and waits for it to exit. */
  async kill(index: number): Promise<void> {
    const node = this.#node(index);
    const child = node.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    node.paused = false;
    this.#say(`kill -9 node${index}`);
  }

  /** Restarts node `index` from its data directory; waits until it has joined unless `wait` is false. */
  async restart(index: number, wait = true): Promise<void> {
    const node = this.#node(index);
    if (node.child) throw new Error(`node${index} is still running`);
    this.#spawnNode(node);
    this.#say(`restart node${index}`);
    if (wait) await this.waitJoined(index, 60_000);
  }

  /** SIGSTOP: the process is frozen with its sockets open. */
  pause(index: number): void {
    const node = this.#node(index);
    if (!node.child || node.paused) return;
    node.child.kill('SIGSTOP');
    node.paused = true;
    this.#say(`pause (SIGSTOP) node${index}`);
  }

  /** SIGCONT. */
  resume(index: number): void {
    const node = this.#node(index);
    if (!node.child || !node.paused) return;
    node.child.kill('SIGCONT');
    node.paused = false;
    this.#say(`resume (SIGCONT) node${index}`);
  }

  /** Cuts `minority` off from the rest (and from the harness). Throws in loopback mode. */
  partition(minority: readonly number[]): void {
    if (!this.#net) throw new Error('partitions need network namespaces (run as root with iproute2)');
    this.#net.partition(minority);
    this.#say(`partition: {${minority.map((i) => `node${i}`).join(', ')}} cut off`);
  }

  /** Undoes every partition. */
  heal(): void {
    if (!this.#net) return;
    this.#net.heal();
    this.#say('heal');
  }

  /** Deletes the work folder (data directories and logs). Call after {@link close}. */
  removeWorkDir(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Stops everything (SIGCONT then SIGKILL), removes the namespaces; keeps the work folder. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    FaultCluster.#open.delete(this);
    const all = [...this.nodes, this.#bootstrap];
    await Promise.all(
      all.map(async (p) => {
        const child = p.child;
        if (!child) return;
        // 'close': the process is gone and its output pipes are drained into the log.
        const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await Promise.race([closed, sleep(10_000)]);
      }),
    );
    this.#net?.close();
    await Promise.all([...this.#logs.values()].map((s) => new Promise<void>((resolve) => s.end(resolve))));
  }
}

const caCache = new Map<string, Buffer>();
function readCa(file: string): Buffer {
  let ca = caCache.get(file);
  if (!ca) {
    ca = readFileSync(file);
    caCache.set(file, ca);
  }
  return ca;
}
