import { type CatsNodeConfig, startCatsNode } from '@cats/node';
import type { NodeStarter } from './run-node.js';

/** Starts a real node with `@cats/node`'s `startCatsNode`, from the app's configuration. */
export const startRealNode: NodeStarter = async ({ config, httpHandler, log }) => {
  const nodeLog = log.child({ part: 'node' });
  const options: CatsNodeConfig = {
    address: config.host.includes(':') ? `[${config.host}]:${config.port}` : `${config.host}:${config.port}`,
    bootstrap: config.bootstrap,
    ...(config.store === 'memory' ? { store: 'memory' as const } : { dataDir: config.dataDir as string }),
    ...(config.clusterSecret === undefined ? {} : { clusterSecret: config.clusterSecret.toString('utf8') }),
    ...(config.tls === undefined ? {} : { tls: config.tls }),
    httpHandler,
    replicationDegree: config.replicationDegree,
    slices: config.slices,
    consistency: config.consistency,
    log: (line) => nodeLog.warn(line),
  };
  return startCatsNode(options);
};
