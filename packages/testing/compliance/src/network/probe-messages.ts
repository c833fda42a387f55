import { Address, CodecError, CodecRegistry, Message, type MessageCodec } from '@kompics/network';

/**
 * Type ids the network suite uses on the wire: 65000–65009 are reserved for the compliance
 * suites, so a harness may register codecs of its own beside them.
 */
export const COMPLIANCE_TYPE_IDS = { sequenced: 65000, rich: 65001, ping: 65002, pong: 65003 } as const;

/** A numbered message of a named stream, for delivery and ordering checks. */
export class Sequenced extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly stream: string,
    readonly seq: number,
  ) {
    super(source, destination);
  }
}

/** Every kind of value a codec body may hold, to check that content survives the wire. */
export interface RichContent {
  readonly text: string;
  readonly integers: readonly number[];
  readonly floats: readonly number[];
  readonly flags: readonly boolean[];
  readonly nothing: null;
  readonly nested: readonly (readonly string[])[];
  readonly bytes: Uint8Array;
  readonly replyTo: Address;
}

/** A message whose body exercises the codec with {@link RichContent}. */
export class Rich extends Message {
  constructor(
    source: Address,
    destination: Address,
    readonly content: RichContent,
  ) {
    super(source, destination);
  }
}

/** A request a {@link NetworkProbe} answers with a {@link Pong} of the same number. */
export class Ping extends Message {
  declare private readonly brand: 'Ping';
  constructor(
    source: Address,
    destination: Address,
    readonly seq: number,
  ) {
    super(source, destination);
  }
}

/** The answer to a {@link Ping}. */
export class Pong extends Message {
  declare private readonly brand: 'Pong';
  constructor(
    source: Address,
    destination: Address,
    readonly seq: number,
  ) {
    super(source, destination);
  }
}

function fail(what: string): never {
  throw new CodecError(what);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberArray(value: unknown, what: string, integer: boolean): number[] {
  if (!Array.isArray(value)) fail(`${what} must be an array`);
  return value.map((n) => {
    if (typeof n !== 'number' || (integer && !Number.isSafeInteger(n))) fail(`${what} holds a non-number`);
    return n;
  });
}

function seqOf(body: unknown, what: string): number {
  if (!Number.isSafeInteger(body)) fail(`${what}: body must be an integer`);
  return body as number;
}

const sequencedCodec: MessageCodec<Sequenced> = {
  typeId: COMPLIANCE_TYPE_IDS.sequenced,
  messageClass: Sequenced,
  encode: (m) => [m.stream, m.seq],
  decode: (body, source, destination) => {
    if (!Array.isArray(body) || body.length !== 2) fail('Sequenced: body must be [stream, seq]');
    const [stream, seq] = body as unknown[];
    if (typeof stream !== 'string') fail('Sequenced: stream must be a string');
    return new Sequenced(source, destination, stream, seqOf(seq, 'Sequenced'));
  },
};

const richCodec: MessageCodec<Rich> = {
  typeId: COMPLIANCE_TYPE_IDS.rich,
  messageClass: Rich,
  encode: (m) => ({ ...m.content, replyTo: m.content.replyTo.key }),
  decode: (body, source, destination) => {
    if (!isRecord(body)) fail('Rich: body must be a map');
    const { text, integers, floats, flags, nothing, nested, bytes, replyTo } = body;
    if (typeof text !== 'string') fail('Rich: text must be a string');
    if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'boolean'))
      fail('Rich: flags must be booleans');
    if (nothing !== null) fail('Rich: nothing must be null');
    if (
      !Array.isArray(nested) ||
      nested.some((row) => !Array.isArray(row) || row.some((s) => typeof s !== 'string'))
    ) {
      fail('Rich: nested must be an array of string arrays');
    }
    if (!(bytes instanceof Uint8Array)) fail('Rich: bytes must be binary');
    if (typeof replyTo !== 'string') fail('Rich: replyTo must be an address');
    let replyAddress: Address;
    try {
      replyAddress = Address.parse(replyTo);
    } catch (error) {
      fail(`Rich: replyTo: ${(error as Error).message}`);
    }
    return new Rich(source, destination, {
      text,
      integers: numberArray(integers, 'Rich: integers', true),
      floats: numberArray(floats, 'Rich: floats', false),
      flags: flags as boolean[],
      nothing,
      nested: nested as string[][],
      bytes: new Uint8Array(bytes),
      replyTo: replyAddress,
    });
  },
};

const pingCodec: MessageCodec<Ping> = {
  typeId: COMPLIANCE_TYPE_IDS.ping,
  messageClass: Ping,
  encode: (m) => m.seq,
  decode: (body, source, destination) => new Ping(source, destination, seqOf(body, 'Ping')),
};

const pongCodec: MessageCodec<Pong> = {
  typeId: COMPLIANCE_TYPE_IDS.pong,
  messageClass: Pong,
  encode: (m) => m.seq,
  decode: (body, source, destination) => new Pong(source, destination, seqOf(body, 'Pong')),
};

/** Registers the suite's message codecs in `registry` (a new one by default). */
export function registerComplianceCodecs(registry: CodecRegistry = new CodecRegistry()): CodecRegistry {
  return registry.register(sequencedCodec).register(richCodec).register(pingCodec).register(pongCodec);
}
