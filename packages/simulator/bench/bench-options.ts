/** Command-line options and a median, shared by the simulator's bench scripts. */

/** The value after `--name` on the command line, if given. */
export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** `--name` as a positive number (`fallback` when absent); a clear error otherwise. */
export function positiveNumber(name: string, fallback: number): number {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`--${name} must be a positive number`);
  return value;
}

/** `--name` as a positive integer (`fallback` when absent); a clear error otherwise. */
export function positiveInteger(name: string, fallback: number): number {
  const value = positiveNumber(name, fallback);
  if (!Number.isInteger(value)) throw new RangeError(`--${name} must be a positive integer`);
  return value;
}

/** The median (the upper one of an even count). */
export const median = (xs: readonly number[]): number =>
  [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)] as number;
