// One port for both: WebSocket upgrades are the peer protocol, every other HTTP request goes to
// the app's `httpHandler` (plain and TLS); without a handler such requests get 426.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WsHttpHandler } from '../src/index.js';
import { Ping, testCodecs } from './fixtures/messages.js';
import { driver, startNode, type TestNode } from './helpers.js';

const nodes: TestNode[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
});

async function node(init: Parameters<typeof startNode>[1]): Promise<TestNode> {
  const n = await startNode(testCodecs(), init);
  nodes.push(n);
  return n;
}

interface Answer {
  status: number;
  body: string;
}

function fetchText(url: string, ca?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const done = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    };
    const req = url.startsWith('https:')
      ? httpsRequest(url, { ca, agent: false }, done)
      : httpGet(url, { agent: false }, done);
    req.on('error', reject);
    req.end();
  });
}

const hello: WsHttpHandler = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.method} ${req.url}`);
};

describe('httpHandler', () => {
  it('answers plain HTTP on the peer port while peers still talk over WebSockets', async () => {
    const a = await node({ httpHandler: hello });
    const b = await node({});
    const answer = await fetchText(`http://127.0.0.1:${a.address.port}/api/status?x=1`);
    expect(answer).toEqual({ status: 200, body: 'hello GET /api/status?x=1' });
    b.app.send(new Ping(b.address, a.address, 1, 'over ws'));
    await driver.waitFor(() => b.app.pongs.length === 1, { what: 'the pong' });
    expect(b.app.pongs[0]?.payload).toBe('over ws');
  });

  it('answers 426 without a handler, and 500 when the handler throws', async () => {
    const plain = await node({});
    expect((await fetchText(`http://127.0.0.1:${plain.address.port}/`)).status).toBe(426);
    const broken = await node({
      httpHandler: () => {
        throw new Error('boom');
      },
    });
    expect((await fetchText(`http://127.0.0.1:${broken.address.port}/`)).status).toBe(500);
    expect(broken.logs.some((l) => l.includes('httpHandler threw') && l.includes('boom'))).toBe(true);
  });

  it('rejects a handler that is not a function', async () => {
    await expect(node({ httpHandler: 'nope' as unknown as WsHttpHandler })).rejects.toThrow(
      /httpHandler must be a function/,
    );
  });

  describe('over TLS', () => {
    let dir = '';
    let tls: { keyFile: string; certFile: string; caFile: string };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'network-ws-http-'));
      tls = { keyFile: join(dir, 'key.pem'), certFile: join(dir, 'cert.pem'), caFile: join(dir, 'cert.pem') };
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          tls.keyFile,
          '-out',
          tls.certFile,
          '-days',
          '2',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'pipe' },
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('serves HTTPS on the peer port and peers still connect with wss', async () => {
      const a = await node({ tls, httpHandler: hello });
      const b = await node({ tls });
      const answer = await fetchText(`https://127.0.0.1:${a.address.port}/x`, readFileSync(tls.caFile));
      expect(answer).toEqual({ status: 200, body: 'hello GET /x' });
      b.app.send(new Ping(b.address, a.address, 2, 'over wss'));
      await driver.waitFor(() => b.app.pongs.length === 1, { what: 'the pong' });
    });
  });
});
