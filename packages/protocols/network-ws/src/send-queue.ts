import { FrameKind, packr } from './wire-format.js';

/** A packed frame waiting for a socket, and how many messages it carries. */
export interface QueuedFrame {
  readonly bytes: Buffer;
  readonly messages: number;
}

/** Limits of a {@link SendQueue}. */
export interface SendQueueLimits {
  readonly maxFrameBytes: number;
  readonly maxMessagesPerFrame: number;
  readonly maxQueuedMessages: number;
  readonly maxQueuedBytes: number;
}

/**
 * The messages waiting for one peer. Entries offered during one event-loop turn are packed
 * together into as few frames as the limits allow (coalescing); frames wait here while the
 * peer is unreachable or its socket is behind.
 *
 * Bounded, drop-newest: once `maxQueuedMessages` messages or `maxQueuedBytes` bytes of frames
 * wait, {@link offer} refuses new messages until the queue drains.
 */
export class SendQueue {
  /** The frame being filled: `[DATA, entry, ...]`. */
  #open: unknown[] = [FrameKind.data];
  #frames: QueuedFrame[] = [];
  #head = 0;
  /** Messages waiting, packed or not. */
  queuedMessages = 0;
  /** Bytes of packed frames waiting. */
  queuedBytes = 0;

  constructor(
    readonly limits: SendQueueLimits,
    /** Called with the size of a single message too large for any frame (it is dropped). */
    readonly onOversized: (bytes: number) => void,
  ) {}

  /** Whether frames or unpacked entries wait. */
  get isEmpty(): boolean {
    return this.queuedMessages === 0;
  }

  /** Queues one entry; false if the queue is full (the entry is dropped by the caller). */
  offer(entry: unknown[]): boolean {
    const { maxQueuedMessages, maxQueuedBytes, maxMessagesPerFrame } = this.limits;
    if (this.queuedMessages >= maxQueuedMessages || this.queuedBytes >= maxQueuedBytes) return false;
    this.#open.push(entry);
    this.queuedMessages++;
    if (this.#open.length > maxMessagesPerFrame) this.pack();
    return true;
  }

  /** Packs the entries offered so far into frames. */
  pack(): void {
    if (this.#open.length <= 1) return;
    const open = this.#open;
    this.#open = [FrameKind.data];
    this.#packEntries(open);
  }

  /** The next frame to send, if any (pack first). */
  take(): QueuedFrame | undefined {
    if (this.#head >= this.#frames.length) return undefined;
    const frame = this.#frames[this.#head] as QueuedFrame;
    this.#frames[this.#head] = undefined as unknown as QueuedFrame;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#frames.length) {
      this.#frames = this.#frames.slice(this.#head);
      this.#head = 0;
    }
    this.queuedMessages -= frame.messages;
    this.queuedBytes -= frame.bytes.length;
    return frame;
  }

  /** Empties the queue; returns how many messages it held. */
  clear(): number {
    const dropped = this.queuedMessages;
    this.#open = [FrameKind.data];
    this.#frames = [];
    this.#head = 0;
    this.queuedMessages = 0;
    this.queuedBytes = 0;
    return dropped;
  }

  /** Packs `frame` (`[DATA, ...entries]`), splitting it while it exceeds the frame size limit. */
  #packEntries(frame: unknown[]): void {
    const bytes = packr.pack(frame);
    const count = frame.length - 1;
    if (bytes.length <= this.limits.maxFrameBytes) {
      this.#frames.push({ bytes, messages: count });
      this.queuedBytes += bytes.length;
      return;
    }
    if (count === 1) {
      this.queuedMessages--;
      this.onOversized(bytes.length);
      return;
    }
    const half = 1 + Math.floor(count / 2);
    this.#packEntries([FrameKind.data, ...frame.slice(1, half)]);
    this.#packEntries([FrameKind.data, ...frame.slice(half)]);
  }
}
