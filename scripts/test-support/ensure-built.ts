// For tests whose child processes run plain JavaScript: make sure the named workspace packages
// have a dist/ no older than their sources. Under turbo, `^build` has built dependencies
// already; a bare `vitest run` builds them here.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds each package (folders relative to the root, dependencies first) whose dist/ is missing or stale. */
export function ensureBuilt(packages: readonly string[]): void {
  for (const relative of packages) {
    const dir = join(repoRoot, relative);
    const built = join(dir, 'dist', 'index.js');
    if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(dir, 'src'))) {
      execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
    }
  }
}

/** Compiles a package's tsconfig.bench.json (sources plus child-process fixtures into dist-bench/). */
export function compileBench(packageDir: string): void {
  execFileSync(tsc, ['-p', 'tsconfig.bench.json'], { cwd: join(repoRoot, packageDir), stdio: 'inherit' });
}
