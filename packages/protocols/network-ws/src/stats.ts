import { REJECT_REASONS, type RejectReason } from './wire-format.js';

/** Why a message was dropped before it reached the wire. */
export type DropReason =
  /** The peer's send queue was full (peer slow or unreachable). */
  | 'queue-full'
  /** The peer could not be reached for `reconnect.giveUpAfterMs`. */
  | 'unreachable'
  /** The message alone encodes to more than `maxFrameBytes`. */
  | 'oversized'
  /** The network stopped with the message still queued. */
  | 'stopped';

/** Counters of a {@link WsNetwork}, live; read them at any time. */
export class WsNetworkStats {
  /** Messages handed to the socket (in frames). */
  messagesSent = 0;
  /** Messages received from peers and delivered to components. */
  messagesDelivered = 0;
  framesSent = 0;
  framesReceived = 0;
  bytesSent = 0;
  bytesReceived = 0;
  /** Connections that completed the handshake. */
  connectionsEstablished = 0;
  /** Established connections that were lost (not replaced). */
  connectionsDropped = 0;
  /** Frames rejected, all reasons. */
  rejectedFrames = 0;
  readonly rejectedByReason: Record<RejectReason, number> = Object.fromEntries(
    REJECT_REASONS.map((reason) => [reason, 0]),
  ) as Record<RejectReason, number>;
  /** Messages dropped before reaching the wire, all reasons. */
  droppedMessages = 0;
  readonly droppedByReason: Record<DropReason, number> = {
    'queue-full': 0,
    unreachable: 0,
    oversized: 0,
    stopped: 0,
  };

  /** @internal */
  reject(reason: RejectReason): void {
    this.rejectedFrames++;
    this.rejectedByReason[reason]++;
  }

  /** @internal */
  drop(reason: DropReason, count = 1): void {
    this.droppedMessages += count;
    this.droppedByReason[reason] += count;
  }
}
