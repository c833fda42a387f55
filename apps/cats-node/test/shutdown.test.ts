// Graceful shutdown: leave (hand data over) then stop; a leave that takes too long is given
// up; a leave timeout of 0 skips the leave; requests during shutdown get 503.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadNodeConfig, type NodeAppConfig } from '../src/config/node-config.js';
import { runNodeApp } from '../src/run-node.js';
import { FakeNode } from './support/fake-node.js';

function config(leaveTimeoutMs: number): NodeAppConfig {
  const argv = ['--port', '7001', '--bootstrap', 'http://127.0.0.1:7000', '--store', 'memory'];
  return { ...(loadNodeConfig({ argv, env: {}, cwd: '/' }) as NodeAppConfig), leaveTimeoutMs };
}

function logger(lines: string[]) {
  return pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line).msg as string) });
}

describe('shutdown', () => {
  it('leaves the ring, then stops, once however often it is asked', async () => {
    const node = new FakeNode(7001);
    const order: string[] = [];
    node.leave = async () => {
      order.push('leave');
    };
    node.stop = async () => {
      order.push('stop');
    };
    const lines: string[] = [];
    const app = await runNodeApp(config(10_000), logger(lines), async () => node);
    await Promise.all([app.shutdown('SIGTERM'), app.shutdown('SIGINT')]);
    expect(order).toEqual(['leave', 'stop']);
    expect(lines).toEqual(['shutting down: leaving the ring', 'left the ring', 'stopped']);
  });

  it('gives up a leave that takes longer than the leave timeout, and still stops', async () => {
    const node = new FakeNode(7001);
    node.leave = () => new Promise(() => {});
    const lines: string[] = [];
    const app = await runNodeApp(config(200), logger(lines), async () => node);
    await app.shutdown('SIGTERM');
    expect(node.stopped).toBe(true);
    expect(lines).toContain('graceful leave failed; stopping anyway');
  });

  it('skips the leave with a leave timeout of 0', async () => {
    const node = new FakeNode(7001);
    const app = await runNodeApp(config(0), logger([]), async () => node);
    await app.shutdown('SIGTERM');
    expect(node.left).toBe(false);
    expect(node.stopped).toBe(true);
  });

  it('answers 503 to key-value requests once shutting down', async () => {
    const { createServer } = await import('node:http');
    const node = new FakeNode(7001);
    let release: () => void = () => {};
    node.leave = () =>
      new Promise<void>((resolve) => {
        release = resolve;
      });
    const app = await runNodeApp(config(10_000), logger([]), async () => node);
    const server = createServer(app.http.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const done = app.shutdown('SIGTERM');
    const res = await fetch(`http://127.0.0.1:${port}/kv/a`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/shutting down/);
    release();
    await done;
    server.close();
  });
});
