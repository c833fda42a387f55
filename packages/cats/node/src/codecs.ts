import { registerCatsCodecs } from '@cats/core';
import { registerBootstrapCodecs } from '@kompics/bootstrap-service';
import { BroadcastPayloadRegistry } from '@kompics/broadcast';
import { registerEpidemicBroadcastCodecs } from '@kompics/broadcast-epidemic';
import { registerFailureDetectorCodecs } from '@kompics/failure-detector-ping';
import { CodecRegistry } from '@kompics/network';
import { registerCyclonCodecs } from '@kompics/peer-sampling-cyclon';
import { registerRingChordCodecs } from '@kompics/ring-chord';
import { registerOneHopRouterCodecs, registerRouterPayloads } from '@kompics/router-onehop';

/**
 * Every message a CATS node (and a bootstrap server) sends or accepts, in one registry: the
 * failure detector, Cyclon, the epidemic broadcast (with the router's news), the router, the
 * ring, the bootstrap service and the CATS data layer.
 */
export function catsNodeCodecs(registry: CodecRegistry = new CodecRegistry()): CodecRegistry {
  registerCyclonCodecs(registry);
  registerFailureDetectorCodecs(registry);
  registerEpidemicBroadcastCodecs(registry, registerRouterPayloads(new BroadcastPayloadRegistry()));
  registerOneHopRouterCodecs(registry);
  registerRingChordCodecs(registry);
  registerBootstrapCodecs(registry);
  registerCatsCodecs(registry);
  return registry;
}
