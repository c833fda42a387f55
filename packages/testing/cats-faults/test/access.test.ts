// Admission (cluster secret), access (token) and TLS: each protection is tested by running the
// same attack against a cluster with it and one without — the attack must fail only where the
// protection is on, so a test here fails if the protection stops working.
import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { connect } from '@cats/client';
import { Packr } from 'msgpackr';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ClusterTls, FaultCluster, getJson, httpCall, sleep } from '../src/index.js';
import { buildApps } from './support/build.js';
import { makeCertificates } from './support/certs.js';
import { recordingProxy } from './support/recording-proxy.js';

const SECRET = 'correct horse battery staple 42';
const packr = new Packr({ useRecords: false, mapsAsObjects: true, moreTypes: false });

beforeAll(() => buildApps(), 300_000);

/** An intruder node (no cluster secret) joins a 3-node cluster: what can it do within 15 s? */
async function intrude(protectedCluster: boolean) {
  const cluster = await FaultCluster.start({
    nodes: 4,
    initialNodes: 3,
    store: 'memory',
    network: 'loopback',
    noSecretFor: [3],
    ...(protectedCluster ? { clusterSecret: SECRET } : {}),
  });
  try {
    const db = await connect({ nodes: cluster.urls.slice(0, 3) }, { timeoutMs: 10_000 });
    await db.put('classified', 'the launch codes');
    db.close();
    await cluster.restart(3, false);
    const intruder = cluster.nodes[3] as NonNullable<(typeof cluster.nodes)[3]>;
    let joined = false;
    let read = false;
    let member = false;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !(joined && read && member)) {
      await sleep(500);
      try {
        joined ||= (await cluster.status(3)).ring.joined;
        const answer = await httpCall(`${intruder.url}/kv/classified`, { timeoutMs: 3_000 });
        read ||= answer.status === 200 && answer.body.toString() === 'the launch codes';
        const members = await getJson<{ members: { address: string }[] }>(`${cluster.urls[0]}/api/members`);
        member ||= members.members.some((m) => m.address === `${intruder.host}:${intruder.port}`);
      } catch {
        // The intruder may not be up yet (or may have given up): keep trying until the deadline.
      }
    }
    return { joined, read, member, logFiles: cluster.nodes.slice(0, 3).map((n) => n.logFile) };
  } finally {
    await cluster.close();
    cluster.removeWorkDir();
  }
}

describe('admission: the cluster secret', () => {
  it('keeps a node without the secret out: it cannot join, read, or enter the member table', async () => {
    const outcome = await intrude(true);
    expect(outcome.read).toBe(false);
    expect(outcome.member).toBe(false);
    expect(outcome.joined).toBe(false);
  }, 120_000);

  it('control: without a secret the same intruder joins and reads the data', async () => {
    const outcome = await intrude(false);
    expect(outcome.member).toBe(true);
    expect(outcome.read).toBe(true);
  }, 120_000);
});

/** Requests without, with a wrong and with the right token against a one-node cluster. */
async function tokenAttack(token: string | undefined) {
  const cluster = await FaultCluster.start({
    nodes: 1,
    store: 'memory',
    network: 'loopback',
    replicationDegree: 1,
    ...(token === undefined ? {} : { token }),
  });
  try {
    const url = `${cluster.urls[0]}/kv/guarded`;
    const none = await httpCall(url, { method: 'PUT', body: 'vandalised' });
    const wrong = await httpCall(url, {
      method: 'PUT',
      body: 'vandalised',
      headers: { authorization: 'Bearer guess' },
    });
    const readWithout = await httpCall(url);
    let withToken: number | undefined;
    if (token !== undefined) {
      const db = await connect({ nodes: cluster.urls }, { token, timeoutMs: 10_000 });
      await db.put('guarded', 'legit');
      withToken = (await db.getString('guarded')) === 'legit' ? 200 : 0;
      db.close();
    }
    return { none: none.status, wrong: wrong.status, readWithout: readWithout.status, withToken };
  } finally {
    await cluster.close();
    cluster.removeWorkDir();
  }
}

describe('access: the API token', () => {
  it('answers 401 to requests without the right bearer token, and serves the client that has it', async () => {
    const outcome = await tokenAttack('s3cr3t-t0ken');
    expect(outcome).toEqual({ none: 401, wrong: 401, readWithout: 401, withToken: 200 });
  }, 60_000);

  it('control: without a token the same requests go through', async () => {
    const outcome = await tokenAttack(undefined);
    expect(outcome.none).toBe(204);
    expect(outcome.readWithout).toBe(200);
  }, 60_000);
});

/** What an eavesdropper between a client and a node sees, and what a plain-WebSocket peer gets. */
async function eavesdrop(tls: ClusterTls | undefined) {
  const cluster = await FaultCluster.start({
    nodes: 3,
    store: 'memory',
    network: 'loopback',
    ...(tls ? { tls } : {}),
  });
  const node = cluster.nodes[0] as NonNullable<(typeof cluster.nodes)[0]>;
  const proxy = await recordingProxy(node.host, node.port);
  try {
    const scheme = tls ? 'https' : 'http';
    const ca = tls ? { ca: readFileSync(tls.caFile) } : {};
    const value = 'TOP-SECRET-PAYLOAD-31337';
    const put = await httpCall(`${scheme}://127.0.0.1:${proxy.port}/kv/wiretap`, {
      method: 'PUT',
      body: value,
      timeoutMs: 10_000,
      ...ca,
    });
    const get = await httpCall(`${scheme}://127.0.0.1:${proxy.port}/kv/wiretap`, {
      timeoutMs: 10_000,
      ...ca,
    });
    const clientTrafficInClear = proxy.seen().includes(value);
    // A peer that speaks plain WebSocket (no TLS) to the node's port: does it get the HELLO?
    const plainHello = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://${node.host}:${node.port}`);
      const timer = setTimeout(() => {
        ws.terminate();
        resolve(false);
      }, 5_000);
      ws.on('message', (data) => {
        clearTimeout(timer);
        const frame: unknown = packr.unpack(data as Buffer);
        ws.terminate();
        resolve(Array.isArray(frame) && frame[0] === 1);
      });
      ws.on('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    return { put: put.status, get: get.status, got: get.body.toString(), clientTrafficInClear, plainHello };
  } finally {
    await proxy.close();
    await cluster.close();
    cluster.removeWorkDir();
  }
}

describe('TLS for client and peer traffic', () => {
  it('with TLS the nodes form a ring over wss, clients are served, and an eavesdropper sees no data', async () => {
    const tls = makeCertificates();
    const outcome = await eavesdrop(tls).finally(() =>
      rmSync(dirname(tls.caFile), { recursive: true, force: true }),
    );
    expect(outcome.put).toBe(204);
    expect(outcome.got).toBe('TOP-SECRET-PAYLOAD-31337');
    expect(outcome.clientTrafficInClear).toBe(false);
    expect(outcome.plainHello).toBe(false);
  }, 120_000);

  it('control: without TLS the eavesdropper reads the value and a plain peer gets a HELLO', async () => {
    const outcome = await eavesdrop(undefined);
    expect(outcome.got).toBe('TOP-SECRET-PAYLOAD-31337');
    expect(outcome.clientTrafficInClear).toBe(true);
    expect(outcome.plainHello).toBe(true);
  }, 120_000);
});
