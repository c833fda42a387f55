// The cats-bootstrap process: its command line, its JSON API and page (in headless Chromium),
// eviction of silent nodes, and a clean exit on SIGTERM.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BOOTSTRAP_CLI,
  getJson,
  killAll,
  run,
  startBootstrap,
  startNode,
  waitFor,
} from './support/processes.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const OUTPUT = join(import.meta.dirname, '..', 'test-output');
const dir = mkdtempSync(join(tmpdir(), 'cats-bootstrap-'));

interface NodesAnswer {
  nodes: Array<{ address: string; url: string; lastSeenMsAgo: number }>;
}

afterAll(killAll);

describe('cats-bootstrap command line', () => {
  it('prints its options for --help and exits 0', async () => {
    const proc = run(BOOTSTRAP_CLI, ['--help']);
    expect(await proc.exited).toBe(0);
    for (const flag of ['--port', '--host', '--evict-after-ms', 'CATS_BOOTSTRAP_PORT'])
      expect(proc.output()).toContain(flag);
  });

  it.each([
    [['--prot', '7000'], 'unknown flag --prot'],
    [['--evict-after-ms', 'soon'], '--evict-after-ms must be an integer in 100..3600000, got "soon"'],
    [['--port', '0'], '--port must be a port number in 1..65535, got "0"'],
  ])('rejects %j with a clear message and exit code 2', async (args, message) => {
    const proc = run(BOOTSTRAP_CLI, args);
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain(`cats-bootstrap: ${message}`);
  });

  it('rejects an invalid config file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ port: 7000, evictAfter: 10 }));
    const proc = run(BOOTSTRAP_CLI, ['--config', file]);
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain(`config file ${file}: unknown key "evictAfter"`);
  });
});

describe('a running bootstrap server', () => {
  it('lists live nodes on its page and API, forgets silent ones, and exits 0 on SIGTERM', async () => {
    const server = await startBootstrap(['--evict-after-ms', '1500']);
    const a = await startNode(server, ['--store', 'memory']);
    const b = await startNode(server, ['--store', 'memory']);
    const both = [a, b].map((n) => `127.0.0.1:${n.port}`).sort();
    const listed = await waitFor('both nodes to be listed', async () => {
      const answer = await getJson<NodesAnswer>(`${server.url}/api/nodes`);
      return answer.nodes.length === 2 ? answer : undefined;
    });
    expect(listed.nodes.map((n) => n.address)).toEqual(both);
    for (const n of listed.nodes) {
      expect(n.url).toBe(`http://${n.address}`);
      expect(n.lastSeenMsAgo).toBeGreaterThanOrEqual(0);
      expect(Object.keys(n).sort()).toEqual(['address', 'lastSeenMsAgo', 'url']);
    }

    const unknown = await fetch(`${server.url}/nodes`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/no route GET \/nodes/);
    const post = await fetch(`${server.url}/api/nodes`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);

    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 500 } });
      await page.goto(`${server.url}/`);
      const rows = await page
        .locator('tr.live-node')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));
      expect(rows).toEqual(both);
      for (const n of [a, b]) {
        expect(
          await page
            .locator(`tr.live-node[data-address="127.0.0.1:${n.port}"] a`)
            .first()
            .getAttribute('href'),
        ).toBe(`${n.url}/`);
      }
      expect(await page.locator('tr.live-node').first().textContent()).toMatch(/\d+\.\d s ago/);
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, 'bootstrap-page.png'), fullPage: true });
    } finally {
      await browser.close();
    }

    b.child.kill('SIGKILL');
    await b.exited;
    await waitFor('the killed node to be forgotten', async () => {
      const answer = await getJson<NodesAnswer>(`${server.url}/api/nodes`);
      return answer.nodes.length === 1 && answer.nodes[0]?.address === `127.0.0.1:${a.port}`;
    });

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });
});
