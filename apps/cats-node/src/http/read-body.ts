import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.js';

/** After refusing a body, at most this much more is drained so the client can read the answer. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

const discarded = new WeakSet<IncomingMessage>();

/**
 * Reads the rest of a refused request's body and drops it (up to a limit, never kept), so that
 * a client still sending gets to finish and read the answer, on a connection that stays usable,
 * rather than a broken pipe. A body past the limit closes the connection. Idempotent.
 */
export function discardBody(req: IncomingMessage): void {
  if (discarded.has(req)) return;
  discarded.add(req);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

/**
 * Reads a request body of at most `limit` bytes. A declared `content-length` over the limit is
 * refused before any byte is read; a body that grows past it is refused as soon as it does,
 * so an oversized body is never held in memory. Throws an {@link HttpError} 413.
 */
export function readBody(req: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  // No `connection: close`: the answer goes out at once, and closing the connection then would
  // break the pipe under a client still sending the body; it is drained instead.
  const tooLarge = (size: string) =>
    new HttpError(413, `${what} is at most ${limit} bytes (1 MiB); this one is ${size}`);
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    discardBody(req);
    return Promise.reject(tooLarge(`${declared} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const onData = (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        req.off('data', onData);
        discardBody(req);
        reject(tooLarge('larger'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (!refused) reject(new HttpError(400, `could not read the request body: ${error.message}`));
    });
  });
}
