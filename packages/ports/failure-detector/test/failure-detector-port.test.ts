import { Address } from '@kompics/network';
import { describe, expect, it } from 'vitest';
import { FailureDetector, Restore, StartMonitoring, StopMonitoring, Suspect } from '../src/index.js';

describe('FailureDetector port', () => {
  it('takes monitoring requests and gives suspicions and restorations', () => {
    expect(FailureDetector.requests).toEqual([StartMonitoring, StopMonitoring]);
    expect(FailureDetector.indications).toEqual([Suspect, Restore]);
    const node = new Address('n', 1);
    expect(new StartMonitoring(node, 'me').node.equals(node)).toBe(true);
  });
});
