import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CatsSeeds, validateCa } from '@cats/client';
import type { BenchFlags } from './bench.js';
import { UsageError } from './exit-codes.js';

/** The global options every command takes. */
export interface GlobalOptions {
  readonly seeds: CatsSeeds | undefined;
  readonly json: boolean;
  readonly token: string | undefined;
  /** The PEM text of the CA file given by `--ca` (or `CATS_CA`): the CAs trusted for https:// nodes. */
  readonly ca: string | undefined;
  readonly timeoutMs: number;
  readonly help: boolean;
}

/** A parsed command line. */
export interface Invocation {
  readonly command: string | undefined;
  readonly args: readonly string[];
  readonly options: GlobalOptions;
  /** The flags only `bench` takes. */
  readonly bench: BenchFlags;
}

export const USAGE = `usage: cats [options] <command> [arguments]

commands:
  put <key> <value|->   store a value (- reads it from standard input)
  get <key>             print the value (exit 1 when absent)
  delete <key>          remove a key
  status [node-url]     a node's status (any member's when no URL is given)
  shell                 interactive: put, get, delete, status, help, exit
  bench [bench options] a YCSB-style load and run phase through the client (cats bench --help)

options:
  --bootstrap <url>     the bootstrap server (or CATS_BOOTSTRAP)
  --node <url>          a node, repeatable (or CATS_NODE, comma-separated)
  --token <token>       bearer token for nodes that require one (or CATS_TOKEN)
  --ca <file>           PEM file of the CA(s) to trust for https:// nodes, instead of
                        the default ones (or CATS_CA)
  --timeout-ms <ms>     time budget of one operation (default 10000)
  --json                machine-readable output
  -h, --help            this help

exit codes: 0 ok, 1 not found (get), 2 usage error, 3 cluster error (unreachable, unavailable, timeout, refused)`;

function checkUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what}: not a URL: ${JSON.stringify(text)} (expected e.g. http://127.0.0.1:7000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${what}: must be an http:// or https:// URL, got ${JSON.stringify(text)}`);
  }
  return url.origin;
}

/**
 * Reads the CA file named by `--ca` or `CATS_CA` (`what`); a usage error when it is unreadable,
 * not PEM, or holds a certificate that cannot be parsed (Node would skip it silently).
 */
export function readCaFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT'
        ? 'no such file'
        : e.code === 'EISDIR'
          ? 'it is a directory'
          : e.code === 'EACCES'
            ? 'permission denied'
            : (e.code ?? e.message);
    throw new UsageError(`${what}: cannot read the CA file ${JSON.stringify(path)}: ${why}`);
  }
  try {
    return validateCa(text, `${what}: ${JSON.stringify(path)}`);
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Parses the command line (flags may come before or after the command), reading defaults from `env`. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Invocation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const nodes = values.node ?? (env.CATS_NODE ? env.CATS_NODE.split(',').filter((s) => s.trim() !== '') : []);
  const bootstrap = values.bootstrap ?? (nodes.length === 0 ? env.CATS_BOOTSTRAP : undefined);
  if (values.bootstrap !== undefined && values.node !== undefined) {
    throw new UsageError('give either --bootstrap or --node, not both');
  }
  let seeds: CatsSeeds | undefined;
  if (bootstrap !== undefined && bootstrap !== '') seeds = { bootstrap: checkUrl(bootstrap, '--bootstrap') };
  else if (nodes.length > 0) seeds = { nodes: nodes.map((n) => checkUrl(n.trim(), '--node')) };
  let timeoutMs = 10_000;
  if (values['timeout-ms'] !== undefined) {
    const text = values['timeout-ms'];
    timeoutMs = Number(text);
    if (!/^\d+$/.test(text) || timeoutMs < 1 || timeoutMs > 3_600_000) {
      throw new UsageError(
        `--timeout-ms must be a whole number of milliseconds in 1..3600000, got ${JSON.stringify(text)}`,
      );
    }
  }
  const token = values.token ?? env.CATS_TOKEN;
  if (token !== undefined && token.length === 0) throw new UsageError('--token must not be empty');
  let ca: string | undefined;
  // Help needs no CA: a stale CATS_CA must not stand between a user and the usage text.
  const wantsHelp = values.help === true || positionals[0] === 'help';
  if (values.ca !== undefined) {
    if (values.ca === '') throw new UsageError('--ca must name a PEM file');
    if (!wantsHelp) ca = readCaFile(values.ca, '--ca');
  } else if (env.CATS_CA !== undefined && env.CATS_CA !== '' && !wantsHelp)
    ca = readCaFile(env.CATS_CA, 'CATS_CA');
  const [command, ...args] = positionals;
  const bench: BenchFlags = {
    workload: values.workload,
    records: values.records,
    operations: values.operations,
    concurrency: values.concurrency,
    'value-size': values['value-size'],
    distribution: values.distribution,
    seed: values.seed,
    'skip-load': values['skip-load'],
  };
  const used = Object.entries(bench).find(([, v]) => v !== undefined);
  if (used !== undefined && command !== 'bench')
    throw new UsageError(`--${used[0]} is an option of bench only`);
  return {
    command,
    args,
    options: { seeds, json: values.json ?? false, token, ca, timeoutMs, help: values.help ?? false },
    bench,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      bootstrap: { type: 'string' },
      node: { type: 'string', multiple: true },
      token: { type: 'string' },
      ca: { type: 'string' },
      'timeout-ms': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      workload: { type: 'string' },
      records: { type: 'string' },
      operations: { type: 'string' },
      concurrency: { type: 'string' },
      'value-size': { type: 'string' },
      distribution: { type: 'string' },
      seed: { type: 'string' },
      'skip-load': { type: 'boolean' },
    },
  });
}
