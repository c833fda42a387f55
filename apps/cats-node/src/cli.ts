#!/usr/bin/env node
import { loadNodeConfig, NODE_OPTIONS, type NodeAppConfig } from './config/node-config.js';
// cats-node: one CATS node per process. See README.md for the options.
import { helpText } from './config/options.js';
import { UsageError } from './config/usage-error.js';
import { createLogger } from './logger.js';
import { runNodeApp } from './run-node.js';

const USAGE =
  'usage: cats-node --port <port> --bootstrap <url> (--data-dir <dir> | --store memory) [options]';

async function main(): Promise<void> {
  let config: NodeAppConfig | undefined;
  try {
    config = loadNodeConfig({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`cats-node: ${error.message}\n${USAGE}\n(cats-node --help lists every option)\n`);
      process.exit(2);
    }
    throw error;
  }
  if (config === undefined) {
    process.stdout.write(helpText(USAGE, NODE_OPTIONS, 'CATS_'));
    return;
  }
  const log = createLogger('cats-node', config.logLevel);
  // Loaded only now, so that bad input is answered without loading the node's code.
  const { startRealNode } = await import('./start-real-node.js');
  let app: Awaited<ReturnType<typeof runNodeApp>>;
  try {
    app = await runNodeApp(config, log, startRealNode);
  } catch (error) {
    log.fatal({ err: error }, 'the node could not start');
    process.exit(1);
  }
  const { node } = app;
  log.info(
    {
      id: node.self.id,
      address: node.self.address.key,
      url: node.url,
      bootstrap: config.bootstrap,
      store: config.store,
    },
    `node started: status page ${node.url}/`,
  );
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now without finishing the graceful leave');
      process.exit(1);
    }
    app.shutdown(signal).then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `cats-node: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
