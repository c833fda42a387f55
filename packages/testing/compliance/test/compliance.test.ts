import { Address, CodecError } from '@kompics/network';
import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_TYPE_IDS,
  Ping,
  Rich,
  realTimeDriver,
  registerComplianceCodecs,
  Sequenced,
  WaitTimeoutError,
} from '../src/index.js';

const a = new Address('10.0.0.1', 1);
const b = new Address('10.0.0.2', 2);

describe('realTimeDriver', () => {
  it('waits until a condition holds', async () => {
    const driver = realTimeDriver();
    const start = driver.now();
    let ready = false;
    setTimeout(() => {
      ready = true;
    }, 20);
    await driver.waitFor(() => ready, { what: 'the flag' });
    expect(driver.now() - start).toBeGreaterThanOrEqual(15);
  });

  it('fails a wait that times out, naming what it waited for', async () => {
    const driver = realTimeDriver();
    await expect(driver.waitFor(() => false, { timeoutMs: 20, what: 'the impossible' })).rejects.toThrow(
      WaitTimeoutError,
    );
    await expect(driver.waitFor(() => false, { timeoutMs: 20, what: 'the impossible' })).rejects.toThrow(
      /waiting for the impossible/,
    );
  });
});

describe('the network suite codecs', () => {
  const codecs = registerComplianceCodecs();
  const roundTrip = <M extends object>(message: M & { constructor: unknown }) => {
    const codec = codecs.codecFor(message as never);
    return codec.decode(codec.encode(message as never), a, b);
  };

  it('use the reserved type ids', () => {
    expect([...codecs.typeIds].sort()).toEqual(Object.values(COMPLIANCE_TYPE_IDS).sort());
  });

  it('round-trip their messages', () => {
    expect(roundTrip(new Sequenced(a, b, 's', 7))).toEqual(new Sequenced(a, b, 's', 7));
    expect(roundTrip(new Ping(a, b, 3))).toEqual(new Ping(a, b, 3));
    const content = {
      text: 't',
      integers: [1],
      floats: [0.5],
      flags: [true],
      nothing: null,
      nested: [['x']],
      bytes: new Uint8Array([1, 2]),
      replyTo: a,
    };
    expect((roundTrip(new Rich(a, b, content)) as Rich).content).toEqual(content);
  });

  it('reject bad bodies with a CodecError', () => {
    const decode = (typeId: number, body: unknown) => codecs.codecById(typeId)?.decode(body, a, b);
    expect(() => decode(COMPLIANCE_TYPE_IDS.sequenced, ['s'])).toThrow(CodecError);
    expect(() => decode(COMPLIANCE_TYPE_IDS.sequenced, [1, 2])).toThrow(/stream must be a string/);
    expect(() => decode(COMPLIANCE_TYPE_IDS.ping, 'one')).toThrow(/body must be an integer/);
    expect(() => decode(COMPLIANCE_TYPE_IDS.rich, { text: 1 })).toThrow(/text must be a string/);
    expect(() =>
      decode(COMPLIANCE_TYPE_IDS.rich, {
        text: '',
        integers: [],
        floats: [],
        flags: [],
        nothing: null,
        nested: [],
        bytes: new Uint8Array(0),
        replyTo: 'no port',
      }),
    ).toThrow(/replyTo/);
  });
});
