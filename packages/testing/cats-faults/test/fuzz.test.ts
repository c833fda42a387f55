import { beforeAll, describe, expect, it } from 'vitest';
import { formatFuzz, runFuzz } from '../src/index.js';
import { buildApps } from './support/build.js';
import { testNetwork } from './support/network.js';

describe('hostile input, counted', () => {
  let network: 'namespaces' | 'loopback';
  beforeAll(() => {
    network = testNetwork();
    buildApps();
  }, 300_000);

  it('100,000+ hostile frames, requests, flags and config files: the node stays up, serves correctly, logs each rejection', async () => {
    const report = await runFuzz({ nodes: 3, network, frames: 92_000, requests: 8_500 });
    const text = formatFuzz(report);
    expect(report.ok, text).toBe(true);
    expect(report.total).toBeGreaterThanOrEqual(100_000);
    expect(report.frameRejectionLines).toBeGreaterThanOrEqual(report.wire.certainRejections);
    expect(report.httpRejectionLines).toBeGreaterThanOrEqual(report.http.rejected);
    expect(report.cli?.clean).toBe(report.cli?.cases.length);
    expect(report.healthyChecks).toBe(8);
  }, 240_000);
});
