import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A use of the host's clock, timers or randomness outside the places allowed to touch them. */
export interface ContractViolation {
  /** Path relative to the repository root, with `/` separators. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** What was found, e.g. `Date.now(`. */
  readonly pattern: string;
  readonly text: string;
}

/** What the determinism contract forbids in protocol code. */
export const FORBIDDEN_PATTERNS: readonly { readonly name: string; readonly regex: RegExp }[] = [
  { name: 'Date.now(', regex: /\bDate\.now\s*\(/ },
  { name: 'Math.random(', regex: /\bMath\.random\s*\(/ },
  { name: 'performance.now(', regex: /\bperformance\.now\s*\(/ },
  { name: 'setTimeout(', regex: /\bsetTimeout\s*\(/ },
  { name: 'setInterval(', regex: /\bsetInterval\s*\(/ },
  { name: 'setImmediate(', regex: /\bsetImmediate\s*\(/ },
  { name: 'process.hrtime', regex: /\bprocess\.hrtime\b/ },
  { name: 'new Date(', regex: /\bnew\s+Date\s*\(/ },
];

/**
 * Where the contract allows the host's clock and timers: the kernel's schedulers, the
 * simulator, the Network and Timer implementations, test helpers, apps and examples, the CATS
 * node launcher and the CATS client library (paths
 * relative to the repository root, `/`-separated prefixes). Test and bench files are allowed
 * everywhere.
 */
export const ALLOWED_PREFIXES: readonly RegExp[] = [
  /^packages\/kernel\/src\/sched\//,
  /^packages\/simulator\//,
  /^packages\/protocols\/network-[^/]+\//,
  /^packages\/protocols\/timer-[^/]+\//,
  /^packages\/testing\//,
  // Launchers and clients that run outside any kernel: they own the process, like apps.
  /^packages\/cats\/node\/src\/runtime\//,
  /^packages\/cats\/client\//,
  /^apps\//,
  /^examples\//,
];

/** Whether `file` (repository-relative) may touch the host's clock, timers and randomness. */
export function isAllowedFile(file: string): boolean {
  if (/(^|\/)(test|bench|__tests__)\//.test(file)) return true;
  if (/\.(test|spec|bench)\.[cm]?tsx?$/.test(file)) return true;
  return ALLOWED_PREFIXES.some((prefix) => prefix.test(file));
}

/** Blanks out comments and the contents of string literals, keeping line structure. */
function stripCommentsAndStrings(source: string): string {
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        out += source[i] === '\n' ? '\n' : ' ';
        i++;
      }
      i += 2;
    } else if (c === '"' || c === "'") {
      out += c;
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') i++;
        i++;
      }
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Finds every forbidden use in one file's source. Comments and plain string literals are
 * ignored (template literals are scanned, since `${Date.now()}` in one is a real call).
 */
export function scanSource(file: string, source: string): ContractViolation[] {
  const violations: ContractViolation[] = [];
  const original = source.split('\n');
  const lines = stripCommentsAndStrings(source).split('\n');
  lines.forEach((text, i) => {
    for (const pattern of FORBIDDEN_PATTERNS) {
      if (pattern.regex.test(text)) {
        violations.push({ file, line: i + 1, pattern: pattern.name, text: (original[i] ?? text).trim() });
      }
    }
  });
  return violations;
}

function walk(dir: string, files: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    // Build outputs (dist, dist-bench, …) are copies of sources scanned where they live.
    const skip = entry.name === 'node_modules' || entry.name === 'coverage' || entry.name.startsWith('.');
    if (skip || (entry.isDirectory() && entry.name.startsWith('dist'))) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else if (/\.[cm]?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
}

/**
 * Scans the TypeScript sources under `<root>/packages/**\/src` (and every other source below
 * `packages`, `apps`, `examples`) and returns the uses outside the allowed places.
 */
export function scanRepository(root: string): ContractViolation[] {
  const files: string[] = [];
  walk(join(root, 'packages'), files);
  const violations: ContractViolation[] = [];
  for (const path of files.sort()) {
    const file = relative(root, path).split(sep).join('/');
    if (!/\/src\//.test(file) || isAllowedFile(file)) continue;
    violations.push(...scanSource(file, readFileSync(path, 'utf8')));
  }
  return violations;
}
