import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHistory, kvModel, renderHtml } from '../src/index.js';
import { kv } from './support/ops.js';

// The system Chromium (Debian package `chromium`); nothing may download a browser. If it is missing
// this test fails rather than skips, so CI notices.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const history = [
  kv.put(1, 0, 10, 'orders/42', 'paid'),
  kv.put(2, 0, 10, 'users/7', 'alice'),
  kv.put(1, 20, 30, 'orders/42', 'shipped'),
  kv.get(3, 25, 35, 'users/7', 'alice'),
  kv.get(3, 40, 50, 'orders/42', 'paid'),
  kv.append(4, 45, null, 'orders/42', '!'),
];

let browser: Browser;
beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML explanation', () => {
  it('is self-contained', () => {
    const html = renderHtml(kvModel, history, checkHistory(kvModel, history));
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('opens from a file in headless Chromium and shows the violating key, its operations in red', async () => {
    const result = checkHistory(kvModel, history);
    expect(result.verdict).toBe('not-linearizable');
    const dir = await mkdtemp(join(tmpdir(), 'lincheck-html-'));
    const path = join(dir, 'report.html');
    await writeFile(path, renderHtml(kvModel, history, result));

    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(path).href);

    const heading = page.locator('section.violation h2');
    expect(await heading.count()).toBe(1);
    expect(await heading.isVisible()).toBe(true);
    expect(await heading.textContent()).toContain('orders/42');
    expect(await page.locator('body').textContent()).not.toContain('Violation on key users/7');

    // One bar per operation of the key, the violation's ones red.
    const bars = page.locator('svg.timeline rect.op');
    expect(await bars.count()).toBe(4);
    const red = page.locator('svg.timeline rect.op.violating');
    expect(await red.count()).toBe(result.violations[0]!.window.length);
    // A string, because the DOM's types are not part of this Node project.
    const fill = await page.evaluate(
      "getComputedStyle(document.querySelector('svg.timeline rect.op.violating')).fill",
    );
    expect(fill).toBe('rgb(229, 57, 53)');

    // The longest linearizable order is listed.
    const order = page.locator('ol.order li');
    expect(await order.count()).toBe(result.violations[0]!.longestPrefix.length);
    expect(await order.first().textContent()).toContain('put(orders/42, "paid")');

    // Hovering a bar shows its operation (the inline script runs).
    await page.locator('svg.timeline rect.op[data-op="4"]').hover();
    expect(await page.locator('#tip').textContent()).toContain('get(orders/42) → "paid"');

    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
    await page.close();
  });
});
