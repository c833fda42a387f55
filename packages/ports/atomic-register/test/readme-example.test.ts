// The example in README.md, run against a map-backed stand-in for a register implementation.
import { ComponentDefinition, ManualScheduler, Runtime, Start } from '@kompics/kernel';
import { expect, it } from 'vitest';
import {
  AtomicRegister,
  OperationFailed,
  ReadRequest,
  ReadResponse,
  type RegisterValue,
  WriteRequest,
  WriteResponse,
} from '../src/index.js';

class Greeter extends ComponentDefinition {
  readonly register = this.requires(AtomicRegister);
  greeting: string | null = null;
  constructor() {
    super();
    this.subscribe(this.control, Start, () =>
      this.trigger(new WriteRequest('w1', 'greeting', 'hello'), this.register),
    );
    this.subscribe(this.register, WriteResponse, (w) =>
      this.trigger(new ReadRequest('r1', w.key), this.register),
    );
    this.subscribe(this.register, ReadResponse, (r) => {
      this.greeting = typeof r.value === 'string' ? r.value : null;
    });
    this.subscribe(this.register, OperationFailed, (f) =>
      console.warn(`${f.requestId} failed: ${f.reason}, ${f.detail}`),
    );
  }
}

/** A one-node, in-memory stand-in for a register implementation. */
class MapRegister extends ComponentDefinition {
  readonly register = this.provides(AtomicRegister);
  readonly values = new Map<string, RegisterValue | null>();
  constructor() {
    super();
    this.subscribe(this.register, WriteRequest, (w) => {
      this.values.set(w.key, w.value);
      this.trigger(new WriteResponse(w.requestId, w.key), this.register);
    });
    this.subscribe(this.register, ReadRequest, (r) =>
      this.trigger(new ReadResponse(r.requestId, r.key, this.values.get(r.key) ?? null), this.register),
    );
  }
}

class Main extends ComponentDefinition {
  readonly register = this.create(MapRegister);
  readonly greeter = this.create(Greeter);
  constructor() {
    super();
    this.connect(this.register.provided(AtomicRegister), this.greeter.required(AtomicRegister));
  }
}

it('runs the README example', () => {
  const scheduler = new ManualScheduler();
  const runtime = new Runtime({ scheduler });
  const main = runtime.bootstrap(Main);
  runtime.start();
  scheduler.runUntilIdle();
  expect(main.greeter.definition.greeting).toBe('hello');
});
