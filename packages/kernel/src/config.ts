import { ConfigError } from './errors.js';

/**
 * A typed configuration key. `parse` validates a raw value (from a file, the CLI, the
 * environment) and returns it typed, or throws with a message saying what is wrong.
 */
export class ConfigKey<T> {
  constructor(
    readonly name: string,
    readonly parse: (raw: unknown) => T,
    readonly defaultValue?: T,
  ) {}
}

/** Declares a configuration key with an optional default. */
export function configKey<T>(
  name: string,
  options: { parse: (raw: unknown) => T; default?: T },
): ConfigKey<T> {
  return new ConfigKey(name, options.parse, options.default);
}

/**
 * Immutable configuration. Children inherit their parent's; an override makes a new Config
 * and leaves the parent's untouched.
 */
export class Config {
  static readonly empty = new Config(new Map());

  private constructor(private readonly values: ReadonlyMap<string, unknown>) {}

  /** Raw values by key name, validated when read through a key. */
  static fromRecord(record: Readonly<Record<string, unknown>>): Config {
    return new Config(new Map(Object.entries(record)));
  }

  /** The value for `key`, its default, or a {@link ConfigError}. */
  get<T>(key: ConfigKey<T>): T {
    if (!this.values.has(key.name)) {
      if (key.defaultValue !== undefined) return key.defaultValue;
      throw new ConfigError(`missing configuration value '${key.name}'`);
    }
    try {
      return key.parse(this.values.get(key.name));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError(`invalid configuration value '${key.name}': ${reason}`);
    }
  }

  has(key: ConfigKey<unknown>): boolean {
    return this.values.has(key.name) || key.defaultValue !== undefined;
  }

  /** A copy with `key` set to `value` (validated now). */
  with<T>(key: ConfigKey<T>, value: T): Config {
    key.parse(value);
    const next = new Map(this.values);
    next.set(key.name, value);
    return new Config(next);
  }

  /** A copy with every value of `other` laid over this one. */
  merge(other: Config): Config {
    const next = new Map(this.values);
    for (const [k, v] of other.values) next.set(k, v);
    return new Config(next);
  }
}
