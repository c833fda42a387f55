// Configuration: sources and their precedence, validation messages.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNodeConfig } from '../src/config/node-config.js';

const dir = mkdtempSync(join(tmpdir(), 'cats-node-config-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
function load(argv: string[], env: Record<string, string> = {}) {
  return loadNodeConfig({ argv, env, cwd: dir });
}
const base = ['--port', '7001', '--bootstrap', 'http://127.0.0.1:7000'];

describe('node configuration', () => {
  it('fills defaults and resolves paths against the working directory', () => {
    const config = load([...base, '--data-dir', 'data/n1']);
    expect(config).toMatchObject({
      port: 7001,
      host: '127.0.0.1',
      bootstrap: 'http://127.0.0.1:7000',
      store: 'lmdb',
      dataDir: join(dir, 'data/n1'),
      replicationDegree: 3,
      slices: 16,
      consistency: 'consistent',
      logLevel: 'info',
    });
    expect(load([...base, '--store', 'memory', '--consistency', 'eventual'])?.consistency).toBe('eventual');
    expect(() => load([...base, '--store', 'memory', '--consistency', 'strong'])).toThrow(
      /--consistency must be one of consistent, eventual/,
    );
  });

  it('takes flags over environment over file over defaults', () => {
    const config = file(
      'c.json',
      JSON.stringify({
        port: 7100,
        host: '127.0.0.2',
        logLevel: 'debug',
        store: 'memory',
        bootstrap: 'http://127.0.0.1:7000',
      }),
    );
    const fromFile = load(['--config', config]);
    expect(fromFile).toMatchObject({ port: 7100, host: '127.0.0.2', logLevel: 'debug' });
    const fromEnv = load(['--config', config], { CATS_PORT: '7200', CATS_LOG_LEVEL: 'warn' });
    expect(fromEnv).toMatchObject({ port: 7200, host: '127.0.0.2', logLevel: 'warn' });
    const fromFlag = load(['--config', config, '--port=7300'], {
      CATS_PORT: '7200',
      CATS_CONFIG: '/nowhere',
    });
    expect(fromFlag).toMatchObject({ port: 7300, logLevel: 'debug' });
  });

  it('reads the cluster secret from its file and checks its length', () => {
    const good = file('secret', 'a-secret-of-twenty-bytes\n');
    expect(
      load([...base, '--store', 'memory', '--cluster-secret-file', good])?.clusterSecret?.toString(),
    ).toBe('a-secret-of-twenty-bytes');
    const short = file('short', 'tiny');
    expect(() => load([...base, '--store', 'memory', '--cluster-secret-file', short])).toThrow(
      /must be at least 16 bytes, it has 4/,
    );
  });

  it('answers --help', () => {
    expect(load(['--help'])).toBeUndefined();
  });

  it.each([
    [['--prot', '7001'], /^unknown flag --prot$/],
    [[...base, 'extra'], /unexpected argument "extra"/],
    [
      ['--port', 'seventy', '--bootstrap', 'http://x:1'],
      /--port must be a port number in 1\.\.65535, got "seventy"/,
    ],
    [['--port', '70000'], /--port must be a port number/],
    [['--port'], /--port needs a value/],
    [[...base, '--port', '7002'], /--port is given twice/],
    [['--bootstrap', 'http://127.0.0.1:7000', '--store', 'memory'], /--port is required/],
    [['--port', '7001', '--store', 'memory'], /--bootstrap <url> is required/],
    [['--port', '7001', '--bootstrap', 'ftp://x:1'], /--bootstrap must be an http:\/\/ or https:\/\/ URL/],
    [['--port', '7001', '--bootstrap', 'http://host'], /--bootstrap must name a port/],
    [base, /--data-dir is required with --store lmdb/],
    [[...base, '--store', 'disk'], /--store must be one of lmdb, memory, got "disk"/],
    [[...base, '--store', 'memory', '--log-level', 'loud'], /--log-level must be one of trace, debug/],
    [[...base, '--store', 'memory', '--tls-key', 'k.pem'], /--tls-key and --tls-cert go together/],
    [
      [...base, '--store', 'memory', '--cluster-secret-file', '/no/such/file'],
      /cannot read --cluster-secret-file/,
    ],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => load(argv)).toThrow(message);
  });

  it('rejects bad environment values naming the variable', () => {
    expect(() => load(base, { CATS_SLICES: '0' })).toThrow(
      /CATS_SLICES must be an integer in 1\.\.65536, got "0"/,
    );
  });

  it('rejects a config file that is missing, not JSON, not an object, or has unknown keys or bad values', () => {
    expect(() => load(['--config', join(dir, 'absent.json')])).toThrow(
      /cannot read config file .*absent\.json/,
    );
    expect(() => load(['--config', file('bad.json', '{"port": 7001,')])).toThrow(
      /config file .*bad\.json is not valid JSON/,
    );
    expect(() => load(['--config', file('arr.json', '[1]')])).toThrow(/must hold a JSON object of settings/);
    expect(() => load(['--config', file('unknown.json', '{"prot": 1}')])).toThrow(
      /config file .*unknown\.json: unknown key "prot" \(known keys: port, host/,
    );
    expect(() => load(['--config', file('type.json', '{"port": "x"}')])).toThrow(
      /config file .*type\.json: "port" must be a port number in 1\.\.65535, got "x"/,
    );
  });
});
