// A TCP proxy that keeps every byte it forwards: what an eavesdropper on the path would see.
import { createServer, connect as netConnect, type Server } from 'node:net';

export interface RecordingProxy {
  readonly port: number;
  /** Every byte seen so far, both directions. */
  seen(): Buffer;
  close(): Promise<void>;
}

export function recordingProxy(targetHost: string, targetPort: number): Promise<RecordingProxy> {
  const chunks: Buffer[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer((client) => {
    const upstream = netConnect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (d: Buffer) => {
      chunks.push(d);
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      chunks.push(d);
      client.write(d);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        seen: () => Buffer.concat(chunks),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}
