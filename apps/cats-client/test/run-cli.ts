// Spawns the built `cats` command (dist/main.js) and collects its output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../../../scripts/test-support/ensure-built.js';

/** The packages the built CLI loads, dependencies first. */
export const CLI_PACKAGES = [
  'packages/kernel',
  'packages/ports/network',
  'packages/ports/ring',
  'packages/ports/dht',
  'packages/cats/client',
  'packages/testing/ycsb',
  'apps/cats-client',
];

export function buildCli(): void {
  ensureBuilt(CLI_PACKAGES);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

/** Runs `cats <args>` with `input` on its standard input. */
export function runCats(
  args: readonly string[],
  input?: string | Buffer,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'apps/cats-client/dist/main.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
      });
    });
    child.stdin.end(input);
  });
}
