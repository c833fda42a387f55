import { type CatsClient, CatsClientError, type ConnectOptions, connect } from '@cats/client';
import { type GlobalOptions, parseCommandLine, USAGE } from './args.js';
import { BENCH_USAGE, benchWorkload, formatPhase, runBench } from './bench.js';
import { ExitCode, UsageError } from './exit-codes.js';
import { formatStatus, valueJson } from './output.js';
import { runShell } from './shell.js';

/** Where the command reads and writes (the process's streams, or a test's). */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One command line's session: the options and, once needed, a connected client. */
export class Session {
  private client: CatsClient | undefined;
  /** In the shell, a value printed by get always ends its line. */
  inShell = false;
  constructor(
    readonly options: GlobalOptions,
    readonly io: CliIo,
  ) {}

  /** The client, connected on first use. */
  async connected(): Promise<CatsClient> {
    if (this.client !== undefined) return this.client;
    const seeds = this.options.seeds;
    if (seeds === undefined) {
      throw new UsageError(
        'no cluster given: use --bootstrap <url> or --node <url> (or CATS_BOOTSTRAP / CATS_NODE)',
      );
    }
    this.client = await connect(seeds, this.connectOptions());
    return this.client;
  }

  /** The options of `connect` the command line gives. */
  private connectOptions(): ConnectOptions {
    const { timeoutMs, token, ca } = this.options;
    return {
      timeoutMs,
      ...(token === undefined ? {} : { token }),
      ...(ca === undefined ? {} : { ca }),
    };
  }

  close(): void {
    this.client?.close();
  }

  out(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Runs one command; returns its exit code. Errors propagate (see {@link reportError}). */
  async execute(
    command: string,
    args: readonly string[],
    stdinValue: () => Promise<Buffer>,
  ): Promise<ExitCode> {
    const json = this.options.json;
    switch (command) {
      case 'put': {
        const [key, value, ...rest] = args;
        if (key === undefined || value === undefined || rest.length > 0)
          throw new UsageError('usage: put <key> <value|->');
        const bytes = value === '-' ? await stdinValue() : value;
        await (await this.connected()).put(key, bytes);
        this.out(json ? JSON.stringify({ ok: true, key }) : 'OK');
        return ExitCode.ok;
      }
      case 'get': {
        const [key, ...rest] = args;
        if (key === undefined || rest.length > 0) throw new UsageError('usage: get <key>');
        const value = await (await this.connected()).get(key);
        if (value === undefined) {
          if (json) this.out(JSON.stringify({ key, found: false }));
          else this.io.stderr.write(`not found: ${key}\n`);
          return ExitCode.notFound;
        }
        if (json) this.out(JSON.stringify(valueJson(key, value)));
        else {
          this.io.stdout.write(value);
          if (this.inShell || this.io.stdout.isTTY === true) this.io.stdout.write('\n');
        }
        return ExitCode.ok;
      }
      case 'delete': {
        const [key, ...rest] = args;
        if (key === undefined || rest.length > 0) throw new UsageError('usage: delete <key>');
        await (await this.connected()).delete(key);
        this.out(json ? JSON.stringify({ ok: true, key }) : 'OK');
        return ExitCode.ok;
      }
      case 'status': {
        const [node, ...rest] = args;
        if (rest.length > 0) throw new UsageError('usage: status [node-url]');
        let nodeUrl: string | undefined;
        if (node !== undefined) {
          try {
            nodeUrl = new URL(node).origin;
          } catch {
            throw new UsageError(`status: not a URL: ${JSON.stringify(node)}`);
          }
        }
        if (nodeUrl !== undefined && this.options.seeds === undefined && this.client === undefined) {
          // A node named on its own is enough to ask it.
          this.client = await connect({ nodes: [nodeUrl] }, this.connectOptions());
        }
        const status = await (await this.connected()).status(nodeUrl);
        this.out(json ? JSON.stringify(status) : formatStatus(status));
        return ExitCode.ok;
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  }

  /** Reports an error thrown by {@link execute}; returns the exit code it means. */
  reportError(error: unknown): ExitCode {
    let code: ExitCode;
    let kind: string;
    if (error instanceof UsageError || error instanceof TypeError || error instanceof RangeError) {
      code = ExitCode.usage;
      kind = 'usage';
    } else if (error instanceof CatsClientError) {
      code = ExitCode.cluster;
      kind = error.code;
    } else throw error;
    let message = (error as Error).message;
    if (error instanceof CatsClientError && message.includes('TLS certificate not accepted'))
      message += ` (cats: ${this.options.ca === undefined ? 'give' : 'check'} the cluster's CA with --ca <file> or CATS_CA)`;
    if (this.options.json) this.io.stderr.write(`${JSON.stringify({ error: { code: kind, message } })}\n`);
    else this.io.stderr.write(`cats: ${kind === 'usage' ? '' : `${kind}: `}${message}\n`);
    return code;
  }
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Runs the `cats` command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let invocation: ReturnType<typeof parseCommandLine>;
  try {
    invocation = parseCommandLine(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`cats: ${error.message}\n${USAGE}\n`);
    return ExitCode.usage;
  }
  const { command, args, options } = invocation;
  if (options.help && command === 'bench') {
    io.stdout.write(`${BENCH_USAGE}\n`);
    return ExitCode.ok;
  }
  if (options.help || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return ExitCode.ok;
  }
  if (command === undefined) {
    io.stderr.write(`cats: a command is needed\n${USAGE}\n`);
    return ExitCode.usage;
  }
  const session = new Session(options, io);
  try {
    if (command === 'bench') {
      if (args.length > 0) throw new UsageError('usage: bench [bench options]');
      benchWorkload(invocation.bench); // flags checked before connecting
      const results = await runBench(await session.connected(), invocation.bench, io.stderr);
      for (const r of results) session.out(options.json ? JSON.stringify(r) : formatPhase(r));
      return results.some((r) => r.errors > 0) ? ExitCode.cluster : ExitCode.ok;
    }
    if (command === 'shell') {
      if (args.length > 0) throw new UsageError('usage: shell');
      return await runShell(session);
    }
    return await session.execute(command, args, () => readAll(io.stdin));
  } catch (error) {
    const code = session.reportError(error);
    if (code === ExitCode.usage && error instanceof UsageError)
      io.stderr.write('(cats --help shows the usage)\n');
    return code;
  } finally {
    session.close();
  }
}
