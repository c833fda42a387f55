// A throwaway CA and a node certificate for 127.0.0.1 (the client's test PKI), as the files a
// fault cluster is configured with.
import { makeCertificates as makeTestPki } from '@cats/client/testing';
import type { ClusterTls } from '../../src/index.js';

/** Creates a CA and a certificate (SAN IP:127.0.0.1, DNS:localhost) signed by it; returns the files. */
export function makeCertificates(): ClusterTls {
  const { keyFile, certFile, caFile } = makeTestPki();
  return { keyFile, certFile, caFile };
}
