/** Where a failing run is replayed from: the test (or scenario) name and the package to run it in. */
export interface ReplayInfo {
  /** The name `vitest -t` selects; defaults to the scenario's name. */
  readonly test?: string;
  /** The package to filter on; defaults to `npm_package_name` (set by pnpm scripts). */
  readonly package?: string;
}

/** The environment variable the seed helpers read: `SEED=1234` runs just that seed. */
export const SEED_VARIABLE = 'SEED';

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The one command that replays `seed` of the named test. */
export function replayCommand(seed: number, info: ReplayInfo & { readonly test: string }): string {
  const pkg = info.package ?? process.env.npm_package_name ?? '<package>';
  return `${SEED_VARIABLE}=${seed} pnpm --filter ${pkg} exec vitest run -t ${shellQuote(info.test)}`;
}

/**
 * The seeds to run: those in `SEED` (comma-separated) if set, else `defaults`. A test that
 * loops over these seeds and reports failures with {@link ScenarioFailure} replays exactly one
 * failing seed when given its replay command.
 */
export function seedsFromEnv(defaults: readonly number[]): number[] {
  const raw = process.env[SEED_VARIABLE];
  if (raw === undefined || raw.trim() === '') return [...defaults];
  return raw.split(',').map((part) => {
    const seed = Number(part.trim());
    if (!Number.isInteger(seed))
      throw new RangeError(`${SEED_VARIABLE} must be integers, got ${JSON.stringify(raw)}`);
    return seed;
  });
}

/** A run failed; the message names the seed and the command that replays it. */
export class ScenarioFailure extends Error {
  override readonly name = 'ScenarioFailure';
  constructor(
    readonly scenario: string,
    readonly seed: number,
    readonly replay: string,
    cause: unknown,
    /** Virtual time at which the run failed. */
    readonly time?: number,
  ) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      `scenario '${scenario}' failed with seed ${seed}${time === undefined ? '' : ` at t=${time}`}: ${reason}\n` +
        `  replay: ${replay}`,
      { cause },
    );
  }
}

/**
 * Runs `run(seed)` for every seed (from {@link seedsFromEnv}); the first failure is rethrown
 * as a {@link ScenarioFailure} naming the seed and its replay command.
 */
export function forEachSeed(
  test: string,
  defaults: readonly number[],
  run: (seed: number) => void,
  pkg?: string,
): void {
  for (const seed of seedsFromEnv(defaults)) {
    try {
      run(seed);
    } catch (error) {
      if (error instanceof ScenarioFailure) throw error;
      const info = pkg === undefined ? { test } : { test, package: pkg };
      throw new ScenarioFailure(test, seed, replayCommand(seed, info), error);
    }
  }
}
