export { PeerSampling, Sample, SampleRequest } from './peer-sampling-port.js';
