import { httpCall } from './http.js';

/** The resource figures of one node process, from its Prometheus `/metrics`. */
export interface ResourceSample {
  /** Resident set size, bytes (`process_resident_memory_bytes`). */
  readonly rssBytes: number | undefined;
  /** V8 heap in use, bytes (`nodejs_heap_size_used_bytes`). */
  readonly heapUsedBytes: number | undefined;
  /** Open file descriptors (`process_open_fds`). */
  readonly openFds: number | undefined;
  /** Active libuv handles (`nodejs_active_handles_total`). */
  readonly activeHandles: number | undefined;
}

/** The value of an unlabelled metric in Prometheus text, or undefined. */
export function metricValue(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{}`)) {
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      return Number.isFinite(value) ? value : undefined;
    }
  }
  return undefined;
}

/** Reads a node's resource figures from `<url>/metrics`. */
export async function sampleResources(url: string, ca?: Buffer): Promise<ResourceSample> {
  const answer = await httpCall(`${url}/metrics`, { timeoutMs: 5_000, ...(ca ? { ca } : {}) });
  if (answer.status !== 200) throw new Error(`GET ${url}/metrics: ${answer.status}`);
  const text = answer.body.toString('utf8');
  return {
    rssBytes: metricValue(text, 'process_resident_memory_bytes'),
    heapUsedBytes: metricValue(text, 'nodejs_heap_size_used_bytes'),
    openFds: metricValue(text, 'process_open_fds'),
    activeHandles: metricValue(text, 'nodejs_active_handles_total'),
  };
}
