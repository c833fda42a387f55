import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeAppConfig } from './config/node-config.js';
import { NodeHttp } from './http/node-http.js';
import type { Logger } from './logger.js';
import { NodeMetrics } from './metrics.js';
import type { NodeHandle } from './node-api.js';

/** What the app asks of the node starter (the real one is `@cats/node`'s `startCatsNode`). */
export interface NodeStartRequest {
  readonly config: NodeAppConfig;
  readonly httpHandler: (req: IncomingMessage, res: ServerResponse) => void;
  readonly log: Logger;
}

/** Starts a node; rejects when it cannot (port taken, store unreadable, ...). */
export type NodeStarter = (request: NodeStartRequest) => Promise<NodeHandle>;

/** A node process's running parts. */
export interface RunningNodeApp {
  readonly node: NodeHandle;
  readonly http: NodeHttp;
  /** Leaves the ring (handing data over), then stops; never rejects (failures are logged). */
  shutdown(reason: string): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Starts the node with its HTTP API and pages on the node's port. */
export async function runNodeApp(
  config: NodeAppConfig,
  log: Logger,
  start: NodeStarter,
): Promise<RunningNodeApp> {
  const metrics = new NodeMetrics();
  const http = new NodeHttp({
    logger: log.child({ part: 'http' }),
    metrics,
    token: config.token,
    scheme: config.tls === undefined ? 'http' : 'https',
    replicationDegree: config.replicationDegree,
    slices: config.slices,
  });
  const node = await start({ config, httpHandler: http.handler, log });
  http.attach(node);
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      http.stopping();
      if (config.leaveTimeoutMs > 0) {
        log.info({ reason, leaveTimeoutMs: config.leaveTimeoutMs }, 'shutting down: leaving the ring');
        try {
          await withTimeout(node.leave(), config.leaveTimeoutMs, 'leaving the ring');
          log.info('left the ring');
        } catch (error) {
          log.error({ err: error }, 'graceful leave failed; stopping anyway');
        }
      } else log.info({ reason }, 'shutting down without leaving the ring (leave timeout 0)');
      try {
        await node.stop();
      } catch (error) {
        log.error({ err: error }, 'stop failed');
      }
      log.info('stopped');
    })();
    return shuttingDown;
  };
  return { node, http, shutdown };
}
