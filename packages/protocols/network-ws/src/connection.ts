import type { Address } from '@kompics/network';
import type { WebSocket } from 'ws';

/** Which side opened a connection. */
export type ConnectionRole = 'dialer' | 'acceptor';

/** Where a connection is in its life. */
export type ConnectionState = 'handshake' | 'established' | 'closed';

/**
 * One WebSocket to a peer and its handshake state. The dialer knows whom it dialed; both sides
 * learn the peer's listen address from its HELLO.
 */
export class Connection {
  state: ConnectionState = 'handshake';
  /** The peer's listen address, from its HELLO. */
  peer: Address | undefined;
  /** The peer's HELLO was accepted. */
  helloReceived = false;
  /** The peer proved the cluster secret (or none is required). */
  admitted = false;
  /** Bytes handed to the socket whose write has not completed. */
  inflightBytes = 0;
  /** Heard from since the last heartbeat. */
  alive = true;
  /** Closed by this side before it was established: what still arrives is ignored. */
  refused = false;
  /** Frames of this connection rejected so far. */
  rejections = 0;
  /** Why it closed, when this side knows better than the close code. */
  closeReason: string | undefined;
  handshakeTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly role: ConnectionRole,
    /** The remote socket address, for logs before the HELLO. */
    readonly remote: string,
    /** This side's nonce for the peer's proof; undefined without a cluster secret. */
    readonly nonce: Buffer | undefined,
    /** Whom the dialer dialed. */
    readonly dialed: Address | undefined,
  ) {}

  /** The peer as logs name it. */
  get label(): string {
    if (this.role === 'dialer') return this.remote;
    return this.peer === undefined ? this.remote : `${this.peer.key} via ${this.remote}`;
  }

  /** The peer this connection is for, once known. */
  get peerKey(): string | undefined {
    return (this.peer ?? this.dialed)?.key;
  }

  /** Sends bytes if the socket is open. */
  send(bytes: Buffer, done?: (error?: Error) => void): void {
    if (this.socket.readyState !== this.socket.OPEN) {
      done?.(new Error('socket not open'));
      return;
    }
    this.socket.send(bytes, { binary: true }, done);
  }

  /** Starts a clean close, or drops the socket at once if it is not open. */
  close(code: number, reason: string): void {
    this.closeReason ??= reason;
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason.slice(0, 120));
    else this.socket.terminate();
  }
}
