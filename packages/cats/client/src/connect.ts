import { CatsClient } from './cats-client.js';
import { CatsClientError } from './client-error.js';
import { type CatsSeeds, type ConnectOptions, resolveOptions } from './options.js';

/**
 * Connects to a CATS cluster through its bootstrap server (`{ bootstrap: url }`) or any of its
 * nodes (`{ nodes: [url, ...] }`): learns the member table and returns a {@link CatsClient}.
 *
 * @throws TypeError/RangeError for bad seeds or options.
 * @throws CatsClientError with code `no-nodes` when no node answered (its message names a TLS
 *   certificate problem when that is why, see `ca` in {@link ConnectOptions}), `rejected` when
 *   they refused the token.
 */
export async function connect(seeds: CatsSeeds, options: ConnectOptions = {}): Promise<CatsClient> {
  const client = new CatsClient(resolveOptions(seeds, options));
  if (!(await client.refresh())) {
    client.close();
    if (client.refusal !== undefined) throw new CatsClientError('rejected', client.refusal);
    const where =
      'bootstrap' in seeds ? `bootstrap server ${seeds.bootstrap}` : `nodes ${seeds.nodes.join(', ')}`;
    const tls = client.tlsFailure === undefined ? '' : `; ${client.tlsFailure}`;
    throw new CatsClientError('no-nodes', `no CATS node answered (asked ${where})${tls}`);
  }
  return client;
}
