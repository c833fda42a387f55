// In-process helpers for the real-runtime tests: free loopback ports and polling.
import { createServer } from 'node:net';

/** A TCP port nobody listens on right now (the OS picks it; released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Polls `check` until it returns true; rejects naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let ok = false;
    try {
      ok = await Promise.race([
        Promise.resolve(check()),
        new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error('check hung')), 5000).unref()),
      ]);
    } catch (error) {
      if (process.env.CATS_DEBUG) console.log(`waitFor ${what}: ${String(error)}`);
      ok = false;
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
