import { describe, expect, it } from 'vitest';
import { Bootstrap, BootstrapCompleted, BootstrapRequest, BootstrapResponse } from '../src/index.js';

describe('Bootstrap port', () => {
  it('takes requests and completion reports, and gives responses', () => {
    expect(Bootstrap.requests).toEqual([BootstrapRequest, BootstrapCompleted]);
    expect(Bootstrap.indications).toEqual([BootstrapResponse]);
  });

  it.each([0, -3, 2.5])('refuses a request for %s peers', (count) => {
    expect(() => new BootstrapRequest(count)).toThrow(RangeError);
  });
});
