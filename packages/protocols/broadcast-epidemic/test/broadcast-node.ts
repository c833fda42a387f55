// A simulated node running Cyclon and the epidemic broadcast, with a small payload for tests.
import { BroadcastPayload, BroadcastPayloadRegistry, BroadcastPort } from '@kompics/broadcast';
import { type Child, ComponentDefinition } from '@kompics/kernel';
import { type Address, CodecError, CodecRegistry, Network } from '@kompics/network';
import { PeerSampling } from '@kompics/peer-sampling';
import { Cyclon, registerCyclonCodecs } from '@kompics/peer-sampling-cyclon';
import { Timer } from '@kompics/timer';
import {
  EpidemicBroadcast,
  type EpidemicBroadcastOptions,
  registerEpidemicBroadcastCodecs,
} from '../src/index.js';

/** A test payload: a short text. */
export class Note extends BroadcastPayload {
  constructor(readonly text: string) {
    super();
  }
}
export const NOTE_TYPE = 169;

export function notePayloads(): BroadcastPayloadRegistry {
  return new BroadcastPayloadRegistry().register({
    typeId: NOTE_TYPE,
    payloadClass: Note,
    encode: (n) => n.text,
    decode: (body) => {
      if (typeof body !== 'string') throw new CodecError('Note: body must be a string');
      return new Note(body);
    },
  });
}

export const broadcastCodecs = () =>
  registerEpidemicBroadcastCodecs(registerCyclonCodecs(new CodecRegistry()), notePayloads());

/** Cyclon feeding the epidemic broadcast; the node provides the Broadcast port to its parent. */
export class BroadcastNode extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly timer = this.requires(Timer);
  readonly port = this.provides(BroadcastPort);
  readonly epidemic: Child<EpidemicBroadcast>;
  constructor(self: Address, known: readonly Address[], options: Partial<EpidemicBroadcastOptions> = {}) {
    super();
    const cyclon = this.create(Cyclon, { self, bootstrap: known, viewSize: 20, shuffleLength: 5 });
    this.connect(this.net, cyclon.required(Network));
    this.connect(this.timer, cyclon.required(Timer));
    this.epidemic = this.create(EpidemicBroadcast, { ...options, self });
    this.connect(this.net, this.epidemic.required(Network));
    this.connect(cyclon.provided(PeerSampling), this.epidemic.required(PeerSampling));
    this.connect(this.epidemic.provided(BroadcastPort), this.port);
  }
}
