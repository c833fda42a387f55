import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));

const LINEARIZABLE = [
  '{"client": 1, "call": 0, "return": 10, "f": "put", "key": "k1", "value": "v1"}',
  '{"client": 2, "call": 5, "return": 15, "f": "get", "key": "k1", "output": null}',
  '{"client": 2, "call": 20, "return": 30, "f": "get", "key": "k1", "output": "v1"}',
  '{"client": 3, "call": 20, "return": null, "f": "append", "key": "k2", "value": "x"}',
].join('\n');
const STALE = [
  '{"client": 1, "call": 0, "return": 10, "f": "put", "key": "k1", "value": "v1"}',
  '{"client": 1, "call": 20, "return": 30, "f": "put", "key": "k1", "value": "v2"}',
  '{"client": 2, "call": 40, "return": 50, "f": "get", "key": "k1", "output": "v1"}',
].join('\n');

let dir: string;
async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lincheck-'));
});

describe('lincheck main()', () => {
  it('exits 0 on a linearizable history and says so', async () => {
    const r = await cli(['check', await file('ok.jsonl', LINEARIZABLE), '--model', 'kv']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^LINEARIZABLE: 4 operations, 2 key\(s\)/);
  });

  it('exits 1 on a violation, naming the key and the lines, and writes the HTML report', async () => {
    const html = join(dir, 'report.html');
    const r = await cli(['check', await file('stale.jsonl', STALE), '--model', 'kv', '--html', html]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^NOT LINEARIZABLE/);
    expect(r.out).toContain('key "k1"');
    expect(r.out).toContain('get(k1) → "v1" (line 3)');
    expect(await readFile(html, 'utf8')).toContain('Violation on key');
  });

  it('prints JSON with --json', async () => {
    const r = await cli(['check', await file('stale2.jsonl', STALE), '--model', 'kv', '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as {
      verdict: string;
      violations: { key: string; window: { line: number }[] }[];
    };
    expect(json.verdict).toBe('not-linearizable');
    expect(json.violations[0]!.key).toBe('k1');
    expect(json.violations[0]!.window.map((o) => o.line)).toEqual([2, 3]);
  });

  it('exits 2 with the line number of a malformed line', async () => {
    const bad = `${LINEARIZABLE}\n{"client": 1, "call": 40, "return": 30, "f": "get", "key": "k1", "output": null}\n`;
    const r = await cli(['check', await file('bad.jsonl', bad), '--model', 'kv']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 5: "return" (30) is before "call" (40)');
    const json = await cli(['check', join(dir, 'bad.jsonl'), '--model', 'kv', '--json']);
    expect(JSON.parse(json.out)).toEqual({
      verdict: 'error',
      error: '"return" (30) is before "call" (40)',
      line: 5,
    });
  });

  it('exits 2 when the budget runs out', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++)
      lines.push(JSON.stringify({ client: i, call: 0, return: 1000, f: 'write', value: i }));
    lines.push(JSON.stringify({ client: 100, call: 1100, return: 1200, f: 'read', output: 0 }));
    lines.push(JSON.stringify({ client: 100, call: 1300, return: 1400, f: 'read', output: 1 }));
    const r = await cli([
      'check',
      await file('hard.jsonl', lines.join('\n')),
      '--model',
      'register',
      '--timeout',
      '0.2',
    ]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^UNKNOWN/);
  });

  it('exits 2 on bad arguments and a missing file', async () => {
    expect((await cli(['check', 'x.jsonl', '--model', 'queue'])).code).toBe(2);
    expect((await cli(['check', '--model', 'kv'])).code).toBe(2);
    expect((await cli(['check', 'x.jsonl', '--model', 'kv', '--bogus'])).code).toBe(2);
    expect((await cli(['check', 'x.jsonl', '--model', 'kv', '--timeout', '-1'])).code).toBe(2);
    const missing = await cli(['check', join(dir, 'missing.jsonl'), '--model', 'kv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
  });

  it('checks a register history without keys', async () => {
    const history = [
      '{"client": 1, "call": 0, "return": 10, "f": "write", "value": 1}',
      '{"client": 2, "call": 20, "return": 30, "f": "cas", "expected": 1, "value": 2, "output": true}',
      '{"client": 3, "call": 40, "return": 50, "f": "read", "output": 2}',
    ].join('\n');
    expect((await cli(['check', await file('reg.jsonl', history), '--model', 'register'])).code).toBe(0);
  });
});

describe('lincheck binary (dist/cli.js)', () => {
  beforeAll(async () => {
    await run(
      process.execPath,
      [join(packageDir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: packageDir,
      },
    );
  }, 120_000);

  async function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(packageDir, 'dist/cli.js'), ...args]);
      return { code: 0, stdout, stderr };
    } catch (e) {
      const failed = e as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('exits 0, 1 and 2 as a real process', async () => {
    expect((await spawnCli(['check', await file('ok-bin.jsonl', LINEARIZABLE), '--model', 'kv'])).code).toBe(
      0,
    );
    const stale = await spawnCli(['check', await file('stale-bin.jsonl', STALE), '--model', 'kv']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('NOT LINEARIZABLE');
    const bad = await spawnCli([
      'check',
      await file('bad-bin.jsonl', '{"client": 1}\nnot json'),
      '--model',
      'kv',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 1: missing field "call"');
  });

  it('starts with a shebang so it runs as an npm bin', async () => {
    expect((await readFile(join(packageDir, 'dist/cli.js'), 'utf8')).startsWith('#!/usr/bin/env node')).toBe(
      true,
    );
  });
});
