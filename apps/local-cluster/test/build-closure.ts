// Builds (when stale) the workspace packages a folder depends on, dependencies first, so a test
// can spawn their compiled JavaScript (under turbo, ^build has done it already).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, repoRoot } from '../../../scripts/test-support/ensure-built.js';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

function workspaceFolders(): Map<string, string> {
  const byName = new Map<string, string>();
  const visit = (dir: string, depth: number) => {
    if (existsSync(join(dir, 'package.json')) && dir !== repoRoot) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
      byName.set(manifest.name, relative(repoRoot, dir));
      return;
    }
    if (depth === 0) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (
        entry.isDirectory() &&
        entry.name !== 'node_modules' &&
        !entry.name.startsWith('.') &&
        !entry.name.startsWith('dist')
      ) {
        visit(join(dir, entry.name), depth - 1);
      }
    }
  };
  for (const top of ['packages', 'apps', 'examples']) visit(join(repoRoot, top), 3);
  return byName;
}

/** Builds `folder` (relative to the repository root) and its workspace dependencies, dependencies first. */
export function buildWithDependencies(folder: string): void {
  const folders = workspaceFolders();
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Manifest;
    for (const [name, spec] of Object.entries(manifest.dependencies ?? {})) {
      const dep = folders.get(name);
      if (spec.startsWith('workspace:') && dep !== undefined) visit(dep);
    }
    order.push(dir);
  };
  visit(folder);
  ensureBuilt(order);
}
