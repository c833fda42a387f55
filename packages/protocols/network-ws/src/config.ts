import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigError } from '@kompics/kernel';
import { Address, CodecRegistry } from '@kompics/network';

/** A line of text for the operator: rejected frames, dropped messages, listen failures. */
export type WsLogger = (line: string) => void;

/**
 * Serves the plain HTTP requests that arrive on the node's port (every request that is not a
 * WebSocket upgrade), so one port carries both the peer protocol and an app's HTTP API.
 */
export type WsHttpHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Certificate files for TLS (`wss://`), PEM-encoded. */
export interface WsTlsFiles {
  /** This node's private key. */
  readonly keyFile: string;
  /** This node's certificate, presented to peers that connect. */
  readonly certFile: string;
  /**
   * The certificate authority (or self-signed certificate) peers' certificates must chain to;
   * without it, the host's trusted roots.
   */
  readonly caFile?: string;
}

/** Reconnection after a failed connect or a dropped connection: exponential backoff. */
export interface WsReconnectOptions {
  /** First retry after about this many ms. Default 100. */
  readonly initialDelayMs?: number;
  /** Retries are at most this far apart, in ms. Default 5 000. */
  readonly maxDelayMs?: number;
  /**
   * After this many ms of failing to reach a peer, its queued messages are dropped and
   * reconnection stops until a new message is sent to it. Default 60 000.
   */
  readonly giveUpAfterMs?: number;
}

/** How a {@link WsNetwork} is set up. Everything but `self` and `codecs` has a default. */
export interface WsNetworkInit {
  /** This node's address: where peers connect to, and the source of the messages it sends. */
  readonly self: Address;
  /** The message classes this node sends and accepts. */
  readonly codecs: CodecRegistry;
  /** Where to listen, when it differs from `self` (e.g. `0.0.0.0`, or behind a port forward). */
  readonly bind?: { readonly host: string; readonly port: number };
  /**
   * Shared secret of the cluster (at least 16 bytes). When set, a peer must prove that it knows
   * it (HMAC-SHA256 over a fresh random nonce) before any of its messages is delivered, and
   * this node sends nothing to a peer that has not proven it.
   */
  readonly clusterSecret?: string | Uint8Array;
  /** Certificate files: with them, nodes listen and connect with TLS (`wss://`). */
  readonly tls?: WsTlsFiles;
  /** Largest frame accepted or sent, in bytes. Default 4 MiB. */
  readonly maxFrameBytes?: number;
  /** Most messages one frame carries. Default 4 096. */
  readonly maxMessagesPerFrame?: number;
  /** Per peer: most messages waiting to be written to its socket. Default 10 000. */
  readonly maxQueuedMessages?: number;
  /** Per peer: most bytes of packed frames waiting to be written to its socket. Default 16 MiB. */
  readonly maxQueuedBytes?: number;
  /** Per peer: bytes handed to the socket and not yet written out, before queueing. Default 1 MiB. */
  readonly socketHighWaterBytes?: number;
  readonly reconnect?: WsReconnectOptions;
  /** A connection that has not completed its handshake after this many ms is closed. Default 10 000. */
  readonly handshakeTimeoutMs?: number;
  /** Ping period, in ms; a connection silent for two periods is closed. 0 disables. Default 5 000. */
  readonly heartbeatMs?: number;
  /** Where error lines go. Default `console.error`. */
  readonly log?: WsLogger;
  /**
   * Gets every non-upgrade HTTP(S) request on the node's port. Without it such requests are
   * answered 426 (Upgrade Required). A handler that throws gets its request answered 500.
   */
  readonly httpHandler?: WsHttpHandler;
}

/** A validated {@link WsNetworkInit} with every default filled in. */
export interface WsNetworkConfig {
  readonly self: Address;
  readonly codecs: CodecRegistry;
  readonly bind: { readonly host: string; readonly port: number };
  readonly clusterSecret: Buffer | undefined;
  readonly tls: { readonly key: Buffer; readonly cert: Buffer; readonly ca: Buffer | undefined } | undefined;
  readonly maxFrameBytes: number;
  readonly maxMessagesPerFrame: number;
  readonly maxQueuedMessages: number;
  readonly maxQueuedBytes: number;
  readonly socketHighWaterBytes: number;
  readonly reconnect: Required<WsReconnectOptions>;
  readonly handshakeTimeoutMs: number;
  readonly heartbeatMs: number;
  readonly log: WsLogger;
  readonly httpHandler: WsHttpHandler | undefined;
}

const KNOWN_KEYS = new Set([
  'self',
  'codecs',
  'bind',
  'clusterSecret',
  'tls',
  'maxFrameBytes',
  'maxMessagesPerFrame',
  'maxQueuedMessages',
  'maxQueuedBytes',
  'socketHighWaterBytes',
  'reconnect',
  'handshakeTimeoutMs',
  'heartbeatMs',
  'log',
  'httpHandler',
]);

function problem(what: string): never {
  throw new ConfigError(`WsNetwork: ${what}`);
}

function integer(value: unknown, name: string, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    problem(`${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function readPem(path: unknown, name: string): Buffer {
  if (typeof path !== 'string' || path.length === 0) problem(`tls.${name} must be a file path`);
  try {
    return readFileSync(path);
  } catch (error) {
    problem(`cannot read tls.${name} ${JSON.stringify(path)}: ${(error as Error).message}`);
  }
}

function parseTls(tls: unknown): WsNetworkConfig['tls'] {
  if (tls === undefined) return undefined;
  if (typeof tls !== 'object' || tls === null) problem('tls must be { keyFile, certFile, caFile? }');
  const files = tls as Record<string, unknown>;
  for (const key of Object.keys(files)) {
    if (!['keyFile', 'certFile', 'caFile'].includes(key)) problem(`unknown option tls.${key}`);
  }
  return {
    key: readPem(files.keyFile, 'keyFile'),
    cert: readPem(files.certFile, 'certFile'),
    ca: files.caFile === undefined ? undefined : readPem(files.caFile, 'caFile'),
  };
}

function parseSecret(secret: unknown): Buffer | undefined {
  if (secret === undefined) return undefined;
  let bytes: Buffer;
  if (typeof secret === 'string') bytes = Buffer.from(secret, 'utf8');
  else if (secret instanceof Uint8Array) bytes = Buffer.from(secret);
  else problem('clusterSecret must be a string or bytes');
  if (bytes.length < 16) problem(`clusterSecret must be at least 16 bytes, got ${bytes.length}`);
  return bytes;
}

function parseBind(bind: unknown, self: Address): WsNetworkConfig['bind'] {
  if (bind === undefined) return { host: self.host, port: self.port };
  if (typeof bind !== 'object' || bind === null) problem('bind must be { host, port }');
  const { host, port } = bind as Record<string, unknown>;
  if (typeof host !== 'string' || host.length === 0) problem('bind.host must be a non-empty string');
  if (port === undefined) problem('bind.port is required');
  return { host, port: integer(port, 'bind.port', 1, 0) };
}

/**
 * Validates an init object and fills in the defaults; throws a {@link ConfigError} that names
 * the first problem found.
 */
export function resolveConfig(init: WsNetworkInit): WsNetworkConfig {
  if (typeof init !== 'object' || init === null) problem('expects an init object { self, codecs, ... }');
  for (const key of Object.keys(init)) {
    if (!KNOWN_KEYS.has(key)) problem(`unknown option ${JSON.stringify(key)}`);
  }
  if (!(init.self instanceof Address)) problem('self must be an Address');
  if (init.self.port === 0) problem('self must name a port (port 0 cannot be advertised to peers)');
  if (!(init.codecs instanceof CodecRegistry)) problem('codecs must be a CodecRegistry');
  if (init.log !== undefined && typeof init.log !== 'function') problem('log must be a function');
  if (init.httpHandler !== undefined && typeof init.httpHandler !== 'function')
    problem('httpHandler must be a function (request, response) => void');
  const reconnect = init.reconnect ?? {};
  if (typeof reconnect !== 'object' || reconnect === null) problem('reconnect must be an object');
  for (const key of Object.keys(reconnect)) {
    if (!['initialDelayMs', 'maxDelayMs', 'giveUpAfterMs'].includes(key)) {
      problem(`unknown option reconnect.${key}`);
    }
  }
  const initialDelayMs = integer(reconnect.initialDelayMs, 'reconnect.initialDelayMs', 1, 100);
  const maxDelayMs = integer(reconnect.maxDelayMs, 'reconnect.maxDelayMs', 1, 5_000);
  if (maxDelayMs < initialDelayMs) problem('reconnect.maxDelayMs must be >= reconnect.initialDelayMs');
  const maxFrameBytes = integer(init.maxFrameBytes, 'maxFrameBytes', 1024, 4 * 1024 * 1024);
  return {
    self: init.self,
    codecs: init.codecs,
    bind: parseBind(init.bind, init.self),
    clusterSecret: parseSecret(init.clusterSecret),
    tls: parseTls(init.tls),
    maxFrameBytes,
    maxMessagesPerFrame: integer(init.maxMessagesPerFrame, 'maxMessagesPerFrame', 1, 4096),
    maxQueuedMessages: integer(init.maxQueuedMessages, 'maxQueuedMessages', 1, 10_000),
    maxQueuedBytes: integer(init.maxQueuedBytes, 'maxQueuedBytes', 1024, 16 * 1024 * 1024),
    socketHighWaterBytes: integer(init.socketHighWaterBytes, 'socketHighWaterBytes', 1024, 1024 * 1024),
    reconnect: {
      initialDelayMs,
      maxDelayMs,
      giveUpAfterMs: integer(reconnect.giveUpAfterMs, 'reconnect.giveUpAfterMs', 0, 60_000),
    },
    handshakeTimeoutMs: integer(init.handshakeTimeoutMs, 'handshakeTimeoutMs', 1, 10_000),
    heartbeatMs: integer(init.heartbeatMs, 'heartbeatMs', 0, 5_000),
    log: init.log ?? ((line) => console.error(line)),
    httpHandler: init.httpHandler,
  };
}
