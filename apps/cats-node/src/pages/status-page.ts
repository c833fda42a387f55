import type { GroupStatus, Member, NodeStatus } from '../node-api.js';
import { escapeHtml, layout, scriptJson } from './html.js';

/** What the status page shows beside the node's status. */
export interface StatusPageOptions {
  /** Whether `/kv` needs a bearer token (the form then asks for it). */
  readonly tokenRequired: boolean;
}

function memberLink(m: Member, cls: string): string {
  return `<a class="${cls}" data-address="${escapeHtml(m.address)}" href="${escapeHtml(m.url)}/">${escapeHtml(m.address)}</a>`;
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * This node's part in a group: it serves the view, or is a member that does not serve it yet
 * (it is still getting the range's data — worth an operator's attention if it lasts), or it only
 * knows the view (a group of other nodes: nothing wrong).
 */
function replicaBadge(g: GroupStatus, self: string): string {
  if (g.serving) return '<span class="badge ok replica-state">serving</span>';
  if (g.members.some((m) => m.address === self))
    return '<span class="badge bad replica-state" title="a member of this view without the range’s data yet">not serving</span>';
  return '<span class="badge replica-state muted" title="this node knows the view but is not one of its members">not a replica</span>';
}

/** The live part of the status page (refreshed in place by the page's script). */
export function renderStatusLive(s: NodeStatus): string {
  const neighbours = [
    `<tr><th>predecessor</th><td>${s.ring.predecessor ? memberLink(s.ring.predecessor, 'neighbour predecessor') : '<span class="muted">none yet</span>'}</td><td class="mono">${s.ring.predecessor?.id ?? ''}</td></tr>`,
    ...s.ring.successors.map(
      (m, i) =>
        `<tr><th>successor ${i + 1}</th><td>${memberLink(m, 'neighbour successor')}</td><td class="mono">${m.id}</td></tr>`,
    ),
  ];
  if (s.ring.successors.length === 0)
    neighbours.push('<tr><th>successors</th><td class="muted">none yet</td><td></td></tr>');
  const groups = s.groups.map(
    (
      g,
    ) => `<tr class="group" data-slice="${g.slice}"><td>${g.slice}</td><td class="mono">(${g.from}, ${g.to}]</td><td>${g.view ?? '<span class="muted">none</span>'}</td>
<td>${g.members.map((m) => memberLink(m, 'group-member')).join(', ')}</td><td>${replicaBadge(g, s.node.address)}</td></tr>`,
  );
  const counters = Object.entries(s.counters)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([k, v]) =>
        `<tr><th>${escapeHtml(k)}</th><td class="mono" data-counter="${escapeHtml(k)}">${v}</td></tr>`,
    );
  const suspected =
    s.suspected.length === 0
      ? '<p class="muted">none</p>'
      : `<ul>${s.suspected.map((a) => `<li class="suspected mono">${escapeHtml(a)}</li>`).join('')}</ul>`;
  return `<section id="ring">
<h2>Ring neighbourhood ${s.ring.joined ? '<span class="badge ok" id="joined">joined</span>' : '<span class="badge bad" id="joined">not joined</span>'}</h2>
<table><tr><th></th><th>node</th><th>id</th></tr>
<tr><th>this node</th><td class="mono">${escapeHtml(s.node.address)}</td><td class="mono">${s.node.id}</td></tr>
${neighbours.join('\n')}</table>
</section>
<section id="store"><h2>Store</h2>
<table><tr><th>entries</th><td class="mono" id="store-entries">${s.store.entries}</td></tr>
<tr><th>size</th><td class="mono" id="store-bytes">${bytes(s.store.bytes)}</td></tr>
<tr><th>uptime</th><td>${duration(s.node.uptimeMs)}</td></tr></table>
<h2 style="margin-top:12px">Suspected nodes</h2>${suspected}
</section>
<section id="groups" class="wide"><h2>Replication groups and views (${s.groups.length})</h2>
<table><tr><th>slice</th><th>key range</th><th>view</th><th>members</th><th></th></tr>
${groups.length === 0 ? '<tr><td colspan="5" class="muted">in no group yet</td></tr>' : groups.join('\n')}</table>
</section>
<section id="counters"><h2>Counters</h2><table>${counters.join('\n')}</table></section>`;
}

const SCRIPT = `
const opts = JSON.parse(document.getElementById('page-options').textContent);
const out = document.getElementById('kv-result');
const keyInput = document.getElementById('kv-key');
const valueInput = document.getElementById('kv-value');
const tokenInput = document.getElementById('kv-token');
function headers() {
  const h = {};
  const t = tokenInput ? tokenInput.value : '';
  if (t) h.authorization = 'Bearer ' + t;
  return h;
}
async function call(method) {
  const key = keyInput.value;
  if (key === '') { out.textContent = 'enter a key'; return; }
  const init = { method, headers: headers() };
  if (method === 'PUT') init.body = valueInput.value;
  out.textContent = method + ' ' + key + ' ...';
  try {
    const started = performance.now();
    const res = await fetch('/kv/' + encodeURIComponent(key), init);
    const ms = (performance.now() - started).toFixed(1);
    const by = res.headers.get('x-cats-node') || '?';
    if (method === 'GET' && res.status === 200) {
      const text = await res.text();
      out.dataset.outcome = 'value';
      out.textContent = text;
      out.title = 'read in ' + ms + ' ms by ' + by;
      return;
    }
    if (res.status === 204) {
      out.dataset.outcome = 'done';
      out.textContent = (method === 'PUT' ? 'stored' : 'deleted') + ' (' + ms + ' ms, coordinator ' + by + ')';
      return;
    }
    const body = await res.json().catch(() => ({ error: res.statusText }));
    out.dataset.outcome = 'error';
    out.textContent = res.status + ': ' + (body.error || res.statusText);
  } catch (e) {
    out.dataset.outcome = 'error';
    out.textContent = 'request failed: ' + e;
  }
}
document.getElementById('kv-put').addEventListener('click', (e) => { e.preventDefault(); call('PUT'); });
document.getElementById('kv-get').addEventListener('click', (e) => { e.preventDefault(); call('GET'); });
document.getElementById('kv-delete').addEventListener('click', (e) => { e.preventDefault(); call('DELETE'); });
document.getElementById('kv-form').addEventListener('submit', (e) => { e.preventDefault(); call('GET'); });
async function refresh() {
  try {
    const res = await fetch('/?live=1');
    if (res.ok) document.getElementById('live').innerHTML = await res.text();
  } catch {}
}
setInterval(refresh, opts.refreshMs);
`;

/** The status page: one node's neighbourhood, groups, store, suspects, counters, and a put/get form. */
export function renderStatusPage(s: NodeStatus, options: StatusPageOptions): string {
  const bootstrap = s.bootstrap
    ? `<a id="bootstrap-link" href="${escapeHtml(s.bootstrap)}/">bootstrap server</a>`
    : '<span class="muted">no bootstrap server</span>';
  const header = `<h1>CATS node <span class="mono">${escapeHtml(s.node.address)}</span></h1>
<span>id <span class="mono">${s.node.id}</span></span>
<a id="cluster-link" href="/cluster">cluster</a> ${bootstrap}
<a href="/api/status">/api/status</a> <a href="/api/members">/api/members</a> <a href="/metrics">/metrics</a>`;
  const token = options.tokenRequired
    ? '<input id="kv-token" type="password" placeholder="bearer token (this node requires one)" autocomplete="off">'
    : '';
  const body = `<main>
<div id="live" style="display:contents">${renderStatusLive(s)}</div>
<section id="kv" class="wide"><h2>Put and get</h2>
<form id="kv-form">
<input id="kv-key" placeholder="key" maxlength="1024" autocomplete="off">
<textarea id="kv-value" placeholder="value (for put)"></textarea>
${token}
<div class="row"><button id="kv-put" type="button">Put</button><button id="kv-get" type="submit">Get</button><button id="kv-delete" type="button" class="secondary">Delete</button></div>
<pre id="kv-result" aria-live="polite"></pre>
</form>
</section>
</main>
<script type="application/json" id="page-options">${scriptJson({ refreshMs: 3000 })}</script>`;
  return layout(`CATS node ${s.node.address}`, header, body, SCRIPT);
}
