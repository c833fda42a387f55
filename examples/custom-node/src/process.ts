import { parseArgs } from 'node:util';
import { createLogger, NodeHttp, NodeMetrics } from '@cats/node-app';
import { startCustomNode } from './custom-node.js';

const USAGE =
  'usage: cats-custom-node --port <port> --bootstrap <url> [--host <host>] [--ping-interval-ms <ms>]';

/**
 * The custom node as a process: the node, the reference HTTP API and pages (`NodeHttp` from the
 * node app) on its port, and a graceful leave on SIGINT/SIGTERM. Resolves to an exit code when
 * the arguments are wrong; otherwise runs until a signal.
 */
export async function runCustomNodeProcess(argv: readonly string[]): Promise<number | undefined> {
  let values: { port?: string; bootstrap?: string; host?: string; 'ping-interval-ms'?: string };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        port: { type: 'string' },
        bootstrap: { type: 'string' },
        host: { type: 'string' },
        'ping-interval-ms': { type: 'string' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`cats-custom-node: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const port = Number(values.port);
  const ping = values['ping-interval-ms'] === undefined ? 250 : Number(values['ping-interval-ms']);
  if (
    values.port === undefined ||
    !Number.isInteger(port) ||
    values.bootstrap === undefined ||
    !Number.isInteger(ping)
  ) {
    process.stderr.write(
      `cats-custom-node: --port and --bootstrap are required (whole numbers for --port, --ping-interval-ms)\n${USAGE}\n`,
    );
    return 2;
  }
  const log = createLogger('cats-custom-node', 'info');
  const http = new NodeHttp({
    logger: log,
    metrics: new NodeMetrics(),
    scheme: 'http',
    replicationDegree: 3,
    slices: 16,
  });
  const node = await startCustomNode({
    port,
    bootstrap: values.bootstrap,
    pingIntervalMs: ping,
    httpHandler: http.handler,
    log: (line) => log.warn(line),
    ...(values.host === undefined ? {} : { host: values.host }),
  });
  http.attach(node);
  log.info({ url: node.url }, `custom node started: status page ${node.url}/`);
  const stop = async (signal: string) => {
    log.info({ signal }, 'leaving the ring');
    http.stopping();
    await Promise.race([node.leave(), new Promise((r) => setTimeout(r, 20_000))]).catch(() => {});
    await node.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undefined;
}
