/**
 * Where a node listens. Addresses are values: compare them with {@link Address.equals} or by
 * {@link Address.key}, never by identity.
 */
export class Address {
  /** `host:port`, unique per address; used for maps and channel selectors. */
  readonly key: string;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    if (typeof host !== 'string' || host.length === 0)
      throw new TypeError('Address host must be a non-empty string');
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RangeError(`Address port must be an integer in 0..65535, got ${String(port)}`);
    }
    this.key = internalized(host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
  }

  /** Parses `host:port` or `[v6host]:port`. */
  static parse(text: string): Address {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(text);
    if (match === null) throw new TypeError(`not an address (want host:port): ${JSON.stringify(text)}`);
    return new Address(match[1] ?? match[2] ?? '', Number(match[3]));
  }

  equals(other: Address): boolean {
    return this.key === other.key;
  }

  toString(): string {
    return this.key;
  }
}

/**
 * `text` as the engine's one shared copy of that string: a property name comes back from
 * `Object.keys` that way. Keys are looked up in maps on every message (channel selectors, the
 * simulator's links); equal keys that are one string compare by pointer, where a key built by
 * a template literal is a rope whose every comparison calls into the engine's runtime.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0] as string;
}
