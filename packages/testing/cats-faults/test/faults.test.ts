import { beforeAll, describe, expect, it } from 'vitest';
import { formatDurability, formatRun, runDurability, runFaults } from '../src/index.js';
import { buildApps } from './support/build.js';
import { testNetwork } from './support/network.js';

describe('real processes under faults', () => {
  let network: 'namespaces' | 'loopback';
  beforeAll(() => {
    network = testNetwork();
    buildApps();
  }, 300_000);

  it('21 fault cycles on 5 nodes (kill -9/restart, pause/resume, partition/heal): linearizable, nothing lost', async () => {
    const report = await runFaults({ nodes: 5, cycles: 21, network, holdMs: 2_000, settleMs: 1_000 });
    const text = formatRun(report);
    expect(report.ok, text).toBe(true);
    expect(report.history.verdict).toBe('linearizable');
    expect(report.unreadKeys).toEqual([]);
    const applied = report.faults.filter((f) => !f.skipped);
    const kinds = new Set(applied.map((f) => f.kind));
    expect(kinds).toEqual(
      network === 'namespaces' ? new Set(['kill', 'pause', 'partition']) : new Set(['kill', 'pause']),
    );
    expect(report.faults.length).toBeGreaterThanOrEqual(20);
    // The run did work: most operations completed.
    expect(report.history.completed).toBeGreaterThan(report.history.operations / 2);
  }, 300_000);

  it('durability: kill -9 every node during writes, restart them all; every acknowledged write is read back', async () => {
    const report = await runDurability({ nodes: 3, network, writeMs: 3_000 });
    expect(report.ok, formatDurability(report)).toBe(true);
    expect(report.acknowledged).toBeGreaterThan(0);
    expect(report.readBack).toBe(report.acknowledged);
    expect(report.lost).toEqual([]);
  }, 180_000);
});
