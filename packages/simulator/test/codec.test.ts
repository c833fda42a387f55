import { ComponentDefinition, Start } from '@kompics/kernel';
import { type Address, CodecError, type CodecRegistry, Message, Network } from '@kompics/network';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/index.js';
import { addr, codecs } from './fixtures.js';

class Note extends Message {
  declare private readonly brand: 'Note';
  constructor(
    source: Address,
    destination: Address,
    readonly text: string,
    readonly tags: readonly string[],
  ) {
    super(source, destination);
  }
}

class Sender extends ComponentDefinition {
  readonly net = this.requires(Network);
  readonly got: Note[] = [];
  constructor(self: Address, peer: Address | undefined) {
    super();
    this.subscribe(this.control, Start, () => {
      if (peer !== undefined) this.trigger(new Note(self, peer, 'hello', ['a', 'b']), this.net);
    });
    this.subscribe(this.net, Note, (n) => this.got.push(n));
  }
}

function run(registry: CodecRegistry, codec: boolean): { sim: Simulation; got: Note[] } {
  const sim = new Simulation({ seed: 1, codecs: registry, codec, trace: 'lines' });
  sim.startNode({ name: 'a', address: addr(1), definition: Sender, args: [addr(1), addr(2)] });
  const b = sim.startNode({ name: 'b', address: addr(2), definition: Sender, args: [addr(2), undefined] });
  sim.run();
  return { sim, got: b.definition.got };
}

describe('the wire codec', () => {
  it('delivers a decoded copy and counts its size', () => {
    const registry = codecs().register({
      typeId: 10,
      messageClass: Note,
      encode: (n: Note) => [n.text, n.tags],
      decode: (body, source, destination) => {
        if (!Array.isArray(body)) throw new CodecError('want [text, tags]');
        return new Note(source, destination, String(body[0]), (body[1] as string[]).map(String));
      },
    });
    const { sim, got } = run(registry, true);
    expect(got.map((n) => [n.text, n.tags])).toEqual([['hello', ['a', 'b']]]);
    expect(sim.stats.bytes).toBeGreaterThan(5);
    const line = sim.trace?.lines.find((l) => l.includes('"event":"Note"') && l.includes('"node":"b"'));
    expect(line).toMatch(new RegExp(`"size":${sim.stats.bytes},"fp":"[0-9a-f]{8}"`));
  });

  it('shows a codec that forgets a field', () => {
    const registry = codecs().register({
      typeId: 10,
      messageClass: Note,
      encode: (n: Note) => [n.text],
      decode: (body, source, destination) => {
        if (!Array.isArray(body)) throw new CodecError('want [text, tags]');
        return new Note(source, destination, String(body[0]), body[1] as string[]);
      },
    });
    expect(run(registry, true).got[0]?.tags).toBeUndefined();
    // With the codec off the bug stays hidden.
    expect(run(registry, false).got[0]?.tags).toEqual(['a', 'b']);
  });

  it('fails the run on a message without a codec', () => {
    expect(() => run(codecs(), true)).toThrow(/Note has no registered codec/);
    expect(run(codecs(), false).got).toHaveLength(1);
  });

  it('asks for a registry unless the codec is off', () => {
    expect(() => new Simulation({ seed: 1 })).toThrow(/codecs/);
    expect(() => new Simulation({ seed: 1, codec: false })).not.toThrow();
  });
});
