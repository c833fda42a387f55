import { createInterface } from 'node:readline';
import type { Session } from './cli.js';
import { ExitCode, UsageError } from './exit-codes.js';

const HELP = `commands:
  put <key> <value>   store a value (the rest of the line; quote a key with spaces)
  get <key>           print the value
  delete <key>        remove a key
  status [node-url]   a node's status
  help                this help
  exit                leave (also Ctrl-D)`;

/** Splits a shell line into words; "double" or 'single' quotes keep spaces in a word. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(pattern)) {
    if (m[1] !== undefined) words.push(m[1].replace(/\\(.)/g, '$1'));
    else words.push(m[2] ?? m[3] ?? '');
  }
  return words;
}

/** The interactive shell: one command per line until `exit` or the end of input. */
export async function runShell(session: Session): Promise<ExitCode> {
  const io = session.io;
  session.inShell = true;
  const interactive = (io.stdin as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: interactive, prompt: 'cats> ' });
  if (interactive) {
    session.out('CATS shell: type help for the commands, exit to leave.');
    rl.prompt();
  }
  for await (const line of rl) {
    const words = splitWords(line.trim());
    const [command, ...rest] = words;
    if (command === undefined) {
      if (interactive) rl.prompt();
      continue;
    }
    if (command === 'exit' || command === 'quit') break;
    if (command === 'help') session.out(HELP);
    else {
      try {
        // put takes the rest of the line as the value, so values may hold spaces unquoted.
        const args =
          command === 'put' && rest.length > 2 ? [rest[0] as string, rest.slice(1).join(' ')] : rest;
        if (command === 'put' && args[1] === '-')
          throw new UsageError('put: the shell does not read values from standard input');
        await session.execute(command, args, () =>
          Promise.reject(new UsageError('no standard input in the shell')),
        );
      } catch (error) {
        session.reportError(error);
      }
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return ExitCode.ok;
}
