// The example in README.md, run against a map-backed stand-in for a DHT implementation.
import { ComponentDefinition, ManualScheduler, Runtime, Start } from '@kompics/kernel';
import { expect, it } from 'vitest';
import {
  Delete,
  DeleteResponse,
  Dht,
  DhtFailure,
  type DhtValue,
  Get,
  GetResponse,
  Put,
  PutResponse,
} from '../src/index.js';

class Profile extends ComponentDefinition {
  readonly dht = this.requires(Dht);
  name: string | null = null;
  constructor() {
    super();
    this.subscribe(this.control, Start, () => this.trigger(new Put('p1', 'user:42:name', 'Ada'), this.dht));
    this.subscribe(this.dht, PutResponse, (p) => this.trigger(new Get('g1', p.key), this.dht));
    this.subscribe(this.dht, GetResponse, (g) => {
      this.name = typeof g.value === 'string' ? g.value : null;
    });
    this.subscribe(this.dht, DhtFailure, (f) => console.warn(`${f.requestId}: ${f.reason} (${f.detail})`));
  }
}

/** A one-node, in-memory stand-in for a DHT. */
class MapDht extends ComponentDefinition {
  readonly dht = this.provides(Dht);
  readonly data = new Map<string, DhtValue>();
  constructor() {
    super();
    this.subscribe(this.dht, Put, (p) => {
      this.data.set(p.key, p.value);
      this.trigger(new PutResponse(p.requestId, p.key), this.dht);
    });
    this.subscribe(this.dht, Get, (g) =>
      this.trigger(new GetResponse(g.requestId, g.key, this.data.get(g.key) ?? null), this.dht),
    );
    this.subscribe(this.dht, Delete, (d) => {
      this.data.delete(d.key);
      this.trigger(new DeleteResponse(d.requestId, d.key), this.dht);
    });
  }
}

class Main extends ComponentDefinition {
  readonly dht = this.create(MapDht);
  readonly profile = this.create(Profile);
  constructor() {
    super();
    this.connect(this.dht.provided(Dht), this.profile.required(Dht));
  }
}

it('runs the README example', () => {
  const scheduler = new ManualScheduler();
  const runtime = new Runtime({ scheduler });
  const main = runtime.bootstrap(Main);
  runtime.start();
  scheduler.runUntilIdle();
  expect(main.profile.definition.name).toBe('Ada');
});
