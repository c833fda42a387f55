// Before the tests: the child-process fixtures run as plain JavaScript, so compile them (with
// this package's sources) into dist-bench/, and make sure the workspace packages they import at
// run time have a dist/ that is not older than their sources. Under turbo, `^build` has already
// built those; a bare `vitest run` builds them here.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(packageDir, '..', '..', '..');
const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
/** Workspace packages the fixtures import at run time. */
const RUNTIME_DEPENDENCIES = ['packages/kernel', 'packages/ports/network'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  for (const relative of RUNTIME_DEPENDENCIES) {
    const dir = join(repoRoot, relative);
    const built = join(dir, 'dist', 'index.js');
    if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(dir, 'src'))) {
      execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
    }
  }
  execFileSync(tsc, ['-p', 'tsconfig.bench.json'], { cwd: packageDir, stdio: 'inherit' });
}
