// The README's example: a bootstrap server and one node in this process, on loopback.
import { startBootstrapServer, startCatsNode } from '../src/index.js';

export async function example(
  serverPort: number,
  nodePort: number,
): Promise<string | Uint8Array | undefined> {
  const server = await startBootstrapServer({ address: `127.0.0.1:${serverPort}`, evictAfterMs: 1000 });
  const node = await startCatsNode({
    address: `127.0.0.1:${nodePort}`,
    bootstrap: server.url,
    store: 'memory', // or dataDir: '/var/lib/cats' for the durable LMDB store
    // Every request on the node's port that is not a WebSocket upgrade (the app's HTTP API):
    httpHandler: (_request, response) => response.end('hello from a CATS node\n'),
  });
  // The first node founds the cluster once the server's founding grace (evictAfterMs) is over.
  while (!(await node.status()).ring.joined) await new Promise((r) => setTimeout(r, 100));
  await node.put('greeting', 'hello');
  const value = await node.get('greeting');
  await node.stop();
  await server.stop();
  return value;
}
