// Builds what the process tests run: this app and every workspace package it depends on
// (dependencies first), each only when its dist/ is missing or older than its sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureBuilt, repoRoot } from '../../../../scripts/test-support/ensure-built.js';

function packageDirs(dir: string, depth: number): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    try {
      statSync(join(path, 'package.json'));
      found.push(path);
    } catch {
      if (depth > 0) found.push(...packageDirs(path, depth - 1));
    }
  }
  return found;
}

/** Workspace folders (relative to the root) that `app` needs built, dependencies first. */
export function buildOrder(app: string): string[] {
  const byName = new Map<string, { dir: string; deps: string[] }>();
  for (const dir of [
    ...packageDirs(join(repoRoot, 'packages'), 2),
    ...packageDirs(join(repoRoot, 'apps'), 0),
  ]) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
    };
    const deps = Object.entries(pkg.dependencies ?? {})
      .filter(([, spec]) => spec.startsWith('workspace:'))
      .map(([name]) => name);
    byName.set(pkg.name, { dir: relative(repoRoot, dir), deps });
  }
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const pkg = byName.get(name);
    if (pkg === undefined) throw new Error(`workspace package ${name} not found`);
    for (const dep of pkg.deps) visit(dep);
    order.push(pkg.dir);
  };
  visit(app);
  return order;
}

/** Builds `app` (a package name) and its workspace dependencies. */
export function buildApp(app: string): void {
  ensureBuilt(buildOrder(app));
}
