import type { IncomingMessage, ServerResponse } from 'node:http';
import { discardBody, escapeHtml, HttpError, type Logger, layout, sendHtml, sendJson } from '@cats/node-app';

/** A node the bootstrap server heard from recently. */
export interface LiveNode {
  /** Its peer address `host:port`. */
  readonly address: string;
  /** Its HTTP side (status page at `url/`). */
  readonly url: string;
  /** How long ago its last keep-alive arrived. */
  readonly lastSeenMsAgo: number;
}

/** `GET /api/nodes`. */
export interface NodesAnswer {
  readonly nodes: readonly LiveNode[];
}

const STYLE_TABLE = '<style>td.num{font-variant-numeric:tabular-nums}</style>';

/** The bootstrap server's page: live nodes, their last keep-alive, links to their status pages. */
export function renderNodesPage(self: string, nodes: readonly LiveNode[], evictAfterMs: number): string {
  const rows = nodes.map(
    (
      n,
    ) => `<tr class="live-node" data-address="${escapeHtml(n.address)}"><td><a href="${escapeHtml(n.url)}/">${escapeHtml(n.address)}</a></td>
<td class="num">${(n.lastSeenMsAgo / 1000).toFixed(1)} s ago</td><td><a href="${escapeHtml(n.url)}/cluster">cluster page</a></td></tr>`,
  );
  const header = `<h1>CATS bootstrap server <span class="mono">${escapeHtml(self)}</span></h1><a href="/api/nodes">/api/nodes</a>`;
  const body = `<main><section class="wide">${STYLE_TABLE}
<h2 id="count">${nodes.length} live node${nodes.length === 1 ? '' : 's'}</h2>
<table><tr><th>node (status page)</th><th>last keep-alive</th><th></th></tr>
${rows.length === 0 ? '<tr><td colspan="3" class="muted">no node has checked in</td></tr>' : rows.join('\n')}</table>
<p class="muted">A node silent for ${evictAfterMs} ms is forgotten. This page reloads every 2 s.</p>
</section></main>`;
  return layout(`CATS bootstrap ${self}`, header, body, 'setTimeout(() => location.reload(), 2000);');
}

/** The bootstrap server's HTTP side: the page at `/` and `/api/nodes`. */
export function bootstrapHttpHandler(
  self: string,
  evictAfterMs: number,
  live: () => readonly LiveNode[] | undefined,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      if (method !== 'GET') discardBody(req);
      if (path !== '/' && path !== '/api/nodes') {
        throw new HttpError(404, `no route ${method} ${path.slice(0, 200)} (routes: GET /, GET /api/nodes)`);
      }
      if (method !== 'GET')
        throw new HttpError(405, `method ${method} is not allowed (allowed: GET)`, { allow: 'GET' });
      const nodes = live();
      if (nodes === undefined) throw new HttpError(503, 'the bootstrap server is starting');
      const sorted = [...nodes].sort((a, b) => a.address.localeCompare(b.address));
      if (path === '/') sendHtml(res, renderNodesPage(self, sorted, evictAfterMs));
      else
        sendJson(res, 200, { nodes: sorted } satisfies NodesAnswer, { 'access-control-allow-origin': '*' });
    } catch (error) {
      const http = error instanceof HttpError ? error : new HttpError(500, 'internal error');
      if (http.status === 500) logger.error({ err: error, method, url: req.url }, 'request failed');
      else
        logger.warn(
          { method, url: (req.url ?? '').slice(0, 200), status: http.status, error: http.message },
          'request rejected',
        );
      sendJson(res, http.status, { error: http.message }, http.headers);
    }
  };
}
