// Packs every published workspace package with `pnpm pack`, installs the tarballs together in
// an empty folder outside the repository with plain npm, and imports each one there: proof that
// a user who installs a package gets something that loads, with its dependencies resolved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pnpm = join(root, 'scripts', 'pnpm.sh');

function packageDirs(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist' || name === 'test') continue;
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    try {
      statSync(join(path, 'package.json'));
      found.push(path);
    } catch {
      found.push(...packageDirs(path));
    }
  }
  return found;
}

const published = packageDirs(join(root, 'packages'))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true);

const work = mkdtempSync(join(tmpdir(), 'kompics-pack-'));
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
try {
  execFileSync('mkdir', ['-p', tarballs, consumer]);
  const specs = {};
  for (const { dir, manifest } of published) {
    const out = execFileSync('sh', [pnpm, 'pack', '--pack-destination', tarballs], {
      cwd: dir,
      encoding: 'utf8',
    });
    const file = out.trim().split('\n').pop();
    specs[manifest.name] = `file:${file.startsWith('/') ? file : join(tarballs, file)}`;
    console.log(`packed ${manifest.name} (${relative(root, dir)})`);
  }
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify(
      { name: 'pack-check', private: true, type: 'module', dependencies: specs, overrides: specs },
      null,
      2,
    ),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: consumer,
    stdio: 'inherit',
  });
  for (const name of Object.keys(specs)) {
    const script = `const m = await import(${JSON.stringify(name)}); if (Object.keys(m).length === 0) throw new Error('no exports');`;
    execFileSync('node', ['--input-type=module', '-e', script], { cwd: consumer, stdio: 'inherit' });
    console.log(`imported ${name} from its tarball outside the repository`);
  }
  console.log(`pack-check: ${Object.keys(specs).length} passed, 0 failed`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
