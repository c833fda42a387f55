// Throwaway certificate authorities and a server certificate for 127.0.0.1, made with openssl,
// for testing TLS against the fake cluster (`startFakeCluster({ tls: { key, cert } })`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM texts and files of a test PKI. */
export interface TestCertificates {
  /** The CA that signed the server certificate. */
  readonly ca: string;
  readonly caFile: string;
  /** A second CA, unrelated to the server certificate. */
  readonly otherCa: string;
  readonly otherCaFile: string;
  /** The server's key and certificate (SAN IP:127.0.0.1, DNS:localhost). */
  readonly key: string;
  readonly cert: string;
  /** The same key and certificate as files, for servers configured by path. */
  readonly keyFile: string;
  readonly certFile: string;
  /** The folder holding the files. */
  readonly dir: string;
  /** Removes the files. */
  remove(): void;
}

/**
 * Creates two CAs and a certificate for 127.0.0.1 and localhost signed by the first, in a new
 * temporary folder (call `remove()` when done). Runs the `openssl` command line, which must be
 * installed.
 */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'cats-client-tls-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const makeCa = (name: string, cn: string) =>
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.pem`),
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
    );
  makeCa('ca', 'cats-client test CA');
  makeCa('other-ca', 'unrelated test CA');
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('node.key'),
    '-out',
    f('node.csr'),
    '-subj',
    '/CN=cats node',
  );
  writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  openssl(
    'x509',
    '-req',
    '-in',
    f('node.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('node.pem'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  );
  const read = (name: string) => readFileSync(f(name), 'utf8');
  return {
    ca: read('ca.pem'),
    caFile: f('ca.pem'),
    otherCa: read('other-ca.pem'),
    otherCaFile: f('other-ca.pem'),
    key: read('node.key'),
    cert: read('node.pem'),
    keyFile: f('node.key'),
    certFile: f('node.pem'),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
