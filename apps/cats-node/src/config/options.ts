import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/** What kind of value an option takes; each kind parses text (flags, environment) and JSON. */
export type OptionKind =
  | { readonly type: 'port' }
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  | { readonly type: 'string' }
  | { readonly type: 'path' }
  | { readonly type: 'url' }
  | { readonly type: 'enum'; readonly values: readonly string[] };

/** One configuration key: its name in the JSON file, its flag, its environment variable. */
export interface OptionSpec {
  /** Name in the config file, camelCase (e.g. `dataDir`). */
  readonly key: string;
  /** Command-line flag (e.g. `--data-dir`). */
  readonly flag: string;
  /** Environment variable (e.g. `CATS_DATA_DIR`). */
  readonly env: string;
  readonly kind: OptionKind;
  /** Value when no source sets it. */
  readonly default?: string | number;
  /** One line for `--help`. */
  readonly help: string;
}

/** A parsed option value. */
export type OptionValue = string | number;

/** Where the options come from; defaults to the process's own. */
export interface OptionSources {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths resolve against (config file paths: its own folder). */
  readonly cwd: string;
}

/** The result of {@link parseOptions}: values by key, or a request for help. */
export type ParsedOptions =
  | { readonly help: true }
  | { readonly help: false; readonly values: Readonly<Record<string, OptionValue>> };

/** The `--config <file.json>` option every app has (environment variable: `<prefix>CONFIG`). */
function configSpec(envPrefix: string): OptionSpec {
  return {
    key: 'config',
    flag: '--config',
    env: `${envPrefix}CONFIG`,
    kind: { type: 'path' },
    help: 'JSON file with any of the keys below (camelCase)',
  };
}

function describe(kind: OptionKind): string {
  switch (kind.type) {
    case 'port':
      return 'a port number in 1..65535';
    case 'integer':
      return `an integer in ${kind.min}..${kind.max}`;
    case 'string':
      return 'a non-empty string';
    case 'path':
      return 'a file or folder path';
    case 'url':
      return 'an http:// or https:// URL';
    case 'enum':
      return `one of ${kind.values.join(', ')}`;
  }
}

/** Parses one value; `where` names its source for the error message (e.g. `--port`). */
function parseValue(spec: OptionSpec, raw: unknown, where: string, base: string): OptionValue {
  const bad = (): never => {
    throw new UsageError(`${where} must be ${describe(spec.kind)}, got ${JSON.stringify(raw)}`);
  };
  const kind = spec.kind;
  switch (kind.type) {
    case 'port':
    case 'integer': {
      const [min, max] = kind.type === 'port' ? [1, 65535] : [kind.min, kind.max];
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) n = Number(raw.trim());
      else return bad();
      if (!Number.isSafeInteger(n) || n < min || n > max) return bad();
      return n;
    }
    case 'string':
      if (typeof raw !== 'string' || raw.length === 0) return bad();
      return raw;
    case 'path':
      if (typeof raw !== 'string' || raw.length === 0) return bad();
      return resolve(base, raw);
    case 'url': {
      if (typeof raw !== 'string') return bad();
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return bad();
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad();
      if (url.port === '' && !/:\d+/.test(url.host)) {
        throw new UsageError(
          `${where} must name a port (e.g. http://127.0.0.1:7000), got ${JSON.stringify(raw)}`,
        );
      }
      return `${url.protocol}//${url.host}`;
    }
    case 'enum':
      if (typeof raw !== 'string' || !kind.values.includes(raw)) return bad();
      return raw;
  }
}

function readConfigFile(path: string, specs: readonly OptionSpec[]): Record<string, OptionValue> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new UsageError(`config file ${path} must hold a JSON object of settings, like {"port": 7001}`);
  }
  const byKey = new Map(specs.map((s) => [s.key, s]));
  const values: Record<string, OptionValue> = {};
  for (const [key, raw] of Object.entries(json)) {
    const spec = byKey.get(key);
    if (spec === undefined) {
      throw new UsageError(
        `config file ${path}: unknown key ${JSON.stringify(key)} (known keys: ${[...byKey.keys()].join(', ')})`,
      );
    }
    values[key] = parseValue(spec, raw, `config file ${path}: "${key}"`, dirname(path));
  }
  return values;
}

/**
 * Reads options from flags (`--flag value` or `--flag=value`), environment variables and a JSON
 * config file (`--config`), in that order of precedence, over the specs' defaults. Throws a
 * {@link UsageError} naming the flag, variable or file key at fault.
 */
export function parseOptions(
  specs: readonly OptionSpec[],
  envPrefix: string,
  sources: OptionSources,
): ParsedOptions {
  const all = [...specs, configSpec(envPrefix)];
  const byFlag = new Map(all.map((s) => [s.flag, s]));
  const fromFlags: Record<string, OptionValue> = {};
  const args = sources.argv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (!arg.startsWith('--')) {
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)} (options are --flag value)`);
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const spec = byFlag.get(flag);
    if (spec === undefined) throw new UsageError(`unknown flag ${flag}`);
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      raw = next;
      i++;
    }
    if (spec.key in fromFlags) throw new UsageError(`${flag} is given twice`);
    fromFlags[spec.key] = parseValue(spec, raw, flag, sources.cwd);
  }
  const fromEnv: Record<string, OptionValue> = {};
  for (const spec of all) {
    const raw = sources.env[spec.env];
    if (raw !== undefined && raw !== '') fromEnv[spec.key] = parseValue(spec, raw, spec.env, sources.cwd);
  }
  const configPath = fromFlags.config ?? fromEnv.config;
  const fromFile = configPath === undefined ? {} : readConfigFile(String(configPath), specs);
  const values: Record<string, OptionValue> = {};
  for (const spec of all) {
    const value = fromFlags[spec.key] ?? fromEnv[spec.key] ?? fromFile[spec.key] ?? spec.default;
    if (value !== undefined) values[spec.key] = value;
  }
  return { help: false, values };
}

/** The `--help` text: usage line, then one line per option with its variable and default. */
export function helpText(usage: string, specs: readonly OptionSpec[], envPrefix: string): string {
  const lines = [usage, '', 'Options (precedence: flags > environment > config file > defaults):'];
  for (const spec of [...specs, configSpec(envPrefix)]) {
    const def = spec.default === undefined ? '' : ` (default ${spec.default})`;
    lines.push(`  ${`${spec.flag} <${spec.kind.type}>`.padEnd(28)} ${spec.help}${def}  [${spec.env}]`);
  }
  lines.push(`  ${'--help'.padEnd(28)} print this help`);
  return `${lines.join('\n')}\n`;
}
