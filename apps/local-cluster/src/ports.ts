import { createServer, type Server } from 'node:net';

function listen(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function close(servers: (Server | undefined)[]): Promise<void> {
  return Promise.all(servers.map((s) => new Promise<void>((r) => (s ? s.close(() => r()) : r())))).then(
    () => {},
  );
}

/**
 * `count` ports on 127.0.0.1: `base, base+1, ...` when `base` is given (an error if one is
 * taken); 0: ports the system picks; undefined: 7000.. when all are free, else as for 0.
 */
export async function choosePorts(count: number, base: number | undefined): Promise<number[]> {
  const first = base ?? 7000;
  const wanted = Array.from({ length: count }, (_, i) => first + i);
  const servers = base === 0 ? [undefined] : await Promise.all(wanted.map(listen));
  await close(servers);
  if (servers.every((s) => s !== undefined)) return wanted;
  if (base !== undefined && base !== 0) {
    const taken = wanted.filter((_, i) => servers[i] === undefined);
    throw new Error(`port(s) ${taken.join(', ')} on 127.0.0.1 are in use; choose another --port`);
  }
  const picked = await Promise.all(wanted.map(() => listen(0)));
  const ports = picked.map((s) => {
    const address = s?.address();
    if (address === null || address === undefined || typeof address === 'string')
      throw new Error('could not pick a free port');
    return address.port;
  });
  await close(picked);
  return ports;
}
