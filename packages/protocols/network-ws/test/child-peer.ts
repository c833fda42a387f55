// Runs test/fixtures/peer.ts (compiled to dist-bench/ by the test script) as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { driver } from './helpers.js';

export const PEER_SCRIPT = fileURLToPath(new URL('../dist-bench/test/fixtures/peer.js', import.meta.url));

export interface PeerProcessOptions {
  readonly self: string;
  readonly clusterSecret?: string;
  readonly maxFrameBytes?: number;
  readonly maxQueuedMessages?: number;
  readonly reconnectMaxDelayMs?: number;
}

/** A peer process: its stdout JSON lines, its stderr lines, and commands to it. */
export class PeerProcess {
  readonly events: Record<string, unknown>[] = [];
  readonly stderr: string[] = [];
  readonly child: ChildProcess;
  exited = false;

  constructor(options: PeerProcessOptions) {
    if (!existsSync(PEER_SCRIPT)) {
      throw new Error(`${PEER_SCRIPT} is missing: run the package's test script (it compiles the fixtures)`);
    }
    this.child = spawn(process.execPath, [PEER_SCRIPT, JSON.stringify(options)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.once('exit', () => {
      this.exited = true;
    });
    lines(this.child.stdout, (line) => {
      try {
        this.events.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        this.stderr.push(`(stdout) ${line}`);
      }
    });
    lines(this.child.stderr, (line) => this.stderr.push(line));
  }

  /** Network log lines (the `[network-ws ...]` ones). */
  get logLines(): string[] {
    return this.stderr.filter((line) => line.startsWith('[network-ws'));
  }

  command(command: Record<string, unknown>): void {
    this.child.stdin?.write(`${JSON.stringify(command)}\n`);
  }

  /** Waits for an event matching `predicate`, returns it. */
  async next(
    what: string,
    predicate: (event: Record<string, unknown>) => boolean,
    timeoutMs = 60_000,
  ): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await driver.waitFor(
      () => {
        if (this.exited && found === undefined) {
          found = this.events.find(predicate);
          if (found === undefined)
            throw new Error(`peer exited while waiting for ${what}: ${this.stderr.join('\n')}`);
        }
        found = this.events.find(predicate);
        return found !== undefined;
      },
      { timeoutMs, what },
    );
    return found as Record<string, unknown>;
  }

  /** Asks for a fresh report about the stream from `from` and returns it. */
  async report(from: string): Promise<Record<string, unknown>> {
    const before = this.events.length;
    this.command({ cmd: 'report', from });
    return this.next('a report', (e) => e.type === 'report' && this.events.indexOf(e) >= before);
  }

  /** Asks for reports about `from` until one satisfies `predicate`; returns it. */
  async reportWhen(
    from: string,
    predicate: (report: Record<string, unknown>) => boolean,
    timeoutMs = 60_000,
  ): Promise<Record<string, unknown>> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const report = await this.report(from);
      if (predicate(report)) return report;
      if (performance.now() > deadline)
        throw new Error(`no satisfying report in time: ${JSON.stringify(report)}`);
      await driver.sleep(100);
    }
  }

  async ready(): Promise<void> {
    await this.next('the peer to listen', (e) => e.type === 'ready');
  }

  /** Kills the process (SIGKILL: no goodbye) and waits for it to be gone. */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.child.kill('SIGKILL');
    await driver.waitFor(() => this.exited, { what: 'the peer to exit' });
  }
}

function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
}
