import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type FakeCluster,
  makeCertificates,
  startFakeCluster,
  type TestCertificates,
} from '@cats/client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitWords } from '../src/index.js';
import { buildCli, runCats } from './run-cli.js';

let cluster: FakeCluster;
let node: string;

beforeAll(async () => {
  buildCli();
  cluster = await startFakeCluster({ nodes: 3 });
  node = cluster.nodes[0]!.url;
});

afterAll(async () => {
  await cluster.close();
});

describe('cats', () => {
  it('puts, gets and deletes', async () => {
    expect(await runCats(['--node', node, 'put', 'k1', 'hello world'])).toMatchObject({
      code: 0,
      stdout: 'OK\n',
    });
    expect(cluster.store.get('k1')?.toString()).toBe('hello world');
    expect(await runCats(['get', 'k1', '--node', node])).toMatchObject({ code: 0, stdout: 'hello world' });
    expect(await runCats(['--node', node, 'delete', 'k1'])).toMatchObject({ code: 0 });
    const missing = await runCats(['--node', node, 'get', 'k1']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toContain('not found: k1');
  });

  it('reads the value from standard input with -, bytes unchanged', async () => {
    const bytes = Buffer.from([0, 255, 10, 13, 128]);
    expect((await runCats(['--bootstrap', cluster.bootstrapUrl!, 'put', 'bin', '-'], bytes)).code).toBe(0);
    const got = await runCats(['--bootstrap', cluster.bootstrapUrl!, 'get', 'bin']);
    expect(got.stdoutBytes.equals(bytes)).toBe(true);
    const json = await runCats(['--bootstrap', cluster.bootstrapUrl!, '--json', 'get', 'bin']);
    expect(JSON.parse(json.stdout)).toEqual({ key: 'bin', found: true, base64: bytes.toString('base64') });
  });

  it('prints JSON for scripts', async () => {
    const env = { CATS_NODE: cluster.nodes.map((n) => n.url).join(',') };
    expect(JSON.parse((await runCats(['--json', 'put', 'j', 'v'], undefined, env)).stdout)).toEqual({
      ok: true,
      key: 'j',
    });
    expect(JSON.parse((await runCats(['--json', 'get', 'j'], undefined, env)).stdout)).toEqual({
      key: 'j',
      found: true,
      value: 'v',
    });
    const absent = await runCats(['--json', 'get', 'nope'], undefined, env);
    expect(absent.code).toBe(1);
    expect(JSON.parse(absent.stdout)).toEqual({ key: 'nope', found: false });
    const status = await runCats(['--json', 'status', cluster.nodes[2]!.url]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).node.address).toBe(cluster.nodes[2]!.address);
  });

  it('shows a node status for people', async () => {
    const result = await runCats(['status'], undefined, { CATS_BOOTSTRAP: cluster.bootstrapUrl! });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^node {8}127\.0\.0\.1:\d+ \(id \d+\)/);
    expect(result.stdout).toContain('ring        joined; predecessor 127.0.0.1:');
    expect(result.stdout).toContain('/cluster (cluster)');
  });

  it('runs a shell from standard input', async () => {
    const script = [
      'put "a key" some value with spaces',
      'get "a key"',
      'get none',
      'delete "a key"',
      'get "a key"',
      'bogus',
      'help',
      'exit',
      'put never run',
    ].join('\n');
    const result = await runCats(['--node', node, 'shell'], script);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(['OK', 'some value with spaces', 'OK']);
    expect(result.stdout).toContain('status [node-url]');
    expect(result.stderr).toContain('not found: none');
    expect(result.stderr).toContain('not found: a key');
    expect(result.stderr).toContain('unknown command "bogus"');
    expect(cluster.store.has('never')).toBe(false);
  });

  it('refuses bad usage with exit code 2', async () => {
    for (const args of [
      [],
      ['--node', node, 'frobnicate'],
      ['--node', node, 'put', 'k'],
      ['--node', node, 'get'],
      ['--no-such-flag', 'get', 'k'],
      ['--node', 'localhost:1', 'get', 'k'],
      ['--node', node, '--timeout-ms', 'soon', 'get', 'k'],
      ['--node', node, '--bootstrap', node, 'get', 'k'],
      ['get', 'k'], // no cluster
      ['--node', node, 'get', 'x'.repeat(1025)],
    ]) {
      const result = await runCats(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^cats: \S/);
    }
    const tooBig = await runCats(['--node', node, 'put', 'k', '-'], Buffer.alloc(1024 * 1024 + 1));
    expect(tooBig).toMatchObject({ code: 2 });
    expect(tooBig.stderr).toContain('at most 1048576 bytes');
    expect((await runCats(['--help'])).code).toBe(0);
  });

  it('reports an unreachable cluster and timeouts with exit code 3', async () => {
    const down = await startFakeCluster({ nodes: 1, bootstrap: false });
    const url = down.nodes[0]!.url;
    await down.close();
    const result = await runCats(['--node', url, 'get', 'k']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('cats: no-nodes: no CATS node answered');
    const json = await runCats(['--json', '--node', url, 'get', 'k']);
    expect(JSON.parse(json.stderr).error.code).toBe('no-nodes');

    const slow = await startFakeCluster({ nodes: 1, bootstrap: false });
    slow.nodes[0]!.behaviour.delayMs = 3_000;
    try {
      const timedOut = await runCats(['--node', slow.nodes[0]!.url, '--timeout-ms', '200', 'put', 'k', 'v']);
      expect(timedOut.code).toBe(3);
      expect(timedOut.stderr).toContain('cats: timeout:');
    } finally {
      await slow.close();
    }
  });

  it('bench loads the records and runs a YCSB workload through the client', async () => {
    const result = await runCats([
      '--node',
      node,
      '--json',
      'bench',
      '--workload',
      'A',
      '--records',
      '50',
      '--operations',
      '200',
      '--concurrency',
      '4',
      '--value-size',
      '16',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const [load, run] = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(load).toMatchObject({ phase: 'load', operations: 50, errors: 0 });
    expect(run).toMatchObject({ phase: 'run', workload: 'A', operations: 200, errors: 0 });
    expect(run.latency.read.count + run.latency.update.count).toBe(200);
    expect(cluster.store.get('user0000000049')?.length).toBe(16);
    const bad = await runCats(['--node', node, 'bench', '--workload', 'Z']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--workload must be A, B or C');
    const misplaced = await runCats(['--node', node, 'get', 'k', '--records', '5']);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--records is an option of bench only');
  });

  it('splits shell lines into words with quotes', () => {
    expect(splitWords(`put "a b" 'c d' e\\"f "g\\"h"`)).toEqual(['put', 'a b', 'c d', 'e\\"f', 'g"h']);
  });
});

describe('cats --ca against https:// nodes', () => {
  let certs: TestCertificates;
  let secure: FakeCluster;
  let httpsNode: string;

  beforeAll(async () => {
    certs = makeCertificates();
    secure = await startFakeCluster({ nodes: 3, tls: { key: certs.key, cert: certs.cert } });
    httpsNode = secure.nodes[0]!.url;
  });

  afterAll(async () => {
    await secure.close();
    certs.remove();
  });

  it('trusts the cluster CA given with --ca or CATS_CA', async () => {
    expect(httpsNode).toMatch(/^https:/);
    const put = await runCats(['--ca', certs.caFile, '--node', httpsNode, 'put', 'tls-key', 'secret']);
    expect(put).toMatchObject({ code: 0, stdout: 'OK\n' });
    expect(secure.store.get('tls-key')?.toString()).toBe('secret');
    const viaBootstrap = await runCats([
      '--bootstrap',
      secure.bootstrapUrl!,
      'get',
      'tls-key',
      '--ca',
      certs.caFile,
    ]);
    expect(viaBootstrap).toMatchObject({ code: 0, stdout: 'secret' });
    const viaEnv = await runCats(['--node', httpsNode, 'get', 'tls-key'], undefined, {
      CATS_CA: certs.caFile,
    });
    expect(viaEnv).toMatchObject({ code: 0, stdout: 'secret' });
    // The flag wins over the environment (which here names a missing file, and is not read).
    const both = await runCats(['--ca', certs.caFile, '--node', httpsNode, 'get', 'tls-key'], undefined, {
      CATS_CA: join(certs.dir, 'missing.pem'),
    });
    expect(both).toMatchObject({ code: 0, stdout: 'secret' });
    expect((await runCats(['--help'])).stdout).toContain('--ca <file>');
  });

  it('without the CA, or with an unrelated one, exits 3 naming the certificate problem', async () => {
    for (const extra of [[], ['--ca', certs.otherCaFile]]) {
      const result = await runCats([...extra, '--node', httpsNode, 'get', 'tls-key']);
      expect(result.code, extra.join(' ')).toBe(3);
      expect(result.stderr).toContain('cats: no-nodes: no CATS node answered');
      expect(result.stderr).toContain('TLS certificate not accepted');
      expect(result.stderr).toContain('--ca <file>');
    }
  });

  it('refuses an unreadable or non-PEM CA file with exit code 2, naming the file', async () => {
    const missing = join(certs.dir, 'no-such-ca.pem');
    const notPem = join(certs.dir, 'not-a-cert.txt');
    writeFileSync(notPem, 'hello\n');
    const cutOff = join(certs.dir, 'cut-off.pem');
    writeFileSync(cutOff, readFileSync(certs.caFile, 'utf8').slice(0, 300));
    const cases: [string[], Record<string, string>, string[]][] = [
      [['--ca', missing], {}, ['--ca: cannot read the CA file', missing, 'no such file']],
      [['--ca', certs.dir], {}, ['--ca: cannot read the CA file', certs.dir, 'directory']],
      [['--ca', notPem], {}, ['--ca:', notPem, 'is not a PEM certificate']],
      [['--ca', cutOff], {}, ['--ca:', cutOff, 'no complete certificate']],
      [['--ca', ''], {}, ['--ca must name a PEM file']],
      [[], { CATS_CA: missing }, ['CATS_CA: cannot read the CA file', missing]],
    ];
    for (const [flags, env, expected] of cases) {
      const result = await runCats([...flags, '--node', httpsNode, 'put', 'never', 'v'], undefined, env);
      expect(result.code, flags.join(' ')).toBe(2);
      for (const text of expected) expect(result.stderr).toContain(text);
    }
    expect(secure.store.has('never')).toBe(false);
    // Help needs no CA: a stale CATS_CA does not stand in its way.
    expect(await runCats(['--help'], undefined, { CATS_CA: missing })).toMatchObject({ code: 0 });
  });
});
