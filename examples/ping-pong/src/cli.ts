import { parseArgs } from 'node:util';
import { type PingPongSettings, type PingPongSummary, runPingPong } from './run.js';

export const DEFAULT_ROUNDS = 1000;

export const USAGE = `Usage: kompics-ping-pong [--rounds N] [--fail-at N]

Plays Ping/Pong between two components over an in-process network component. The ponger
throws on one round's Ping; its parent's fault policy restarts it, and the game goes on.

Options:
  --rounds N    rounds to play, a whole number >= 1 (default ${DEFAULT_ROUNDS})
  --fail-at N   round whose Ping makes the ponger throw, 1..rounds, or 0 for no failure
                (default: the middle round, ceil(rounds / 2))
  -h, --help    show this help
`;

/** A command line that cannot be run; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CliCommand = { readonly help: true } | ({ readonly help: false } & PingPongSettings);

const MAX_ROUNDS = 100_000_000;

function wholeNumberFlag(flag: string, raw: string, min: number, max: number, hint: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be ${hint}; got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Parses and validates the arguments (without the node and script paths). */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  let values: { rounds?: string | undefined; 'fail-at'?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        rounds: { type: 'string' },
        'fail-at': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { help: true };
  const rounds =
    values.rounds === undefined
      ? DEFAULT_ROUNDS
      : wholeNumberFlag('rounds', values.rounds, 1, MAX_ROUNDS, `a whole number from 1 to ${MAX_ROUNDS}`);
  const rawFailAt = values['fail-at'];
  const failAt =
    rawFailAt === undefined
      ? Math.ceil(rounds / 2)
      : wholeNumberFlag(
          'fail-at',
          rawFailAt,
          0,
          rounds,
          `a round from 1 to ${rounds} (the number of rounds), or 0 for no failure`,
        );
  return { help: false, rounds, failAt: failAt === 0 ? null : failAt };
}

/** The human summary of a finished run. */
export function formatSummary(summary: PingPongSummary, elapsedMs: number): string {
  const { settings, pinger, faults, messages } = summary;
  const completed = pinger.answered.length;
  const inOrder = pinger.answered.every((round, i) => round === i + 1);
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `ping-pong: ${settings.rounds} rounds between /main/pinger and /main/ponger over an in-process loopback network`,
    `  rounds    ${completed} of ${settings.rounds} completed; ` +
      (inOrder && pinger.unexpected === 0
        ? 'every Pong arrived once, in order'
        : `${plural(pinger.unexpected, 'unexpected Pong')}${inOrder ? '' : ', OUT OF ORDER'}`),
  ];
  if (faults.length === 0) {
    const why = settings.failAt === null ? ' (no failure injected: --fail-at 0)' : '';
    lines.push(`  faults    none${why}`);
  } else {
    lines.push(`  faults    ${faults.length} handled by the parent's fault policy (/main onFault):`);
    for (const fault of faults) {
      const during = fault.round === undefined ? '' : ` on the Ping of round ${fault.round}`;
      lines.push(`              ${fault.source} threw "${fault.message}"${during} -> ${fault.action}`);
    }
    const restarts = faults.filter((f) => f.action === 'restart').length;
    lines.push(
      `  recovery  ${plural(restarts, 'restart')}, same ports and channels: the new ponger announced itself ` +
        `and the pinger resent ${plural(pinger.resent, 'Ping')}`,
    );
  }
  const lost = messages.sent - messages.delivered;
  lines.push(
    `  messages  ${messages.sent} sent through the network, ${messages.delivered} delivered, ${lost} lost`,
  );
  const rate =
    elapsedMs > 0 ? ` (${Math.round((completed / elapsedMs) * 1000).toLocaleString('en-US')} rounds/s)` : '';
  lines.push(`  elapsed   ${elapsedMs.toFixed(1)} ms${rate}`);
  return `${lines.join('\n')}\n`;
}

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Milliseconds, for the elapsed time. */
  readonly now: () => number;
}

/** Runs the command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`kompics-ping-pong: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.help) {
    io.out(USAGE);
    return 0;
  }
  const started = io.now();
  let summary: PingPongSummary;
  try {
    summary = await runPingPong({ rounds: command.rounds, failAt: command.failAt });
  } catch (error) {
    io.err(`kompics-ping-pong: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.out(formatSummary(summary, io.now() - started));
  return summary.pinger.answered.length === command.rounds ? 0 : 1;
}
