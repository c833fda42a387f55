import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type CheckResult, checkHistory } from './check.js';
import { builtinFormats, type HistoryFormat } from './formats.js';
import { renderHtml } from './html.js';
import type { Operation } from './operation.js';
import { HistoryParseError, parseHistory } from './parse.js';

/** Where the CLI writes; the process's streams by default, replaceable in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Exit codes of the CLI. */
export const ExitCode = { linearizable: 0, notLinearizable: 1, unknownOrError: 2 } as const;

const USAGE = `usage: lincheck check <history.jsonl> --model kv|register [--html out.html] [--timeout s] [--max-steps n] [--json]

Checks that a JSON Lines history is linearizable.
Exit code: 0 linearizable, 1 not linearizable, 2 unknown (budget ran out) or bad input.
`;

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Runs the CLI with `argv` (arguments after the program name) and returns its exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr(`lincheck: ${message(e)}\n${USAGE}`);
    return ExitCode.unknownOrError;
  }
  if (args.values.help === true) {
    io.stdout(USAGE);
    return ExitCode.linearizable;
  }
  const [command, file, ...extra] = args.positionals;
  if (command !== 'check' || file === undefined || extra.length > 0) {
    io.stderr(`lincheck: expected "check <history.jsonl>"\n${USAGE}`);
    return ExitCode.unknownOrError;
  }
  const modelName = args.values.model;
  if (modelName !== 'kv' && modelName !== 'register') {
    io.stderr(
      `lincheck: --model must be kv or register (got ${modelName === undefined ? 'nothing' : JSON.stringify(modelName)})\n`,
    );
    return ExitCode.unknownOrError;
  }
  const timeoutMs = numberOption(args.values.timeout, '--timeout', io);
  const maxSteps = numberOption(args.values['max-steps'], '--max-steps', io);
  if (timeoutMs === null || maxSteps === null) return ExitCode.unknownOrError;

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    io.stderr(`lincheck: cannot read ${file}: ${message(e)}\n`);
    return ExitCode.unknownOrError;
  }
  const options: RunOptions = {
    file,
    text,
    json: args.values.json === true,
    html: args.values.html,
    timeoutMs: timeoutMs === undefined ? undefined : timeoutMs * 1000,
    maxSteps,
    io,
  };
  return modelName === 'kv' ? run(builtinFormats.kv, options) : run(builtinFormats.register, options);
}

interface RunOptions {
  readonly file: string;
  readonly text: string;
  readonly json: boolean;
  readonly html: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly maxSteps: number | undefined;
  readonly io: CliIo;
}

async function run<State, Input, Output>(
  format: HistoryFormat<State, Input, Output>,
  o: RunOptions,
): Promise<number> {
  let history: Operation<Input, Output>[];
  try {
    history = parseHistory(o.text, format.decode);
  } catch (e) {
    if (!(e instanceof HistoryParseError)) throw e;
    o.io.stderr(`lincheck: ${o.file}: ${e.message}\n`);
    if (o.json) o.io.stdout(`${JSON.stringify({ verdict: 'error', error: e.reason, line: e.line })}\n`);
    return ExitCode.unknownOrError;
  }
  const result = checkHistory(format.model, history, {
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
    ...(o.maxSteps === undefined ? {} : { maxSteps: o.maxSteps }),
  });
  const describe = (i: number): string => {
    const op = history[i]!;
    return format.model.describeOperation(op.input, op.return === null ? undefined : op.output);
  };
  if (o.html !== undefined) {
    await writeFile(o.html, renderHtml(format.model, history, result, { title: `lincheck: ${o.file}` }));
  }
  if (o.json) {
    o.io.stdout(`${JSON.stringify(toJson(format.model.name, history, result, describe))}\n`);
  } else {
    o.io.stdout(summary(format.model.name, history, result, describe, o.html));
  }
  return result.verdict === 'linearizable'
    ? ExitCode.linearizable
    : result.verdict === 'not-linearizable'
      ? ExitCode.notLinearizable
      : ExitCode.unknownOrError;
}

function summary<Input, Output>(
  modelName: string,
  history: readonly Operation<Input, Output>[],
  result: CheckResult,
  describe: (i: number) => string,
  html: string | undefined,
): string {
  const headline = {
    linearizable: 'LINEARIZABLE',
    'not-linearizable': 'NOT LINEARIZABLE',
    unknown: 'UNKNOWN',
  }[result.verdict];
  const lines = [
    `${headline}: ${history.length} operations, ${result.parts.length} key(s), model ${modelName}, ${result.steps} steps, ${result.elapsedMs.toFixed(1)} ms`,
  ];
  const unknown = result.parts.filter((p) => p.verdict === 'unknown').length;
  if (unknown > 0) lines.push(`  budget ran out before deciding ${unknown} key(s)`);
  for (const v of result.violations) {
    lines.push(
      `  key ${JSON.stringify(v.key)}: these ${v.window.length} operation(s) cannot be linearized together:`,
    );
    for (const i of v.window) {
      const op = history[i]!;
      const where = op.line === undefined ? '' : ` (line ${op.line})`;
      lines.push(`    client ${op.client} [${op.call}, ${op.return ?? '∞'}] ${describe(i)}${where}`);
    }
    lines.push(`    longest linearizable prefix: ${v.longestPrefix.length} operation(s)`);
  }
  if (html !== undefined) lines.push(`  report: ${html}`);
  return `${lines.join('\n')}\n`;
}

function toJson<Input, Output>(
  modelName: string,
  history: readonly Operation<Input, Output>[],
  result: CheckResult,
  describe: (i: number) => string,
): unknown {
  const op = (i: number) => {
    const o = history[i]!;
    return { line: o.line ?? null, client: o.client, call: o.call, return: o.return, operation: describe(i) };
  };
  return {
    verdict: result.verdict,
    model: modelName,
    operations: history.length,
    keys: result.parts.length,
    unknownKeys: result.parts.filter((p) => p.verdict === 'unknown').map((p) => p.key),
    steps: result.steps,
    elapsedMs: result.elapsedMs,
    violations: result.violations.map((v) => ({
      key: v.key,
      minimal: v.minimal,
      window: v.window.map(op),
      core: v.core.map(op),
      longestPrefix: v.longestPrefix.map(op),
    })),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      model: { type: 'string', short: 'm' },
      html: { type: 'string' },
      timeout: { type: 'string' },
      'max-steps': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** A positive number option; undefined when absent, null (after reporting) when malformed. */
function numberOption(raw: string | undefined, name: string, io: CliIo): number | undefined | null {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    io.stderr(`lincheck: ${name} must be a positive number (got ${JSON.stringify(raw)})\n`);
    return null;
  }
  return n;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
