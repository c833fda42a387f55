import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CatsClient, CatsClientError, connect } from '../src/index.js';
import {
  type FakeCluster,
  makeCertificates,
  startFakeCluster,
  type TestCertificates,
} from '../src/testing/index.js';

/** What Node says of a certificate whose issuer it does not trust (the code depends on the chain sent). */
const UNTRUSTED =
  /TLS certificate not accepted: (unable to verify the first certificate|unable to get local issuer certificate) \(UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)\)/;

let certs: TestCertificates;
let cluster: FakeCluster | undefined;
let client: CatsClient | undefined;

beforeAll(() => {
  certs = makeCertificates();
});

afterAll(() => {
  certs.remove();
});

afterEach(async () => {
  client?.close();
  client = undefined;
  await cluster?.close();
  cluster = undefined;
});

function startHttpsCluster(nodes = 3): Promise<FakeCluster> {
  return startFakeCluster({ nodes, tls: { key: certs.key, cert: certs.cert } });
}

/** What connect rejected with (fails the test when it resolved). */
async function connectError(...args: Parameters<typeof connect>): Promise<CatsClientError> {
  const error = await connect(...args).then(
    (c) => {
      c.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatsClientError);
  return error as CatsClientError;
}

describe('@cats/client over TLS with the ca option', () => {
  it('works against https:// nodes when given the cluster CA, as a string or as file bytes', async () => {
    cluster = await startHttpsCluster();
    expect(cluster.nodes[0]!.url).toMatch(/^https:\/\/127\.0\.0\.1:/);
    client = await connect({ nodes: [cluster.nodes[0]!.url] }, { ca: certs.ca });
    await client.put('greeting', 'hello over TLS');
    expect(await client.getString('greeting')).toBe('hello over TLS');
    expect(cluster.store.get('greeting')?.toString()).toBe('hello over TLS');
    expect(client.nodes().every((u) => u.startsWith('https://'))).toBe(true);
    client.close();

    client = await connect({ nodes: [cluster.nodes[1]!.url] }, { ca: readFileSync(certs.caFile) });
    expect(await client.getString('greeting')).toBe('hello over TLS');
    await client.delete('greeting');
    expect(await client.get('greeting')).toBeUndefined();
    expect((await client.status(cluster.nodes[2]!.url)).node.address).toBe(cluster.nodes[2]!.address);
  });

  it('fetches the bootstrap server and member tables through the same CA', async () => {
    cluster = await startHttpsCluster();
    expect(cluster.bootstrapUrl).toMatch(/^https:/);
    // An array holding an unrelated CA too: any listed CA is trusted.
    client = await connect({ bootstrap: cluster.bootstrapUrl! }, { ca: [certs.otherCa, certs.ca] });
    await client.put('k', 'v');
    expect(await client.getString('k')).toBe('v');
    expect(await client.refresh()).toBe(true);
    expect(client.nodes()).toHaveLength(3);
  });

  it('without the CA, fails with a CatsClientError naming the certificate problem', async () => {
    cluster = await startHttpsCluster();
    const error = await connectError({ nodes: [cluster.nodes[0]!.url] }, { timeoutMs: 30_000 });
    expect(error.code).toBe('no-nodes');
    expect(error.message).toContain(cluster.nodes[0]!.url);
    expect(error.message).toMatch(UNTRUSTED);
    expect(cluster.nodes[0]!.requests).toEqual([]);

    const viaBootstrap = await connectError({ bootstrap: cluster.bootstrapUrl! }, { timeoutMs: 30_000 });
    expect(viaBootstrap.code).toBe('no-nodes');
    expect(viaBootstrap.message).toMatch(/TLS certificate not accepted/);
    // The URL in the TLS part, not only in the "asked bootstrap server" prefix.
    expect(viaBootstrap.message).toContain(
      `${new URL(cluster.bootstrapUrl!).origin}: TLS certificate not accepted`,
    );
  });

  it('names a host the certificate was not issued for, instead of blaming the CA', async () => {
    // The server certificate names 127.0.0.1 and localhost; 127.0.0.2 is the same machine.
    const server: Server = createServer({ key: certs.key, cert: certs.cert }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    try {
      const url = `https://127.0.0.2:${(server.address() as AddressInfo).port}`;
      const error = await connectError({ nodes: [url] }, { ca: certs.ca, timeoutMs: 30_000 });
      expect(error.code).toBe('no-nodes');
      expect(error.message).toContain(`${url}: TLS certificate not accepted: it does not name 127.0.0.2`);
      expect(error.message).not.toContain('the ca option');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('with an unrelated CA, fails the same way', async () => {
    cluster = await startHttpsCluster();
    for (const seeds of [{ nodes: [cluster.nodes[0]!.url] }, { bootstrap: cluster.bootstrapUrl! }]) {
      const error = await connectError(seeds, { ca: certs.otherCa, timeoutMs: 30_000 });
      expect(error.code).toBe('no-nodes');
      expect(error.message).toMatch(UNTRUSTED);
    }
    expect(cluster.store.size).toBe(0);
  });

  it('reports an untrusted node met after connecting as a typed error, not a raw exception', async () => {
    cluster = await startHttpsCluster(1);
    // A node presenting a self-signed certificate the client's CA did not sign.
    const stranger: Server = createServer(
      { key: readFileSync(`${certs.dir}/other-ca.key`), cert: certs.otherCa },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    try {
      client = await connect({ nodes: [cluster.nodes[0]!.url] }, { ca: certs.ca, timeoutMs: 30_000 });
      const url = `https://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
      const error = await client.status(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatsClientError);
      expect(error).toMatchObject({ code: 'unavailable', details: { node: url } });
      expect((error as Error).message).toMatch(/TLS certificate not accepted: self[- ]signed certificate/);
      await client.put('still', 'fine');
    } finally {
      stranger.closeAllConnections();
      await new Promise<void>((resolve) => stranger.close(() => resolve()));
    }
  });

  it('leaves plain http:// nodes unaffected', async () => {
    cluster = await startFakeCluster({ nodes: 2 });
    client = await connect({ nodes: [cluster.nodes[0]!.url] }, { ca: certs.ca });
    await client.put('plain', 'yes');
    expect(await client.getString('plain')).toBe('yes');
  });

  it('refuses bad ca values with a TypeError before connecting', async () => {
    const seeds = { nodes: ['https://127.0.0.1:1'] };
    const bad: [unknown, RegExp][] = [
      ['', /ca is empty/],
      ['  \n', /ca is empty/],
      ['/etc/cats/ca.pem', /ca is not a PEM certificate: it must contain -----BEGIN CERTIFICATE-----/],
      [Buffer.from('not pem'), /ca is not a PEM certificate/],
      [42, /ca must be PEM text \(a string or a Buffer\/Uint8Array\), got number/],
      [null, /got null/],
      [{ pem: 'x' }, /got object/],
      [[], /at least one/],
      [[certs.ca, 5], /ca\[1\] must be PEM text/],
      [[certs.ca, ''], /ca\[1\] is empty/],
      // Node would skip these silently and trust nothing: refused up front instead.
      [certs.ca.slice(0, 200), /ca has -----BEGIN CERTIFICATE----- but no complete certificate/],
      [
        '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n',
        /ca: certificate 1 of 1 cannot be parsed/,
      ],
      [
        [certs.otherCa, certs.ca.replace(/\n[A-Za-z0-9+/]{64}\n/, `\n${'!'.repeat(64)}\n`)],
        /ca\[1\]: certificate 1 of 1 cannot be parsed/,
      ],
    ];
    expect(certs.ca.replace(/\n[A-Za-z0-9+/]{64}\n/, '')).not.toBe(certs.ca);
    for (const [ca, message] of bad) {
      await expect(connect(seeds, { ca: ca as never }), String(ca)).rejects.toThrow(TypeError);
      await expect(connect(seeds, { ca: ca as never }), String(ca)).rejects.toThrow(message);
    }
  });
});
