// A throwaway CA and a node certificate for 127.0.0.1, made with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The files and PEM texts of a test CA and a node certificate it signed. */
export interface TestCertificates {
  readonly caFile: string;
  /** A second CA that did not sign the node certificate. */
  readonly otherCaFile: string;
  /** The node's key and certificate (PEM). */
  readonly key: string;
  readonly cert: string;
  /** The folder holding the files. */
  readonly dir: string;
  /** Removes the files. */
  remove(): void;
}

/** Creates two CAs and a certificate (SAN IP:127.0.0.1, DNS:localhost) signed by the first. */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'cats-cli-tls-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const rsa = ['-newkey', 'rsa:2048', '-nodes', '-days', '2'];
  openssl(
    'req',
    '-x509',
    ...rsa,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-subj',
    '/CN=cats cli test CA',
  );
  openssl(
    'req',
    '-x509',
    ...rsa,
    '-keyout',
    f('o.key'),
    '-out',
    f('other-ca.pem'),
    '-subj',
    '/CN=unrelated CA',
  );
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
    '/CN=node',
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
  return {
    caFile: f('ca.pem'),
    otherCaFile: f('other-ca.pem'),
    key: readFileSync(f('node.key'), 'utf8'),
    cert: readFileSync(f('node.pem'), 'utf8'),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
