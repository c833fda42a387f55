// End to end with real processes: a bootstrap server and five cats-node processes (LMDB stores)
// on loopback. The cluster forms; the HTTP API agrees across nodes; bad input is refused; the
// pages work in headless Chromium; a node joins, one leaves gracefully, one is killed with
// SIGKILL and restarted on its data directory — and no acknowledged write is lost.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MembersView, ringGroup } from '../src/members-view.js';
import {
  getJson,
  killAll,
  type Proc,
  startBootstrap,
  startNode,
  statusOf,
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
const dataRoot = mkdtempSync(join(tmpdir(), 'cats-node-e2e-'));

let bootstrap: Proc;
const nodes: Proc[] = [];
/** Every acknowledged write: key → value (absent after an acknowledged delete). */
const acknowledged = new Map<string, string | undefined>();

function live(): Proc[] {
  return nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
}

async function launch(name: string, port?: number): Promise<Proc> {
  return startNode(bootstrap, ['--data-dir', join(dataRoot, name), '--log-level', 'info'], port);
}

/**
 * Every live node has joined and its successors make one ring of all of them; every node
 * knows a view of every key range whose members are the range's ring group (its end's
 * successor and the next two), the same view number everywhere; and a node serves exactly the
 * ranges it is a member of.
 */
async function settled(expected: number): Promise<boolean> {
  const statuses = await Promise.all(live().map(statusOf));
  if (statuses.length !== expected) return false;
  const sorted = statuses.map((s) => s.node).sort((a, b) => a.id - b.id);
  const viewOf = new Map<number, number | null>();
  for (const s of statuses) {
    if (!s.ring.joined || s.groups.length !== 16) return false;
    for (const g of s.groups) {
      const ring = ringGroup(sorted, g.to, 3).map((m) => m.address);
      if (g.view === null || g.members.map((m) => m.address).join() !== ring.join()) return false;
      if (g.serving !== ring.includes(s.node.address)) return false;
      if ((viewOf.get(g.slice) ?? g.view) !== g.view) return false;
      viewOf.set(g.slice, g.view);
    }
  }
  const next = new Map(statuses.map((s) => [s.node.address, s.ring.successors[0]?.address]));
  let at = statuses[0]?.node.address;
  const seen = new Set<string>();
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    at = next.get(at);
  }
  return seen.size === expected && at === statuses[0]?.node.address;
}

async function put(node: Proc, key: string, value: string): Promise<void> {
  const res = await fetch(`${node.url}/kv/${encodeURIComponent(key)}`, { method: 'PUT', body: value });
  expect(res.status, `PUT ${key} at ${node.url}: ${await res.clone().text()}`).toBe(204);
  acknowledged.set(key, value);
}

async function read(node: Proc, key: string): Promise<string | undefined> {
  const res = await fetch(`${node.url}/kv/${encodeURIComponent(key)}`);
  if (res.status === 404) return undefined;
  expect(res.status, `GET ${key} at ${node.url}: ${await res.clone().text()}`).toBe(200);
  return res.text();
}

/** Every acknowledged write reads back, through every live node. */
async function expectNoLoss(): Promise<void> {
  for (const node of live()) {
    for (const [key, value] of acknowledged)
      expect(await read(node, key), `${key} at ${node.url}`).toBe(value);
  }
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  bootstrap = await startBootstrap();
  for (let i = 0; i < 5; i++) nodes.push(await launch(`n${i}`));
}, 120_000);

afterAll(async () => {
  await killAll();
  if (process.env.CATS_E2E_KEEP_LOGS === undefined) return;
  for (const n of nodes) console.log(`--- ${n.url}\n${n.output()}`);
});

describe('a cluster of five node processes', { timeout: 150_000 }, () => {
  it('forms one ring: every node joined, every group full', async () => {
    await waitFor('the cluster to settle', () => settled(5), 120_000);
    const nodesAnswer = await getJson<{ nodes: Array<{ address: string }> }>(`${bootstrap.url}/api/nodes`);
    expect(nodesAnswer.nodes.map((n) => n.address).sort()).toEqual(
      nodes.map((n) => `127.0.0.1:${n.port}`).sort(),
    );
    const view = await getJson<MembersView>(`${nodes[0]?.url}/api/members`);
    expect(view.members).toHaveLength(5);
    expect(view.slices).toHaveLength(16);
  });

  it('agrees across nodes on put, get and delete through the HTTP API', async () => {
    for (let i = 0; i < 20; i++) await put(nodes[i % 5] as Proc, `key-${i}`, `value-${i}`);
    await expectNoLoss();
    for (let i = 0; i < 20; i += 4) {
      const res = await fetch(`${nodes[(i + 2) % 5]?.url}/kv/key-${i}`, { method: 'DELETE' });
      expect(res.status).toBe(204);
      acknowledged.set(`key-${i}`, undefined);
    }
    await expectNoLoss();
    await put(nodes[1] as Proc, 'key-1', 'value-1-updated');
    expect(await read(nodes[4] as Proc, 'key-1')).toBe('value-1-updated');
  });

  it('refuses bad input on the real node with clear JSON errors', async () => {
    const url = nodes[0]?.url;
    const cases: Array<[string, string, RequestInit, number, RegExp]> = [
      ['oversized key', `/kv/${'k'.repeat(1025)}`, { method: 'PUT', body: 'v' }, 413, /key is at most 1024/],
      [
        'oversized value',
        '/kv/big',
        { method: 'PUT', body: new Uint8Array(1024 * 1024 + 1) },
        413,
        /value is at most/,
      ],
      [
        'malformed JSON',
        '/kv/doc',
        { method: 'PUT', body: '{"a":', headers: { 'content-type': 'application/json' } },
        400,
        /malformed JSON body/,
      ],
      ['unknown route', '/kv', { method: 'GET' }, 404, /no route GET \/kv /],
      ['unknown route', '/api/nope', { method: 'GET' }, 404, /no route/],
      ['bad method', '/kv/a', { method: 'PATCH' }, 405, /method PATCH is not allowed/],
    ];
    for (const [what, path, init, status, message] of cases) {
      const res = await fetch(`${url}${path}`, init);
      expect(res.status, what).toBe(status);
      expect(((await res.json()) as { error: string }).error, what).toMatch(message);
    }
    const logs = nodes[0]?.output() ?? '';
    expect(logs.match(/"msg":"request rejected"/g)?.length).toBeGreaterThanOrEqual(cases.length);
  });

  describe('pages in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('the status page shows the neighbours, and its form puts and gets a value', async () => {
      const node = nodes[2] as Proc;
      const status = await statusOf(node);
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const outside: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(node.url)) outside.push(r.url());
      });
      await page.goto(`${node.url}/`);
      const neighbours = [status.ring.predecessor, ...status.ring.successors].filter((m) => m !== null);
      for (const m of neighbours) {
        const link = page.locator(`#ring a.neighbour[data-address="${m.address}"]`).first();
        expect(await link.getAttribute('href')).toBe(`${m.url}/`);
      }
      expect(await page.locator('#joined').textContent()).toBe('joined');
      // Groups of other nodes are not a fault: the page says so rather than "not serving".
      const states = new Map<string, number>();
      for (const g of status.groups) {
        const member = g.members.some((m) => m.address === status.node.address);
        const expected = g.serving ? 'serving' : member ? 'not serving' : 'not a replica';
        const badge = page.locator(`#groups tr.group[data-slice="${g.slice}"] .replica-state`);
        expect(await badge.textContent(), `slice ${g.slice}`).toBe(expected);
        states.set(expected, (states.get(expected) ?? 0) + 1);
      }
      expect(states.get('serving')).toBeGreaterThan(0);
      expect(states.get('not a replica')).toBeGreaterThan(0);
      expect(await page.locator('#bootstrap-link').getAttribute('href')).toBe(`${bootstrap.url}/`);
      await page.fill('#kv-key', 'from the page');
      await page.fill('#kv-value', 'typed in a browser');
      await page.click('#kv-put');
      await page.waitForSelector('#kv-result[data-outcome="done"]');
      acknowledged.set('from the page', 'typed in a browser');
      await page.fill('#kv-value', '');
      await page.click('#kv-get');
      await page.waitForSelector('#kv-result[data-outcome="value"]');
      expect(await page.locator('#kv-result').textContent()).toBe('typed in a browser');
      expect(await read(nodes[0] as Proc, 'from the page')).toBe('typed in a browser');
      await page.screenshot({ path: join(OUTPUT, 'status-page.png'), fullPage: true });
      expect(outside).toEqual([]);
      await page.close();
    });

    it('the cluster page draws every live node and the replication groups', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${nodes[0]?.url}/cluster`);
      await page.waitForSelector('#ring-svg[data-members="5"]');
      const drawn = await page
        .locator('#ring-svg circle.node')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-address')));
      expect(drawn.sort()).toEqual(nodes.map((n) => `127.0.0.1:${n.port}`).sort());
      expect(await page.locator('#ring-svg path.group-arc').count()).toBe(16 * 3);
      await page.screenshot({ path: join(OUTPUT, 'cluster-page.png'), fullPage: true });
      await page.close();
    });
  });

  it('a joining node loses no data and serves every key', async () => {
    const joiner = await launch('n5');
    nodes.push(joiner);
    await waitFor('the sixth node to join and the cluster to settle', () => settled(6), 120_000);
    await put(joiner, 'after-join', 'yes');
    await expectNoLoss();
  });

  it('a node leaving gracefully on SIGTERM exits 0 and loses no data', async () => {
    const leaver = nodes[1] as Proc;
    leaver.child.kill('SIGTERM');
    expect(await leaver.exited).toBe(0);
    expect(leaver.output()).toMatch(/"msg":"left the ring"/);
    await waitFor('the cluster to settle without it', () => settled(5), 120_000);
    await put(nodes[0] as Proc, 'after-leave', 'yes');
    await expectNoLoss();
  });

  it('a node killed with SIGKILL and restarted on its data directory rejoins without losing an acknowledged write', async () => {
    const victim = nodes[3] as Proc;
    // Writes right before the crash, some coordinated by the victim itself.
    for (let i = 0; i < 10; i++)
      await put(i % 2 === 0 ? victim : (nodes[0] as Proc), `before-crash-${i}`, `v${i}`);
    victim.child.kill('SIGKILL');
    await victim.exited;
    // The cluster keeps serving while it is down (a majority of each group is up).
    for (let i = 0; i < 5; i++) await put(nodes[4] as Proc, `while-down-${i}`, `w${i}`);
    const restarted = await launch('n3', victim.port);
    nodes[3] = restarted;
    await waitFor('the restarted node to rejoin and the cluster to settle', () => settled(5), 120_000);
    await expectNoLoss();
    const status = await statusOf(restarted);
    expect(status.ring.joined).toBe(true);
  });

  it('two nodes of the same groups killed with SIGKILL at once and restarted keep every acknowledged write', async () => {
    // With r = 3, two of a group's three replicas down leave it without a majority, and when
    // they come back their stores are the majority: what they acknowledged must be on disk.
    const statuses = await Promise.all(live().map(statusOf));
    const first = statuses[0] as (typeof statuses)[number];
    const partner = first.ring.successors[0]?.address;
    const victims = live().filter((n) => [first.node.address, partner].includes(`127.0.0.1:${n.port}`));
    expect(victims).toHaveLength(2);
    for (let i = 0; i < 10; i++) await put(victims[i % 2] as Proc, `before-double-crash-${i}`, `d${i}`);
    for (const v of victims) v.child.kill('SIGKILL');
    await Promise.all(victims.map((v) => v.exited));
    for (const v of victims) {
      const index = nodes.indexOf(v);
      nodes[index] = await launch(`n${index}`, v.port);
    }
    await waitFor('both to rejoin and the cluster to settle', () => settled(5), 120_000);
    await expectNoLoss();
  });
});
