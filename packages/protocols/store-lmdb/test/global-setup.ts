// Before the tests: the crash test's child process is plain JavaScript importing this package's
// dist/ and the workspace packages it uses at run time, so make sure each of those has a dist/
// not older than its sources. Under turbo, `^build` has built the dependencies already; a bare
// `vitest run` builds them here.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = join(packageDir, '..', '..', '..');
const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
/** Workspace packages the child imports at run time, dependencies first, this one last. */
const RUNTIME_PACKAGES = [
  'packages/kernel',
  'packages/ports/network',
  'packages/ports/ring',
  'packages/ports/store',
  'packages/protocols/store-lmdb',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  for (const relative of RUNTIME_PACKAGES) {
    const dir = join(repoRoot, relative);
    const built = join(dir, 'dist', 'index.js');
    if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(dir, 'src'))) {
      execFileSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
    }
  }
}
