import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One bad invocation of a CLI and how it ended. */
export interface CliCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** First line of stderr. */
  readonly message: string;
  /** Whether stderr held a stack trace. */
  readonly stackTrace: boolean;
  /** True when the process ended with exit code 2 and one clear message, without a stack trace. */
  readonly clean: boolean;
}

/** What the CLI/config fuzzer found. */
export interface CliFuzzReport {
  readonly cases: readonly CliCase[];
  readonly clean: number;
}

function run(
  bin: string,
  args: readonly string[],
  timeoutMs = 15_000,
): Promise<Omit<CliCase, 'name' | 'clean'>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({
        args,
        exitCode,
        signal,
        message: stderr.trim().split('\n')[0] ?? '',
        stackTrace: /\n\s+at /.test(stderr),
      });
    });
  });
}

/**
 * Starts `cats-node` (and `cats-bootstrap`) with invalid flags and config files, a few dozen
 * times: each must exit with code 2 and a one-line message naming the problem, never a stack
 * trace or a node that starts anyway.
 */
export async function fuzzCli(bins: {
  readonly node: string;
  readonly bootstrap: string;
}): Promise<CliFuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'cats-faults-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const boot = ['--bootstrap', 'http://127.0.0.1:9'];
  const mem = ['--store', 'memory'];
  const nodeCases: [string, string[]][] = [
    ['port not a number', ['--port', 'abc', ...boot, ...mem]],
    ['port out of range', ['--port', '70000', ...boot, ...mem]],
    ['negative port', ['--port', '-1', ...boot, ...mem]],
    ['unknown flag', ['--port', '7001', ...boot, ...mem, '--frobnicate', 'yes']],
    ['flag without value', ['--port', '7001', ...mem, '--bootstrap']],
    ['missing bootstrap', ['--port', '7001', ...mem]],
    ['bootstrap not http', ['--port', '7001', '--bootstrap', 'ftp://x:1', ...mem]],
    ['bootstrap without port', ['--port', '7001', '--bootstrap', 'http://example.org', ...mem]],
    ['unknown store', ['--port', '7001', ...boot, '--store', 'disk']],
    ['lmdb without data dir', ['--port', '7001', ...boot, '--store', 'lmdb']],
    ['memory with data dir', ['--port', '7001', ...boot, ...mem, '--data-dir', dir]],
    ['tls key without cert', ['--port', '7001', ...boot, ...mem, '--tls-key', file('k.pem', 'x')]],
    ['missing secret file', ['--port', '7001', ...boot, ...mem, '--cluster-secret-file', join(dir, 'nope')]],
    ['short secret', ['--port', '7001', ...boot, ...mem, '--cluster-secret-file', file('short', 'abc')]],
    ['bad log level', ['--port', '7001', ...boot, ...mem, '--log-level', 'loud']],
    ['replication degree 0', ['--port', '7001', ...boot, ...mem, '--replication-degree', '0']],
    ['missing config file', ['--config', join(dir, 'missing.json')]],
    ['config not JSON', ['--config', file('bad.json', '{"port": 7001,')]],
    ['config an array', ['--config', file('array.json', '[1,2,3]')]],
    ['config unknown key', ['--config', file('unknown.json', '{"port": 7001, "colour": "red"}')]],
    ['config port a string', ['--config', file('port.json', '{"port": "seven"}')]],
    ['config binary garbage', ['--config', file('garbage.json', '\u0000\u00ff\u0001{{{')]],
  ];
  const bootstrapCases: [string, string[]][] = [
    ['bootstrap: port not a number', ['--port', 'x']],
    ['bootstrap: unknown flag', ['--port', '7000', '--nope']],
    ['bootstrap: bad eviction time', ['--port', '7000', '--evict-after-ms', 'soon']],
  ];
  const cases: CliCase[] = [];
  const all: [string, string, string[]][] = [
    ...nodeCases.map(([n, a]): [string, string, string[]] => [bins.node, n, a]),
    ...bootstrapCases.map(([n, a]): [string, string, string[]] => [bins.bootstrap, n, a]),
  ];
  // A few at a time: each is a Node start-up.
  for (let i = 0; i < all.length; i += 4) {
    const batch = await Promise.all(
      all.slice(i, i + 4).map(async ([bin, name, args]) => {
        const result = await run(bin, args);
        const clean = result.exitCode === 2 && result.message.length > 0 && !result.stackTrace;
        return { name, ...result, clean };
      }),
    );
    cases.push(...batch);
  }
  rmSync(dir, { recursive: true, force: true });
  return { cases, clean: cases.filter((c) => c.clean).length };
}
