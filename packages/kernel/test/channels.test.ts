import { describe, expect, it } from 'vitest';
import { type Channel, type ChannelSelector, ComponentDefinition } from '../src/index.js';
import { Note, NotePort, Pinger, PingPort, Ponger, started } from './fixtures.js';

/** Requires NotePort and records the notes delivered to it. */
class Reader extends ComponentDefinition {
  readonly notes = this.requires(NotePort);
  readonly got: string[] = [];
  constructor() {
    super();
    this.subscribe(this.notes, Note, (n) => this.got.push(`${n.to}:${n.text}`));
  }
  post(to: string, text: string): void {
    this.trigger(new Note(to, text), this.notes);
  }
}

/** Provides NotePort: echoes every note back as an indication (a tiny shared bus). */
class Bus extends ComponentDefinition {
  readonly notes = this.provides(NotePort);
  readonly relayed: string[] = [];
  constructor() {
    super();
    this.subscribe(this.notes, Note, (n) => {
      this.relayed.push(n.text);
      this.trigger(n, this.notes);
    });
  }
}

/** One key function for all: channels selected by the same function share one index. */
const recipient = (event: object): string | undefined =>
  event instanceof Note && event.to !== '*' ? event.to : undefined;

const byRecipient = (name: string): ChannelSelector => ({
  direction: 'indications',
  key: recipient,
  value: name,
});

describe('channels', () => {
  it('fans out: one provider to many requirers, each gets every indication', () => {
    class Main extends ComponentDefinition {
      readonly bus = this.create(Bus);
      readonly readers = [this.create(Reader), this.create(Reader), this.create(Reader)];
      constructor() {
        super();
        for (const r of this.readers) this.connect(this.bus.provided(NotePort), r.required(NotePort));
      }
    }
    const h = started(Main);
    h.root.readers[0]?.definition.post('x', 'hello');
    h.run();
    expect(h.root.readers.map((r) => r.definition.got)).toEqual([['x:hello'], ['x:hello'], ['x:hello']]);
  });

  it('fans in: many requirers to one provider, and replies reach every connected requirer', () => {
    class Main extends ComponentDefinition {
      readonly ponger = this.create(Ponger);
      readonly pingers = [this.create(Pinger), this.create(Pinger)];
      constructor() {
        super();
        for (const p of this.pingers) this.connect(this.ponger.provided(PingPort), p.required(PingPort));
      }
    }
    const h = started(Main);
    h.root.pingers[0]?.definition.send(1);
    h.root.pingers[1]?.definition.send(2);
    h.run();
    expect(h.root.ponger.definition.seen).toEqual([1, 2]);
    // Without a selector a provider's indications go to every requirer on its port.
    expect(h.root.pingers.map((p) => p.definition.pongs)).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('filters one direction with a selector, indexed by value; events without a key pass', () => {
    class Main extends ComponentDefinition {
      readonly bus = this.create(Bus);
      readonly alice = this.create(Reader);
      readonly bob = this.create(Reader);
      constructor() {
        super();
        this.connect(this.bus.provided(NotePort), this.alice.required(NotePort), {
          selector: byRecipient('alice'),
        });
        this.connect(this.bus.provided(NotePort), this.bob.required(NotePort), {
          selector: byRecipient('bob'),
        });
      }
    }
    const h = started(Main);
    h.root.alice.definition.post('bob', 'hi bob'); // the request direction is not filtered
    h.root.bob.definition.post('alice', 'hi alice');
    h.root.bob.definition.post('carol', 'nobody');
    h.root.bob.definition.post('*', 'everyone');
    h.run();
    expect(h.root.bus.definition.relayed).toEqual(['hi bob', 'hi alice', 'nobody', 'everyone']);
    expect(h.root.alice.definition.got).toEqual(['alice:hi alice', '*:everyone']);
    expect(h.root.bob.definition.got).toEqual(['bob:hi bob', '*:everyone']);
  });

  it('delivers to every channel of a shared selector value, and follows disconnects of either kind', () => {
    class Main extends ComponentDefinition {
      readonly bus = this.create(Bus);
      readonly team = [this.create(Reader), this.create(Reader)];
      readonly solo = this.create(Reader);
      readonly channels: Channel[];
      constructor() {
        super();
        this.channels = [
          ...this.team.map((r) =>
            this.connect(this.bus.provided(NotePort), r.required(NotePort), {
              selector: byRecipient('team'),
            }),
          ),
          this.connect(this.bus.provided(NotePort), this.solo.required(NotePort), {
            selector: byRecipient('solo'),
          }),
        ];
      }
      cut(i: number): void {
        this.disconnect(this.channels[i] as Channel);
      }
    }
    const h = started(Main);
    const got = () => [...h.root.team.map((r) => r.definition.got), h.root.solo.definition.got];
    h.root.solo.definition.post('team', '1');
    h.root.solo.definition.post('solo', '2');
    h.run();
    expect(got()).toEqual([['team:1'], ['team:1'], ['solo:2']]);
    h.root.cut(0); // the value now has one channel left
    h.root.cut(2); // and this one none
    h.root.team[1]?.definition.post('team', '3');
    h.root.team[1]?.definition.post('solo', '4');
    h.root.team[1]?.definition.post('*', '5');
    h.run();
    expect(got()).toEqual([['team:1'], ['team:1', 'team:3', '*:5'], ['solo:2']]);
  });

  it('routes by the channels connected at the time: one, two, one again, plain beside selected', () => {
    class Main extends ComponentDefinition {
      readonly bus = this.create(Bus);
      readonly first = this.create(Reader);
      readonly second = this.create(Reader);
      readonly third = this.create(Reader);
      readonly channels: Channel[] = [];
      plug(reader: Reader | undefined, selector?: ChannelSelector): Channel {
        const child = [this.first, this.second, this.third].find((c) => c.definition === reader);
        if (child === undefined) throw new Error('no such reader');
        const channel = this.connect(
          this.bus.provided(NotePort),
          child.required(NotePort),
          selector === undefined ? {} : { selector },
        );
        this.channels.push(channel);
        return channel;
      }
      cut(channel: Channel): void {
        this.disconnect(channel);
      }
    }
    const h = started(Main);
    const { first, second, third } = h.root;
    const post = (from: Reader, text: string) => {
      from.post('*', text);
      h.run();
    };
    const one = h.root.plug(first.definition);
    post(first.definition, 'a'); // one channel
    h.root.plug(second.definition);
    post(second.definition, 'b'); // two
    h.root.cut(one);
    post(second.definition, 'c'); // one again, not the first any more
    h.root.plug(third.definition, byRecipient('third'));
    second.definition.post('third', 'd'); // a plain channel beside a selected one
    h.run();
    expect([first, second, third].map((r) => r.definition.got)).toEqual([
      ['*:a', '*:b'],
      ['*:b', '*:c', 'third:d'],
      ['third:d'],
    ]);
  });

  it("selects requests into a parent's own port (its inside face) by value, as outside-face links are", () => {
    const byRecipientRequest = (name: string): ChannelSelector => ({
      direction: 'requests',
      key: recipient,
      value: name,
    });
    /** Requires NotePort and shares it with two children, each allowed to post to one recipient. */
    class Group extends ComponentDefinition {
      readonly notes = this.requires(NotePort);
      readonly toAlice = this.create(Reader);
      readonly toBob = this.create(Reader);
      constructor() {
        super();
        this.connect(this.notes, this.toAlice.required(NotePort), { selector: byRecipientRequest('alice') });
        this.connect(this.notes, this.toBob.required(NotePort), { selector: byRecipientRequest('bob') });
      }
    }
    class Main extends ComponentDefinition {
      readonly bus = this.create(Bus);
      readonly group = this.create(Group);
      constructor() {
        super();
        this.connect(this.bus.provided(NotePort), this.group.required(NotePort));
      }
    }
    const h = started(Main);
    const group = h.root.group.definition;
    group.toAlice.definition.post('alice', 'a1');
    group.toAlice.definition.post('bob', 'not allowed');
    group.toBob.definition.post('bob', 'b1');
    group.toBob.definition.post('*', 'everyone');
    h.run();
    expect(h.root.bus.definition.relayed).toEqual(['a1', 'b1', 'everyone']);
    // Indications come back down through plain delegation: both children see each.
    expect(group.toAlice.definition.got).toEqual(['alice:a1', 'bob:b1', '*:everyone']);
  });

  it('selects among a thousand channels by value', () => {
    class Main extends ComponentDefinition {
      readonly bus = this.create(Bus);
      readonly readers = Array.from({ length: 1000 }, (_, i) => {
        const r = this.createWith({ name: `r${i}` }, Reader);
        this.connect(this.bus.provided(NotePort), r.required(NotePort), { selector: byRecipient(`r${i}`) });
        return r;
      });
    }
    const h = started(Main);
    h.root.readers[0]?.definition.post('r777', 'to 777');
    h.run();
    const receivers = h.root.readers.filter((r) => r.definition.got.length > 0).map((r) => r.path);
    expect(receivers).toEqual(['/main/r777']);
  });

  it('disconnects at run time: nothing more crosses, events already queued are still handled', () => {
    class Main extends ComponentDefinition {
      readonly pinger = this.create(Pinger);
      readonly ponger = this.create(Ponger);
      channel: Channel;
      constructor() {
        super();
        this.channel = this.connect(this.ponger.provided(PingPort), this.pinger.required(PingPort));
      }
      cut(): void {
        this.disconnect(this.channel);
      }
    }
    const h = started(Main);
    h.root.pinger.definition.send(1, 2);
    h.root.cut();
    h.root.pinger.definition.send(3);
    h.run();
    expect(h.root.channel.connected).toBe(false);
    expect(h.root.ponger.definition.seen).toEqual([1, 2]);
    expect(h.root.pinger.definition.pongs).toEqual([]); // replies had no channel left
  });
});
