import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** An HTTP answer, body read in full. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** Options of {@link httpCall}. */
export interface HttpCallOptions {
  readonly method?: string;
  readonly body?: Uint8Array | string;
  readonly headers?: Record<string, string>;
  /** CA certificate (PEM) for `https://` URLs. */
  readonly ca?: Buffer | string;
  /** Gives up (rejects) after this many ms. Default 5 000. */
  readonly timeoutMs?: number;
}

/** One HTTP(S) request without keep-alive; rejects on connection errors and timeouts. */
export function httpCall(url: string, options: HttpCallOptions = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        timeout: options.timeoutMs ?? 5_000,
        ...(secure && options.ca !== undefined ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 5_000} ms: ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** GETs a JSON document; rejects unless the answer is 200. */
export async function getJson<T>(url: string, options: HttpCallOptions = {}): Promise<T> {
  const answer = await httpCall(url, options);
  if (answer.status !== 200)
    throw new Error(`GET ${url}: ${answer.status} ${answer.body.toString('utf8', 0, 200)}`);
  return JSON.parse(answer.body.toString('utf8')) as T;
}
