#!/usr/bin/env node
// cats-bootstrap: the CATS bootstrap server as a process. See README.md for the options.
import type { RunningBootstrapServer } from '@cats/node';
import { createLogger, helpText, UsageError } from '@cats/node-app';
import { bootstrapHttpHandler, type LiveNode } from './bootstrap-http.js';
import { BOOTSTRAP_OPTIONS, type BootstrapAppConfig, loadBootstrapConfig } from './config.js';

const USAGE = 'usage: cats-bootstrap [--port <port>] [--host <host>] [--evict-after-ms <ms>] [options]';

async function main(): Promise<void> {
  let config: BootstrapAppConfig | undefined;
  try {
    config = loadBootstrapConfig({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `cats-bootstrap: ${error.message}\n${USAGE}\n(cats-bootstrap --help lists every option)\n`,
      );
      process.exit(2);
    }
    throw error;
  }
  if (config === undefined) {
    process.stdout.write(helpText(USAGE, BOOTSTRAP_OPTIONS, 'CATS_BOOTSTRAP_'));
    return;
  }
  const log = createLogger('cats-bootstrap', config.logLevel);
  // Loaded only now, so that bad input is answered without loading the server's code.
  const { startBootstrapServer } = await import('@cats/node');
  const address = config.host.includes(':')
    ? `[${config.host}]:${config.port}`
    : `${config.host}:${config.port}`;
  let live: () => readonly LiveNode[] | undefined = () => undefined;
  const serverLog = log.child({ part: 'server' });
  let server: RunningBootstrapServer;
  try {
    server = await startBootstrapServer({
      address,
      evictAfterMs: config.evictAfterMs,
      httpHandler: bootstrapHttpHandler(
        address,
        config.evictAfterMs,
        () => live(),
        log.child({ part: 'http' }),
      ),
      ...(config.clusterSecret === undefined ? {} : { clusterSecret: config.clusterSecret.toString('utf8') }),
      ...(config.tls === undefined ? {} : { tls: config.tls }),
      log: (line) => serverLog.warn(line),
    });
  } catch (error) {
    log.fatal({ err: error }, 'the bootstrap server could not start');
    process.exit(1);
  }
  live = () => server.liveNodes().map(({ address, url, lastSeenMsAgo }) => ({ address, url, lastSeenMsAgo }));
  log.info(
    { address, url: server.url, evictAfterMs: config.evictAfterMs },
    `bootstrap server started: ${server.url}/`,
  );
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(1);
    log.info({ signal }, 'stopping');
    server.stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `cats-bootstrap: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
