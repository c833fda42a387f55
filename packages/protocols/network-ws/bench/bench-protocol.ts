// What the benchmark's two processes say to each other, the same for both implementations:
// Data(seq) is streamed and acknowledged every ACK_EVERY messages by a Pong(count); Ping(seq)
// is answered by Pong(seq).
import { Packr } from 'msgpackr';
import { TYPE_IDS } from '../test/fixtures/messages.js';

export const ACK_EVERY = 1000;

/** The baseline's codec: plain msgpackr, one `[typeId, [seq, payload]]` per WebSocket frame. */
export const plainPackr = new Packr({ useRecords: false });

export function plainFrame(typeId: number, seq: number, payload: string): Buffer {
  return plainPackr.pack([typeId, [seq, payload]]);
}

export { TYPE_IDS };
