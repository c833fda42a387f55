// startCatsNode and startBootstrapServer refuse bad configs with errors naming the option.
import { describe, expect, it } from 'vitest';
import { type CatsNodeConfig, startBootstrapServer, startCatsNode } from '../src/index.js';

const ok: CatsNodeConfig = { address: '127.0.0.1:7001', bootstrap: '127.0.0.1:7000', store: 'memory' };

describe('startCatsNode config', () => {
  it.each([
    [{ ...ok, address: 'nope' }, TypeError, /address: not an address/],
    [{ ...ok, address: '127.0.0.1:0' }, RangeError, /address must name a port/],
    [{ ...ok, bootstrap: 'ftp://x:1' }, TypeError, /bootstrap must be an http\(s\) URL/],
    [{ ...ok, bootstrap: '127.0.0.1:7001' }, RangeError, /bootstrap must not be the node itself/],
    [{ address: ok.address, bootstrap: ok.bootstrap }, TypeError, /needs dataDir .* or store: "memory"/],
    [{ ...ok, dataDir: '/tmp/x' }, TypeError, /either dataDir .* or store/],
    [{ ...ok, store: 'disk' }, RangeError, /store must be 'memory'/],
    [{ ...ok, replicationDegree: 0 }, RangeError, /replicationDegree must be a positive integer/],
    [{ ...ok, slices: 1.5 }, RangeError, /slices must be a positive integer/],
    [{ ...ok, httpHandler: 'x' }, TypeError, /httpHandler must be a function/],
    [{ ...ok, consistency: 'strong' }, RangeError, /consistency must be 'consistent' or 'eventual'/],
    [{ ...ok, colour: 'red' }, TypeError, /unknown option "colour"/],
    [
      { ...ok, tuning: { pingIntervalMs: -1 } },
      RangeError,
      /tuning.pingIntervalMs must be a positive integer/,
    ],
    [{ ...ok, tuning: { fast: true } }, TypeError, /tuning: unknown option "fast"/],
  ] as const)('refuses %j', async (config, type, message) => {
    const attempt = startCatsNode(config as unknown as CatsNodeConfig);
    await expect(attempt).rejects.toBeInstanceOf(type);
    await expect(attempt).rejects.toThrow(message);
  });

  it('accepts the bootstrap server as a URL', async () => {
    // Rejected only for the port clash, after the URL was understood.
    await expect(startCatsNode({ ...ok, bootstrap: 'http://127.0.0.1:7001/' })).rejects.toThrow(
      /must not be the node itself/,
    );
  });
});

describe('startBootstrapServer config', () => {
  it.each([
    [{ address: 'x' }, /address: not an address/],
    [{ address: '127.0.0.1:7000', evictAfterMs: 0 }, /evictAfterMs must be a positive integer/],
    [{ address: '127.0.0.1:7000', extra: 1 }, /unknown option "extra"/],
  ] as const)('refuses %j', async (config, message) => {
    await expect(startBootstrapServer(config as never)).rejects.toThrow(message);
  });
});
