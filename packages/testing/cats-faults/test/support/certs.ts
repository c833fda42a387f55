// A throwaway CA and a node certificate for 127.0.0.1, made with openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterTls } from '../../src/index.js';

/** Creates a CA and a certificate (SAN IP:127.0.0.1, DNS:localhost) signed by it; returns the files. */
export function makeCertificates(): ClusterTls {
  const dir = mkdtempSync(join(tmpdir(), 'cats-faults-tls-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=cats-faults test CA',
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
  return { keyFile: f('node.key'), certFile: f('node.pem'), caFile: f('ca.pem') };
}
