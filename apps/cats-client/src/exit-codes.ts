/** The `cats` command's exit codes. */
export const ExitCode = {
  /** The command did what was asked. */
  ok: 0,
  /** `get`: the key is absent. */
  notFound: 1,
  /** Bad command line: unknown command or flag, missing or invalid argument. */
  usage: 2,
  /** The cluster failed the request: no node reachable, unavailable, timed out, or refused it. */
  cluster: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A command-line mistake, reported with the usage hint and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
