import { describe, expect, it } from 'vitest';
import { Status, StatusRequest, StatusResponse } from '../src/index.js';

describe('Status port', () => {
  it('takes requests and gives responses', () => {
    expect(Status.requests).toEqual([StatusRequest]);
    expect(Status.indications).toEqual([StatusResponse]);
  });

  it('refuses a request without an id and a response without a source', () => {
    expect(() => new StatusRequest('')).toThrow(TypeError);
    expect(() => new StatusResponse('r1', '', {})).toThrow(TypeError);
    expect(new StatusResponse('r1', 'ring', { joined: true }).report).toEqual({ joined: true });
  });
});
