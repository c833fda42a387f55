// Child processes run the apps' built JavaScript: build them (and what they import) when stale.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, repoRoot } from '../../../../../scripts/test-support/ensure-built.js';

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
}

function workspaceDirs(): Map<string, string> {
  const byName = new Map<string, string>();
  const visit = (dir: string, depth: number) => {
    const manifest = join(repoRoot, dir, 'package.json');
    if (existsSync(manifest)) {
      byName.set((JSON.parse(readFileSync(manifest, 'utf8')) as Manifest).name, dir);
      return;
    }
    if (depth === 0) return;
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        visit(join(dir, entry.name), depth - 1);
      }
    }
  };
  visit('packages', 3);
  visit('apps', 1);
  return byName;
}

/** Builds the node and bootstrap apps and their workspace dependencies (dependencies first) when stale. */
export function buildApps(): void {
  const dirs = workspaceDirs();
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const dir = dirs.get(name);
    if (dir === undefined || seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(repoRoot, dir, 'package.json'), 'utf8')) as Manifest;
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
    order.push(dir);
  };
  visit('@cats/node-app');
  visit('@cats/bootstrap-server-app');
  ensureBuilt(order);
}
