import { Address } from '@kompics/network';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkHarness, NetworkSuiteOptions } from './network-harness.js';
import type { NetworkProbe } from './network-probe.js';
import { Ping, Pong, Rich, type RichContent, registerComplianceCodecs, Sequenced } from './probe-messages.js';

/** A comparable view of a message's content (bytes as arrays, addresses as keys). */
function richView(content: RichContent): unknown {
  return { ...content, bytes: [...content.bytes], replyTo: content.replyTo.key };
}

function sequenced(from: NetworkProbe, to: Address, stream: string, count: number, first = 0): Sequenced[] {
  return Array.from({ length: count }, (_, i) => new Sequenced(from.self, to, stream, first + i));
}

function seqsOf(probe: NetworkProbe, stream: string): number[] {
  return probe
    .receivedOf(Sequenced)
    .filter((m) => m.stream === stream)
    .map((m) => m.seq);
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/**
 * Registers the Network port's compliance tests (vitest `describe`/`it`) for one implementation.
 * Call it at the top level of a test file:
 *
 * @example
 * networkComplianceSuite({ name: '@kompics/network-ws', setup: async ({ codecs }) => makeHarness(codecs), teardown: (h) => h.close() });
 */
export function networkComplianceSuite<H extends NetworkHarness>(options: NetworkSuiteOptions<H>): void {
  const timeoutMs = options.waitTimeoutMs ?? 20_000;
  const quietMs = options.quietMs ?? 200;

  describe(`Network compliance: ${options.name}`, () => {
    let harness: H | undefined;
    const h = (): H => {
      if (harness === undefined) throw new Error('the harness was not set up');
      return harness;
    };
    const waitFor = (what: string, predicate: () => boolean) => h().waitFor(predicate, { timeoutMs, what });

    beforeEach(async () => {
      harness = await options.setup({ codecs: registerComplianceCodecs() });
    });
    afterEach(async () => {
      const done = harness;
      harness = undefined;
      if (done !== undefined) {
        await options.teardown(done);
        expect(done.faults.map((f) => f.message)).toEqual([]);
      }
    });

    it('delivers each message to its destination only', async () => {
      const [a, b, c] = [await h().addNode(), await h().addNode(), await h().addNode()];
      a.send(...sequenced(a, b.self, 'a->b', 10), ...sequenced(a, c.self, 'a->c', 10));
      c.send(...sequenced(c, b.self, 'c->b', 10));
      await waitFor(
        'b and c to receive their messages',
        () => b.received.length >= 20 && c.received.length >= 10,
      );
      await h().sleep(quietMs);
      expect(a.received).toEqual([]);
      expect(b.received).toHaveLength(20);
      expect(c.received).toHaveLength(10);
      for (const [probe, sources] of [
        [b, [a.self.key, c.self.key]],
        [c, [a.self.key]],
      ] as const) {
        for (const message of probe.received) {
          expect(message.destination.key).toBe(probe.self.key);
          expect(sources).toContain(message.source.key);
        }
      }
      expect(seqsOf(b, 'a->b')).toEqual(range(10));
      expect(seqsOf(b, 'c->b')).toEqual(range(10));
      expect(seqsOf(c, 'a->c')).toEqual(range(10));
    });

    it('keeps the messages of one stream in the order sent, in both directions at once', async () => {
      const [a, b] = [await h().addNode(), await h().addNode()];
      const bursts = 20;
      const perBurst = 100;
      for (let burst = 0; burst < bursts; burst++) {
        a.send(...sequenced(a, b.self, 'a->b', perBurst, burst * perBurst));
        b.send(...sequenced(b, a.self, 'b->a', perBurst / 2, (burst * perBurst) / 2));
        // Some bursts in one turn, others spread over time.
        if (burst % 3 === 0) await h().sleep(1);
      }
      const total = bursts * perBurst;
      await waitFor(
        'both streams to arrive',
        () => b.received.length >= total && a.received.length >= total / 2,
      );
      expect(seqsOf(b, 'a->b')).toEqual(range(total));
      expect(seqsOf(a, 'b->a')).toEqual(range(total / 2));
    });

    it('round-trips message content through the codec', async () => {
      const [a, b] = [await h().addNode(), await h().addNode()];
      const contents: RichContent[] = [
        {
          text: 'plain',
          integers: [
            0,
            1,
            -1,
            127,
            128,
            255,
            256,
            65_535,
            65_536,
            -2_147_483_648,
            2 ** 32,
            2 ** 53 - 1,
            -(2 ** 53 - 1),
          ],
          floats: [0.5, -0.1, Math.PI, 1e-300, 1.7976931348623157e308],
          flags: [true, false],
          nothing: null,
          nested: [[], ['a'], ['b', 'c']],
          bytes: new Uint8Array([0, 1, 2, 253, 254, 255]),
          replyTo: a.self,
        },
        {
          text: 'ünïcødé ✓ 日本語 🚀 \u0000 nul and "quotes" \\ back',
          integers: [],
          floats: [],
          flags: [],
          nothing: null,
          nested: [['x'.repeat(70_000)]],
          bytes: new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff),
          replyTo: new Address('::1', 65_535),
        },
        {
          text: '',
          integers: [42],
          floats: [-0.25],
          flags: [false],
          nothing: null,
          nested: [],
          bytes: new Uint8Array(0),
          replyTo: new Address('node-7.example', 1),
        },
      ];
      a.send(...contents.map((content) => new Rich(a.self, b.self, content)));
      await waitFor('the rich messages', () => b.received.length >= contents.length);
      const got = b.receivedOf(Rich);
      expect(got.map((m) => richView(m.content))).toEqual(contents.map(richView));
      for (const message of got) {
        expect(message).toBeInstanceOf(Rich);
        expect(message.source.key).toBe(a.self.key);
        expect(message.destination.key).toBe(b.self.key);
      }
    });

    it('answers requests: request/response in both directions', async () => {
      const [a, b] = [await h().addNode(), await h().addNode()];
      a.send(...range(50).map((seq) => new Ping(a.self, b.self, seq)));
      b.send(...range(50).map((seq) => new Ping(b.self, a.self, 1000 + seq)));
      await waitFor('the answers', () => a.receivedOf(Pong).length >= 50 && b.receivedOf(Pong).length >= 50);
      expect(a.receivedOf(Pong).map((p) => p.seq)).toEqual(range(50));
      expect(b.receivedOf(Pong).map((p) => p.seq)).toEqual(range(50).map((s) => 1000 + s));
    });

    it('survives messages to an unknown destination and keeps serving the others', async () => {
      const [a, b] = [await h().addNode(), await h().addNode()];
      const nowhere = await h().unusedAddress();
      a.send(...sequenced(a, nowhere, 'lost', 20));
      a.send(...sequenced(a, b.self, 'a->b', 5));
      await h().sleep(quietMs);
      a.send(...sequenced(a, nowhere, 'lost', 20, 20), ...sequenced(a, b.self, 'a->b', 5, 5));
      await waitFor('the messages to b', () => b.received.length >= 10);
      expect(seqsOf(b, 'a->b')).toEqual(range(10));
      expect(seqsOf(b, 'lost')).toEqual([]);
    });

    it('delivers a message a node sends to its own address', async () => {
      const a = await h().addNode();
      a.send(...sequenced(a, a.self, 'self', 3));
      await waitFor('the messages to self', () => a.received.length >= 3);
      expect(seqsOf(a, 'self')).toEqual(range(3));
    });
  });
}
