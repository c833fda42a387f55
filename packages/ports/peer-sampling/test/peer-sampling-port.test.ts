import { describe, expect, it } from 'vitest';
import { PeerSampling, Sample, SampleRequest } from '../src/index.js';

describe('PeerSampling port', () => {
  it('takes sample requests and gives samples', () => {
    expect(PeerSampling.requests).toEqual([SampleRequest]);
    expect(PeerSampling.indications).toEqual([Sample]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a request for %s peers', (count) => {
    expect(() => new SampleRequest(count)).toThrow(RangeError);
  });
});
