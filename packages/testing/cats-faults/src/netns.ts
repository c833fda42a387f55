import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every interface, bridge and namespace the harness creates starts with this (so stale ones can be found). */
export const NAME_PREFIX = 'kf';

/** Folder of the run records (`<runId>.json`: owner pid and names) used to clean up after a crashed harness. */
const STATE_DIR = join(tmpdir(), 'cats-faults-netns');

/** Why real partitions are (not) available on this machine. */
export interface NamespaceSupport {
  readonly available: boolean;
  /** The reason when not available (not root, `ip` missing, namespaces refused). */
  readonly reason: string;
}

function ip(args: readonly string[], ignoreFailure = false): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (ignoreFailure) return '';
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim() ?? '';
    throw new Error(`ip ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** Checks whether this process can create network namespaces (root and the `ip` tool). */
export function namespaceSupport(): NamespaceSupport {
  if (process.platform !== 'linux')
    return { available: false, reason: `platform ${process.platform} is not linux` };
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return { available: false, reason: 'not running as root (network namespaces need CAP_NET_ADMIN)' };
  }
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
  } catch {
    return { available: false, reason: 'the `ip` tool (iproute2) is not installed' };
  }
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
  } catch (error) {
    return { available: false, reason: `ip netns is refused: ${(error as Error).message}` };
  }
  return { available: true, reason: 'root with iproute2: every node gets its own network namespace' };
}

interface RunRecord {
  readonly pid: number;
  readonly runId: string;
  readonly namespaces: string[];
  readonly links: string[];
  /** Processes of the run outside the namespaces (the bootstrap server), with their command line. */
  readonly processes?: { pid: number; cmdline: string }[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeNames(namespaces: readonly string[], links: readonly string[]): void {
  for (const ns of namespaces) {
    // Processes left in the namespace (a harness that died before stopping its nodes) go first.
    for (const pid of ip(['netns', 'pids', ns], true).split(/\s+/).filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    ip(['netns', 'delete', ns], true);
  }
  for (const link of links) ip(['link', 'delete', link], true);
}

/**
 * Removes the namespaces and links of earlier runs whose harness process is gone (it crashed or
 * was killed before its own cleanup). Returns how many runs were cleaned.
 */
export function cleanupStaleNamespaces(): number {
  if (!existsSync(STATE_DIR)) return 0;
  let cleaned = 0;
  for (const file of readdirSync(STATE_DIR)) {
    if (!file.endsWith('.json')) continue;
    const path = join(STATE_DIR, file);
    let record: RunRecord;
    try {
      record = JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
    } catch {
      rmSync(path, { force: true });
      continue;
    }
    if (alive(record.pid) && record.pid !== process.pid) continue;
    for (const p of record.processes ?? []) {
      // Only if the pid still runs the same command (pids are reused).
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmdline === p.cmdline) {
        try {
          process.kill(p.pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
    }
    removeNames(record.namespaces, record.links);
    rmSync(path, { force: true });
    cleaned++;
  }
  return cleaned;
}

/** Picks a /24 in 10.77.0.0/16 that no interface of this machine uses yet. */
function freeSubnet(): number {
  const used = ip(['-o', '-4', 'addr', 'show']);
  for (let attempt = 0; attempt < 200; attempt++) {
    const third = 1 + ((randomBytes(1)[0] as number) % 250);
    if (!used.includes(` 10.77.${third}.`)) return third;
  }
  throw new Error('no free 10.77.x.0/24 subnet for the fault network');
}

/** One node's place on the fault network. */
export interface NamespaceSlot {
  /** The namespace the node's process runs in (`ip netns exec <ns>`). */
  readonly namespace: string;
  /** The node's IPv4 address inside its namespace. */
  readonly address: string;
  /** The veth end in the root namespace (the link that is moved or cut). */
  readonly hostLink: string;
}

/**
 * A private network for one run: a bridge in the root namespace (which also gets an address so
 * the harness, the bootstrap server and the clients reach every node), one namespace per node
 * joined to the bridge by a veth pair, and a second, isolated bridge where partitioned nodes are
 * moved. All names are unique to the run and recorded so a later run removes them if this
 * process dies without cleaning up.
 */
export class NamespaceNetwork {
  /** Short random id in every name of this run. */
  readonly runId: string;
  /** The root namespace's address on the bridge: bind the bootstrap server here. */
  readonly hostAddress: string;
  readonly #subnet: number;
  readonly #bridge: string;
  readonly #island: string;
  readonly #slots = new Map<number, NamespaceSlot>();
  readonly #statePath: string;
  readonly #cut = new Set<number>();
  readonly #processes: { pid: number; cmdline: string }[] = [];
  #closed = false;

  constructor() {
    const support = namespaceSupport();
    if (!support.available) throw new Error(`network namespaces are not available: ${support.reason}`);
    cleanupStaleNamespaces();
    this.runId = randomBytes(2).toString('hex');
    this.#subnet = freeSubnet();
    this.hostAddress = `10.77.${this.#subnet}.1`;
    this.#bridge = `${NAME_PREFIX}${this.runId}b0`;
    this.#island = `${NAME_PREFIX}${this.runId}b1`;
    mkdirSync(STATE_DIR, { recursive: true });
    this.#statePath = join(STATE_DIR, `${this.runId}.json`);
    this.#record();
    ip(['link', 'add', this.#bridge, 'type', 'bridge']);
    ip(['link', 'add', this.#island, 'type', 'bridge']);
    ip(['addr', 'add', `${this.hostAddress}/24`, 'dev', this.#bridge]);
    ip(['link', 'set', this.#bridge, 'up']);
    ip(['link', 'set', this.#island, 'up']);
  }

  #record(): void {
    const record: RunRecord = {
      pid: process.pid,
      runId: this.runId,
      namespaces: [...this.#slots.values()].map((s) => s.namespace),
      links: [...[...this.#slots.values()].map((s) => s.hostLink), this.#bridge, this.#island],
      processes: this.#processes,
    };
    writeFileSync(this.#statePath, JSON.stringify(record));
  }

  /**
   * Records a process of this run that lives in the root namespace (the bootstrap server), so a
   * later run kills it if this harness dies without stopping it.
   */
  trackProcess(pid: number): void {
    try {
      this.#processes.push({ pid, cmdline: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
      this.#record();
    } catch {
      // Already gone: nothing to track.
    }
  }

  /** Creates (once) and returns the namespace of node `index` (0-based, at most 200 nodes). */
  slot(index: number): NamespaceSlot {
    const existing = this.#slots.get(index);
    if (existing) return existing;
    if (!Number.isInteger(index) || index < 0 || index > 200)
      throw new RangeError(`node index ${index} out of 0..200`);
    const namespace = `${NAME_PREFIX}${this.runId}-n${index}`;
    const hostLink = `${NAME_PREFIX}${this.runId}v${index}`;
    const address = `10.77.${this.#subnet}.${10 + index}`;
    const slot = { namespace, address, hostLink };
    this.#slots.set(index, slot);
    this.#record();
    ip(['netns', 'add', namespace]);
    ip(['-n', namespace, 'link', 'set', 'lo', 'up']);
    ip(['link', 'add', hostLink, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', namespace]);
    ip(['link', 'set', hostLink, 'master', this.#bridge, 'up']);
    ip(['-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    ip(['-n', namespace, 'link', 'set', 'eth0', 'up']);
    return slot;
  }

  /** The command prefix that runs a program inside node `index`'s namespace. */
  execPrefix(index: number): string[] {
    return ['ip', 'netns', 'exec', this.slot(index).namespace];
  }

  /**
   * Splits the network: the nodes in `minority` are moved to the isolated bridge, where they
   * reach one another but neither the other nodes nor the root namespace (harness, clients,
   * bootstrap server).
   */
  partition(minority: readonly number[]): void {
    for (const index of minority) {
      ip(['link', 'set', this.slot(index).hostLink, 'master', this.#island]);
      this.#cut.add(index);
    }
  }

  /** Puts every moved node back on the main bridge. */
  heal(): void {
    for (const index of this.#cut) ip(['link', 'set', this.slot(index).hostLink, 'master', this.#bridge]);
    this.#cut.clear();
  }

  /** Nodes currently cut off. */
  get partitioned(): number[] {
    return [...this.#cut];
  }

  /** Deletes every namespace, link and bridge of this run. Safe to call more than once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    removeNames(
      [...this.#slots.values()].map((s) => s.namespace),
      [...[...this.#slots.values()].map((s) => s.hostLink), this.#bridge, this.#island],
    );
    rmSync(this.#statePath, { force: true });
  }
}
