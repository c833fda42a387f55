import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { RandomSource } from '@kompics/kernel';
import {
  Address,
  Message,
  PeerConnected,
  PeerDropped,
  PeerReconnected,
  type PeerStatus,
} from '@kompics/network';
import { WebSocket, WebSocketServer } from 'ws';
import { newNonce, proof, verifyProof } from './admission.js';
import { backoffDelay } from './backoff.js';
import type { WsNetworkConfig } from './config.js';
import { Connection } from './connection.js';
import { PeerLink } from './peer-link.js';
import { SendQueue } from './send-queue.js';
import { WsNetworkStats } from './stats.js';
import {
  authFrame,
  CloseCode,
  decodeFrame,
  FrameKind,
  FrameRejection,
  helloFrame,
  parseHello,
  WELCOME_FRAME,
} from './wire-format.js';

/** What the endpoint hands to its component. */
export interface EndpointSink {
  deliver(message: Message): void;
  status(event: PeerStatus): void;
}

/** A connection that keeps sending frames that must be rejected is closed after this many. */
const MAX_REJECTIONS_PER_CONNECTION = 100;

/** How long a stopping endpoint waits for clean closes before it drops the sockets. */
const CLOSE_GRACE_MS = 500;

/**
 * The socket side of a {@link WsNetwork}: a WebSocket server on the node's address, one
 * connection per peer, the handshake, framing, queues and reconnection. It knows nothing of
 * components; it reports through an {@link EndpointSink}.
 */
export class WsEndpoint {
  readonly stats = new WsNetworkStats();
  readonly #config: WsNetworkConfig;
  readonly #sink: EndpointSink;
  readonly #random: RandomSource;
  readonly #links = new Map<string, PeerLink>();
  readonly #connections = new Set<Connection>();
  /** Peers reported dropped and not yet back: their next connection is a reconnection. */
  readonly #dropped = new Set<string>();
  /** Peers reported connected once: a later connection without a drop is silent. */
  readonly #announced = new Set<string>();
  readonly #dirty: PeerLink[] = [];
  #flushScheduled = false;
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #running = false;
  #listening: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(config: WsNetworkConfig, sink: EndpointSink, random: RandomSource) {
    this.#config = config;
    this.#sink = sink;
    this.#random = random;
  }

  get self(): Address {
    return this.#config.self;
  }

  /**
   * Starts listening (after a stop still under way, if any); resolves once the server listens,
   * rejects (after logging) if it cannot. Messages queued meanwhile are sent once connected.
   */
  start(): Promise<void> {
    if (this.#stopping !== undefined) return this.#stopping.then(() => this.start());
    if (this.#running) return this.#listening ?? Promise.resolve();
    this.#running = true;
    this.#listening = this.#listen();
    // Peers that were sent messages while this endpoint was not running.
    for (const link of this.#links.values()) {
      if (link.connection === undefined && link.dialing === undefined && link.retryTimer === undefined) {
        this.#dial(link);
      }
    }
    return this.#listening;
  }

  #listen(): Promise<void> {
    const { tls, bind, maxFrameBytes, heartbeatMs } = this.#config;
    const { httpHandler } = this.#config;
    const refuse = (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(426, { 'content-type': 'text/plain' }).end('kompics network-ws: WebSocket only\n');
    };
    const serve =
      httpHandler === undefined
        ? refuse
        : (req: IncomingMessage, res: ServerResponse) => {
            try {
              httpHandler(req, res);
            } catch (error) {
              this.#log(`httpHandler threw on ${req.method ?? '?'} ${req.url ?? '?'}: ${String(error)}`);
              if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
              res.end();
            }
          };
    const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, serve) : createHttpServer(serve);
    this.#server = server;
    const wss = new WebSocketServer({ server, maxPayload: maxFrameBytes, perMessageDeflate: false });
    this.#wss = wss;
    wss.on('connection', (socket, request) => {
      const remote = `${request.socket.remoteAddress ?? '?'}:${request.socket.remotePort ?? '?'}`;
      this.#open(socket, 'acceptor', remote, undefined);
    });
    wss.on('error', () => {}); // re-emitted server errors; handled on the server below
    if (heartbeatMs > 0) {
      this.#heartbeat = setInterval(() => this.#beat(), heartbeatMs);
      this.#heartbeat.unref();
    }
    return new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', (error) => {
        this.#log(`cannot listen on ${bind.host}:${bind.port}: ${error.message}`);
        reject(error);
      });
      server.listen(bind.port, bind.host);
    });
  }

  /** Closes every connection and the server; queued messages are dropped. */
  stop(): Promise<void> {
    if (this.#stopping !== undefined) return this.#stopping;
    if (!this.#running) return Promise.resolve();
    this.#running = false;
    const listening = this.#listening;
    this.#listening = undefined;
    this.#stopping = this.#close(listening).finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  async #close(listening: Promise<void> | undefined): Promise<void> {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const link of this.#links.values()) {
      if (link.retryTimer !== undefined) clearTimeout(link.retryTimer);
      this.stats.drop('stopped', link.queue.clear());
    }
    this.#links.clear();
    this.#dirty.length = 0;
    const closing = [...this.#connections].map(
      (connection) =>
        new Promise<void>((resolve) => {
          if (connection.state === 'closed') return resolve();
          connection.socket.once('close', () => resolve());
          connection.close(CloseCode.shutdown, 'node stopping');
          setTimeout(() => {
            connection.socket.terminate();
            resolve();
          }, CLOSE_GRACE_MS).unref();
        }),
    );
    await Promise.all(closing);
    // A server still binding is closed once it is bound.
    await listening?.catch(() => {});
    const wss = this.#wss;
    const server = this.#server;
    this.#wss = undefined;
    this.#server = undefined;
    await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => {
      if (server === undefined || !server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Sends a message: to self at once, to a peer through its queue (coalesced per turn). */
  send(message: Message): void {
    const destination = message.destination;
    const self = this.#config.self;
    if (destination.key === self.key) {
      this.#sink.deliver(message);
      return;
    }
    const codec = this.#config.codecs.codecFor(message);
    const body = codec.encode(message);
    const source = message.source;
    const entry =
      source.key === self.key ? [codec.typeId, body] : [codec.typeId, body, source.host, source.port];
    const link = this.#link(destination);
    if (!link.queue.offer(entry)) {
      this.stats.drop('queue-full');
      if (!link.dropping) {
        link.dropping = true;
        const { maxQueuedMessages, maxQueuedBytes } = this.#config;
        this.#log(
          `dropping messages to ${destination.key}: send queue full (${maxQueuedMessages} messages or ${maxQueuedBytes} bytes); peer slow or unreachable`,
        );
      }
      return;
    }
    if (!link.dirty) {
      link.dirty = true;
      this.#dirty.push(link);
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        queueMicrotask(this.#flush);
      }
    }
    if (link.connection === undefined && link.dialing === undefined && link.retryTimer === undefined) {
      this.#dial(link);
    }
  }

  /** Packs what was sent this turn into frames and writes them (after the current macrotask). */
  readonly #flush = (): void => {
    this.#flushScheduled = false;
    const dirty = this.#dirty.splice(0);
    for (const link of dirty) {
      link.dirty = false;
      link.queue.pack();
      this.#pump(link);
    }
  };

  /** Hands queued frames to the peer's socket while it keeps up. */
  #pump(link: PeerLink): void {
    const connection = link.connection;
    if (connection === undefined || connection.state !== 'established') return;
    const highWater = this.#config.socketHighWaterBytes;
    while (connection.inflightBytes < highWater) {
      const frame = link.queue.take();
      if (frame === undefined) break;
      const size = frame.bytes.length;
      connection.inflightBytes += size;
      this.stats.framesSent++;
      this.stats.bytesSent += size;
      this.stats.messagesSent += frame.messages;
      connection.send(frame.bytes, (error) => {
        connection.inflightBytes -= size;
        if (error === undefined || error === null) this.#pump(link);
      });
    }
    if (link.dropping && link.queue.isEmpty) link.dropping = false;
  }

  #link(address: Address): PeerLink {
    let link = this.#links.get(address.key);
    if (link === undefined) {
      const queue = new SendQueue(this.#config, (bytes) => {
        this.stats.drop('oversized');
        this.#log(
          `dropped a message to ${address.key}: it encodes to ${bytes} bytes, over maxFrameBytes (${this.#config.maxFrameBytes})`,
        );
      });
      link = new PeerLink(address, queue);
      this.#links.set(address.key, link);
    }
    return link;
  }

  #dial(link: PeerLink): void {
    if (!this.#running) return;
    const { tls, maxFrameBytes, handshakeTimeoutMs } = this.#config;
    const url = `${tls ? 'wss' : 'ws'}://${link.address.key}/`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, {
        perMessageDeflate: false,
        maxPayload: maxFrameBytes,
        handshakeTimeout: handshakeTimeoutMs,
        ...(tls ? { ca: tls.ca, rejectUnauthorized: true } : {}),
      });
    } catch (error) {
      this.#log(`cannot connect to ${link.address.key}: ${(error as Error).message}`);
      this.#failing(link);
      return;
    }
    link.dialing = this.#open(socket, 'dialer', link.address.key, link.address);
  }

  /** Sets up a new connection, either way: handlers, handshake timeout, our HELLO. */
  #open(
    socket: WebSocket,
    role: 'dialer' | 'acceptor',
    remote: string,
    dialed: Address | undefined,
  ): Connection {
    const nonce = this.#config.clusterSecret ? newNonce() : undefined;
    const connection = new Connection(socket, role, remote, nonce, dialed);
    this.#connections.add(connection);
    const self = this.#config.self;
    const hello = () => connection.send(helloFrame(self.host, self.port, nonce));
    if (role === 'acceptor') hello();
    else socket.once('open', hello);
    connection.handshakeTimer = setTimeout(() => {
      if (connection.state !== 'handshake') return;
      if (role === 'acceptor') {
        this.#reject(connection, new FrameRejection('handshake', 'handshake not completed in time'));
      } else {
        connection.closeReason = 'handshake timed out';
      }
      socket.terminate();
    }, this.#config.handshakeTimeoutMs);
    connection.handshakeTimer.unref();
    socket.on('message', (data, isBinary) => this.#onFrame(connection, data, isBinary));
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        this.#reject(
          connection,
          new FrameRejection('oversized', `frame over maxFrameBytes (${this.#config.maxFrameBytes})`),
          'closing the connection',
        );
      }
      connection.closeReason ??= error.message;
    });
    socket.on('close', (code, reason) => this.#onClose(connection, code, reason.toString()));
    return connection;
  }

  #onFrame(connection: Connection, data: WebSocket.RawData, isBinary: boolean): void {
    // Frames still arriving on a connection refused during its handshake are ignored.
    if (connection.state === 'closed' || connection.refused) return;
    connection.alive = true;
    const bytes = Buffer.isBuffer(data)
      ? data
      : Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data as ArrayBuffer);
    this.stats.framesReceived++;
    this.stats.bytesReceived += bytes.length;
    try {
      if (!isBinary) throw new FrameRejection('malformed', 'text frame (want binary msgpack)');
      const frame = decodeFrame(bytes);
      switch (frame[0]) {
        case FrameKind.data:
          this.#onData(connection, frame);
          break;
        case FrameKind.hello:
          this.#onHello(connection, frame);
          break;
        case FrameKind.auth:
          this.#onAuth(connection, frame);
          break;
        case FrameKind.welcome:
          this.#onWelcome(connection);
          break;
        default:
          throw new FrameRejection('malformed', `unknown frame kind ${String(frame[0])}`);
      }
    } catch (error) {
      if (!(error instanceof FrameRejection)) {
        // A bug, here or in a component's code run synchronously: never let it take the process down.
        this.#log(
          `internal error on a frame from ${connection.label}: ${(error as Error)?.stack ?? String(error)}`,
        );
        return;
      }
      // Until the handshake is done, any bad frame ends the connection.
      const fatal = connection.state !== 'established';
      this.#reject(connection, error, fatal ? 'closing the connection' : undefined);
      if (fatal) this.#refuse(connection, CloseCode.handshake, error.reason);
    }
  }

  #onData(connection: Connection, frame: unknown[]): void {
    if (connection.state !== 'established') {
      throw new FrameRejection(
        connection.admitted || !this.#config.clusterSecret ? 'handshake' : 'unauthenticated',
        'data before the handshake completed',
      );
    }
    const peer = connection.peer as Address;
    const self = this.#config.self;
    const codecs = this.#config.codecs;
    if (frame.length < 2) throw new FrameRejection('malformed', 'data frame without messages');
    const messages: Message[] = new Array(frame.length - 1);
    for (let i = 1; i < frame.length; i++) {
      const entry = frame[i];
      if (!Array.isArray(entry) || (entry.length !== 2 && entry.length !== 4)) {
        throw new FrameRejection(
          'malformed',
          `entry ${i} is not [typeId, body] or [typeId, body, sourceHost, sourcePort]`,
        );
      }
      const typeId = entry[0];
      if (!Number.isInteger(typeId))
        throw new FrameRejection('malformed', `entry ${i} has no integer type id`);
      const codec = codecs.codecById(typeId as number);
      if (codec === undefined) {
        throw new FrameRejection('unknown-type', `entry ${i} has unknown message type ${typeId}`);
      }
      let source = peer;
      if (entry.length === 4) {
        try {
          source = new Address(entry[2] as string, entry[3] as number);
        } catch (error) {
          throw new FrameRejection('malformed', `entry ${i} has a bad source: ${(error as Error).message}`);
        }
      }
      let message: unknown;
      try {
        message = codec.decode(entry[1], source, self);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new FrameRejection('invalid-message', `entry ${i} (${codec.messageClass.name}): ${reason}`);
      }
      if (!(message instanceof codec.messageClass) || !(message instanceof Message)) {
        throw new FrameRejection(
          'invalid-message',
          `entry ${i}: codec of ${codec.messageClass.name} returned something else`,
        );
      }
      messages[i - 1] = message;
    }
    // The whole frame decoded: deliver it.
    this.stats.messagesDelivered += messages.length;
    for (const message of messages) this.#sink.deliver(message);
  }

  #onHello(connection: Connection, frame: unknown[]): void {
    if (connection.helloReceived) throw new FrameRejection('handshake', 'second HELLO');
    const hello = parseHello(frame);
    let peer: Address;
    try {
      peer = new Address(hello.host, hello.port);
    } catch (error) {
      throw new FrameRejection('handshake', `HELLO with a bad address: ${(error as Error).message}`);
    }
    const self = this.#config.self;
    if (connection.role === 'dialer' && peer.key !== connection.dialed?.key) {
      throw new FrameRejection(
        'handshake',
        `dialed ${connection.dialed?.key} but the peer says it is ${peer.key}`,
      );
    }
    if (connection.role === 'acceptor' && peer.key === self.key) {
      throw new FrameRejection('handshake', `peer claims this node's own address ${peer.key}`);
    }
    connection.peer = peer;
    connection.helloReceived = true;
    const secret = this.#config.clusterSecret;
    if (secret !== undefined) {
      if (hello.nonce === undefined) {
        throw new FrameRejection('unauthenticated', 'peer has no cluster secret');
      }
      connection.send(authFrame(proof(secret, hello.nonce, self.key)));
    } else {
      connection.admitted = true;
      this.#admitted(connection);
    }
  }

  #onAuth(connection: Connection, frame: unknown[]): void {
    const secret = this.#config.clusterSecret;
    if (secret === undefined || connection.nonce === undefined) {
      throw new FrameRejection('handshake', 'unexpected AUTH (no cluster secret configured here)');
    }
    if (!connection.helloReceived || connection.admitted) {
      throw new FrameRejection('handshake', 'AUTH out of order');
    }
    if (!verifyProof(secret, connection.nonce, (connection.peer as Address).key, frame[1])) {
      throw new FrameRejection('unauthenticated', 'wrong proof of the cluster secret');
    }
    connection.admitted = true;
    this.#admitted(connection);
  }

  #onWelcome(connection: Connection): void {
    if (connection.role !== 'dialer' || !connection.admitted || connection.state !== 'handshake') {
      throw new FrameRejection('handshake', 'WELCOME out of order');
    }
    const link = this.#links.get((connection.dialed as Address).key);
    if (link === undefined || link.dialing !== connection) {
      this.#refuse(connection, CloseCode.duplicate, 'dial no longer wanted');
      return;
    }
    link.dialing = undefined;
    if (link.connection !== undefined) this.#retire(link.connection, CloseCode.replaced, 'replaced');
    this.#establish(link, connection);
  }

  /**
   * The peer is who it says. An acceptor now decides whether to keep this connection: of two
   * connections between the same nodes, the one dialed by the lower address wins; a peer that
   * dials again while we hold its older connection has lost that one, so the new one wins.
   */
  #admitted(connection: Connection): void {
    if (connection.role === 'dialer') return; // waits for WELCOME
    const peer = connection.peer as Address;
    const link = this.#link(peer);
    const selfLower = this.#config.self.key < peer.key;
    const dialing = link.dialing;
    const current = link.connection;
    if (dialing !== undefined) {
      if (selfLower) {
        this.#refuse(connection, CloseCode.duplicate, 'duplicate: our connection wins');
        return;
      }
      link.dialing = undefined;
      this.#refuse(dialing, CloseCode.duplicate, 'duplicate: their connection wins');
    } else if (current !== undefined) {
      if (current.role === 'dialer' && selfLower) {
        this.#refuse(connection, CloseCode.duplicate, 'duplicate: our connection wins');
        return;
      }
      this.#retire(current, CloseCode.replaced, 'replaced by a newer connection');
    }
    connection.send(WELCOME_FRAME);
    this.#establish(link, connection);
  }

  /** Closes a connection that will not be used; frames still arriving on it are ignored. */
  #refuse(connection: Connection, code: number, reason: string): void {
    connection.refused = true;
    connection.close(code, reason);
  }

  /** Removes a connection from its link without reporting a drop, and closes it. */
  #retire(connection: Connection, code: number, reason: string): void {
    const link = connection.peerKey === undefined ? undefined : this.#links.get(connection.peerKey);
    if (link?.connection === connection) link.connection = undefined;
    connection.close(code, reason);
  }

  #establish(link: PeerLink, connection: Connection): void {
    connection.state = 'established';
    if (connection.handshakeTimer !== undefined) clearTimeout(connection.handshakeTimer);
    link.connection = connection;
    link.attempt = 0;
    link.failingSince = undefined;
    if (link.retryTimer !== undefined) clearTimeout(link.retryTimer);
    link.retryTimer = undefined;
    this.stats.connectionsEstablished++;
    const self = this.#config.self;
    const key = link.address.key;
    if (this.#dropped.delete(key)) this.#sink.status(new PeerReconnected(self, link.address));
    else if (!this.#announced.has(key)) this.#sink.status(new PeerConnected(self, link.address));
    this.#announced.add(key);
    link.queue.pack();
    this.#pump(link);
  }

  #onClose(connection: Connection, code: number, reason: string): void {
    const wasEstablished = connection.state === 'established';
    connection.state = 'closed';
    this.#connections.delete(connection);
    if (connection.handshakeTimer !== undefined) clearTimeout(connection.handshakeTimer);
    const key = connection.peerKey;
    const link = key === undefined ? undefined : this.#links.get(key);
    if (link === undefined || !this.#running) return;
    if (link.connection === connection) {
      link.connection = undefined;
      if (wasEstablished) {
        this.stats.connectionsDropped++;
        this.#dropped.add(link.address.key);
        const why = connection.closeReason ?? (reason.length > 0 ? reason : `closed (code ${code})`);
        this.#sink.status(new PeerDropped(this.#config.self, link.address, why));
      }
      this.#failing(link);
    } else if (link.dialing === connection) {
      link.dialing = undefined;
      if (link.connection === undefined) this.#failing(link);
    }
  }

  /** No connection to the peer: retry with backoff, or give up after `giveUpAfterMs`. */
  #failing(link: PeerLink): void {
    if (!this.#running || link.connection !== undefined || link.dialing !== undefined) return;
    if (link.retryTimer !== undefined) return;
    const now = performance.now();
    link.failingSince ??= now;
    const { initialDelayMs, maxDelayMs, giveUpAfterMs } = this.#config.reconnect;
    if (now - link.failingSince >= giveUpAfterMs) {
      this.#links.delete(link.address.key);
      const lost = link.queue.clear();
      if (lost > 0) {
        this.stats.drop('unreachable', lost);
        this.#log(
          `dropped ${lost} messages to ${link.address.key}: unreachable for ${Math.round(now - link.failingSince)} ms`,
        );
      }
      return;
    }
    const delay = backoffDelay(link.attempt++, initialDelayMs, maxDelayMs, this.#random);
    link.retryTimer = setTimeout(() => {
      link.retryTimer = undefined;
      if (this.#links.get(link.address.key) === link && link.connection === undefined) this.#dial(link);
    }, delay);
    link.retryTimer.unref();
  }

  #beat(): void {
    for (const connection of this.#connections) {
      if (connection.state !== 'established') continue;
      if (!connection.alive) {
        connection.closeReason = 'no heartbeat';
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }

  #reject(connection: Connection, rejection: FrameRejection, consequence?: string): void {
    this.stats.reject(rejection.reason);
    connection.rejections++;
    const tail = consequence === undefined ? '' : `; ${consequence}`;
    this.#log(`rejected frame from ${connection.label} (${rejection.reason}): ${rejection.detail}${tail}`);
    if (connection.rejections === MAX_REJECTIONS_PER_CONNECTION && consequence === undefined) {
      this.#log(`closing the connection from ${connection.label}: too many rejected frames`);
      this.#refuse(connection, CloseCode.abuse, 'too many rejected frames');
    }
  }

  #log(line: string): void {
    this.#config.log(`[network-ws ${this.#config.self.key}] ${line}`);
  }
}
