// The cats-node process's command line: bad input gets a clear message and exit code 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, NODE_CLI, run, startBootstrap, startNode, statusOf, waitFor } from './support/processes.js';

afterAll(killAll);

const dir = mkdtempSync(join(tmpdir(), 'cats-node-cli-'));

async function exitOf(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  const proc = run(NODE_CLI, args, 0, env);
  const code = await proc.exited;
  return { code, output: proc.output() };
}

describe('cats-node command line', () => {
  it('prints every option for --help and exits 0', async () => {
    const { code, output } = await exitOf(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--port',
      '--bootstrap',
      '--data-dir',
      '--store',
      '--cluster-secret-file',
      '--token',
      '--tls-key',
    ])
      expect(output).toContain(flag);
    expect(output).toContain('CATS_DATA_DIR');
  });

  it.each([
    [['--port', '7001', '--bootstrap', 'http://127.0.0.1:7000', '--stroe', 'memory'], 'unknown flag --stroe'],
    [['--port', 'abc'], '--port must be a port number in 1..65535, got "abc"'],
    [['--port', '7001', '--bootstrap', 'http://127.0.0.1:7000'], '--data-dir is required with --store lmdb'],
    [['--port', '7001', '--store', 'memory'], '--bootstrap <url> is required'],
  ])('rejects %j with a clear message and exit code 2', async (args, message) => {
    const { code, output } = await exitOf(args);
    expect(code).toBe(2);
    expect(output).toContain(`cats-node: ${message}`);
    expect(output).toContain('usage: cats-node');
  });

  it('rejects an invalid environment variable', async () => {
    const { code, output } = await exitOf(['--port', '7001', '--store', 'memory'], {
      CATS_BOOTSTRAP: 'nowhere',
    });
    expect(code).toBe(2);
    expect(output).toContain('CATS_BOOTSTRAP must be an http:// or https:// URL, got "nowhere"');
  });

  it('rejects an invalid config file, naming the file and the problem', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "port": 7001, ');
    const a = await exitOf(['--config', broken]);
    expect(a.code).toBe(2);
    expect(a.output).toContain(`config file ${broken} is not valid JSON`);
    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ port: 7001, bootstrap: 'http://127.0.0.1:7000', dataDri: 'x' }));
    const b = await exitOf(['--config', typo]);
    expect(b.code).toBe(2);
    expect(b.output).toContain(`config file ${typo}: unknown key "dataDri"`);
  });

  it('exits 1 with a logged reason when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const { code, output } = await exitOf([
        '--port',
        String(port),
        '--bootstrap',
        'http://127.0.0.1:1',
        '--store',
        'memory',
      ]);
      expect(code).toBe(1);
      expect(output).toMatch(/"level":60.*the node could not start/);
      expect(output).toMatch(/EADDRINUSE/);
    } finally {
      server.close();
    }
  });

  it('a node alone in its ring leaves on SIGTERM without waiting out the leave timeout', async () => {
    // Nobody can take its ranges over: with a leave timeout of two minutes, the test's own
    // 30 s would run out first if the node waited for a hand-over.
    const bootstrap = await startBootstrap();
    const node = await startNode(bootstrap, ['--store', 'memory', '--leave-timeout-ms', '120000']);
    await waitFor('the node to join its ring', async () => (await statusOf(node)).ring.joined);
    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(0);
    expect(node.output()).toContain('left without handing every range over');
    bootstrap.child.kill('SIGTERM');
    expect(await bootstrap.exited).toBe(0);
  }, 30_000);

  it('exits at once (code 1) on a second signal during the graceful leave', async () => {
    // The node's only peer is frozen (SIGSTOP), so nobody takes its ranges over and its leave
    // lasts until the leave timeout (a minute here): the second SIGTERM must not wait for it.
    const bootstrap = await startBootstrap();
    const node = await startNode(bootstrap, ['--store', 'memory', '--leave-timeout-ms', '60000']);
    const peer = await startNode(bootstrap, ['--store', 'memory']);
    await waitFor('the two nodes to form one ring', async () => {
      const s = await statusOf(node);
      return s.ring.joined && s.ring.successors.some((m) => m.address === `127.0.0.1:${peer.port}`);
    });
    peer.child.kill('SIGSTOP');
    node.child.kill('SIGTERM');
    await waitFor('the shutdown to begin', async () =>
      node.output().includes('shutting down: leaving the ring'),
    );
    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(1);
    expect(node.output()).toContain('second signal: exiting now without finishing the graceful leave');
    peer.child.kill('SIGCONT');
    peer.child.kill('SIGKILL');
    await peer.exited;
    bootstrap.child.kill('SIGTERM');
    expect(await bootstrap.exited).toBe(0);
  });
});
