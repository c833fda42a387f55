import { describe, expect, it } from 'vitest';
import { type CliIo, DEFAULT_ROUNDS, parseCommandLine, runCli, UsageError } from '../src/cli.js';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  let now = 0;
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
    now: () => (now += 5),
  };
  return io;
}

describe('command line', () => {
  it('defaults to 1000 rounds failing in the middle', () => {
    expect(parseCommandLine([])).toEqual({ help: false, rounds: DEFAULT_ROUNDS, failAt: 500 });
    expect(parseCommandLine(['--rounds', '7'])).toEqual({ help: false, rounds: 7, failAt: 4 });
  });

  it('takes --rounds and --fail-at, with 0 meaning no failure', () => {
    expect(parseCommandLine(['--rounds', '20', '--fail-at', '20'])).toEqual({
      help: false,
      rounds: 20,
      failAt: 20,
    });
    expect(parseCommandLine(['--rounds=3', '--fail-at=0'])).toEqual({ help: false, rounds: 3, failAt: null });
    expect(parseCommandLine(['-h'])).toEqual({ help: true });
  });

  it.each([
    [['--rounds', 'ten'], '--rounds must be a whole number from 1 to 100000000; got "ten"'],
    [['--rounds', '0'], '--rounds must be a whole number from 1 to 100000000; got "0"'],
    [['--rounds', '-5'], "Option '--rounds' argument is ambiguous"],
    [['--rounds=-5'], '--rounds must be a whole number from 1 to 100000000; got "-5"'],
    [['--rounds', '2.5'], '--rounds must be a whole number from 1 to 100000000; got "2.5"'],
    [['--rounds', '1e3'], '--rounds must be a whole number from 1 to 100000000; got "1e3"'],
    [
      ['--rounds', '10', '--fail-at', '11'],
      '--fail-at must be a round from 1 to 10 (the number of rounds), or 0 for no failure; got "11"',
    ],
    [['--fail-at', 'x'], '--fail-at must be a round from 1 to 1000'],
    [['--rounds'], "Option '--rounds <value>' argument missing"],
    [['--round', '5'], "Unknown option '--round'"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });

  it('prints the error and the usage, and exits 2, on a bad value', async () => {
    const io = captureIo();
    expect(await runCli(['--rounds', 'many'], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain('kompics-ping-pong: --rounds must be a whole number');
    expect(io.stderr).toContain('Usage: kompics-ping-pong');
  });

  it('plays on the production scheduler and prints a summary, exiting 0', async () => {
    const io = captureIo();
    expect(await runCli(['--rounds', '30', '--fail-at', '12'], io)).toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).toContain('rounds    30 of 30 completed; every Pong arrived once, in order');
    expect(io.stdout).toContain("faults    1 handled by the parent's fault policy");
    expect(io.stdout).toContain(
      '/main/ponger threw "poison ping in round 12" on the Ping of round 12 -> restart',
    );
    expect(io.stdout).toContain('the pinger resent 1 Ping\n');
    expect(io.stdout).toContain('messages  63 sent through the network, 63 delivered, 0 lost');
    expect(io.stdout).toContain('elapsed   5.0 ms (6,000 rounds/s)');
  });
});
