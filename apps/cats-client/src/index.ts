export { type GlobalOptions, type Invocation, parseCommandLine, USAGE } from './args.js';
export { type CliIo, runCli, Session } from './cli.js';
export { ExitCode, UsageError } from './exit-codes.js';
export { splitWords } from './shell.js';
