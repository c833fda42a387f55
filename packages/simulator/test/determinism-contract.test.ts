import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedFile, scanRepository, scanSource } from '../src/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the determinism contract', () => {
  it('protocol sources read time, randomness and timers only through the kernel', () => {
    const violations = scanRepository(repoRoot);
    const report = violations.map((v) => `${v.file}:${v.line}: ${v.pattern}  ${v.text}`).join('\n');
    expect(violations, `forbidden host access outside the allowed packages:\n${report}`).toEqual([]);
  });

  it('the scanner catches a planted violation and names file and line', () => {
    const planted = [
      'export function pick(peers: string[]): string {',
      '  // Date.now() in a comment is fine, and so is "Math.random()" in a string.',
      '  const i = Math.floor(Math.random() * peers.length);',
      '  setTimeout(() => {}, 10);',
      '  const when = new Date();',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture is source text with a template literal.
      '  const t = `${performance.now()}`;',
      '  const hr = process.hrtime.bigint();',
      '  setImmediate(() => {}); setInterval(() => {}, 1); void Date.now();',
      '  return peers[i] ?? String(when) + t + hr;',
      '}',
    ].join('\n');
    const found = scanSource('packages/protocols/ring-chord/src/pick.ts', planted).map(
      (v) => `${v.file}:${v.line} ${v.pattern}`,
    );
    expect(found).toEqual([
      'packages/protocols/ring-chord/src/pick.ts:3 Math.random(',
      'packages/protocols/ring-chord/src/pick.ts:4 setTimeout(',
      'packages/protocols/ring-chord/src/pick.ts:5 new Date(',
      'packages/protocols/ring-chord/src/pick.ts:6 performance.now(',
      'packages/protocols/ring-chord/src/pick.ts:7 process.hrtime',
      'packages/protocols/ring-chord/src/pick.ts:8 Date.now(',
      'packages/protocols/ring-chord/src/pick.ts:8 setInterval(',
      'packages/protocols/ring-chord/src/pick.ts:8 setImmediate(',
    ]);
  });

  it('allows exactly the packages that may touch the host', () => {
    for (const file of [
      'packages/kernel/src/sched/event-loop-scheduler.ts',
      'packages/simulator/src/real-time-timeline.ts',
      'packages/protocols/network-ws/src/index.ts',
      'packages/protocols/timer-node/src/timer.ts',
      'packages/testing/linearizability/src/cli.ts',
      'apps/cats-node/src/main.ts',
      'examples/ping/src/main.ts',
      'packages/cats/core/test/abd.test.ts',
      'packages/kernel/bench/kernel.bench.ts',
    ]) {
      expect(isAllowedFile(file), file).toBe(true);
    }
    for (const file of [
      'packages/kernel/src/runtime.ts',
      'packages/protocols/ring-chord/src/ring.ts',
      'packages/cats/core/src/abd.ts',
      'packages/ports/timer/src/timer-port.ts',
    ]) {
      expect(isAllowedFile(file), file).toBe(false);
    }
  });
});
