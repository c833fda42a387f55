import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** One child process the main job started. */
export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves with the exit code (or signal name) when the process has exited. */
  readonly exited: Promise<number | string>;
  /** Whether it has exited. */
  readonly done: boolean;
}

/**
 * The main job's children. Each runs `node <script>` in its own process group (detached), with
 * its output going to its log file, so that Ctrl-C in the terminal reaches only the main job,
 * which then stops the children in order; and whatever way the main job ends, `killAll` (also
 * run from the process's `exit` event) kills each child's whole group.
 */
export class Children {
  private readonly children: Child[] = [];

  /** Starts `node script args...`. */
  start(
    name: string,
    script: string,
    args: readonly string[],
    logFile: string,
    env: NodeJS.ProcessEnv,
  ): Child {
    const fd = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [script, ...args], { detached: true, stdio: ['ignore', fd, fd], env });
    } finally {
      closeSync(fd);
    }
    if (child.pid === undefined) throw new Error(`could not start ${name}`);
    const entry = {
      name,
      process: child,
      pid: child.pid,
      logFile,
      done: false,
      exited: new Promise<number | string>((resolve) => {
        child.once('exit', (code, signal) => {
          entry.done = true;
          resolve(code ?? signal ?? 'unknown');
        });
      }),
    };
    this.children.push(entry);
    return entry;
  }

  /** The children still running. */
  running(): Child[] {
    return this.children.filter((c) => !c.done);
  }

  /** Every child started. */
  all(): readonly Child[] {
    return this.children;
  }

  /**
   * Stops the given children (default: all): SIGTERM to each group (a node leaves the ring
   * gracefully), then SIGKILL to what is left after `graceMs`. Resolves when all have exited.
   */
  async stop(which: readonly Child[] = this.children, graceMs = 10_000): Promise<void> {
    const alive = which.filter((c) => !c.done);
    for (const c of alive) signalGroup(c.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.all(alive.map((c) => c.exited)), grace]);
    clearTimeout(timer);
    for (const c of alive) if (!c.done) signalGroup(c.pid, 'SIGKILL');
    await Promise.all(alive.map((c) => c.exited));
  }

  /** Kills every child's process group now (synchronous: safe in an `exit` handler). */
  killAll(): void {
    for (const c of this.children) if (!c.done) signalGroup(c.pid, 'SIGKILL');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** The last `lines` lines of a log file (for reporting a child that failed). */
export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
