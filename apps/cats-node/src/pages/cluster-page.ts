import type { NodeStatus } from '../node-api.js';
import { escapeHtml, layout, scriptJson } from './html.js';

// The page draws client-side from /api/members (the member table and every key range's group)
// and /api/status (suspects), polled every two seconds: nodes are dots at their ring ids,
// and each replication group is a set of arcs over its key range, one band per replica rank.
const SCRIPT = `
const opts = JSON.parse(document.getElementById('page-options').textContent);
const NS = 'http://www.w3.org/2000/svg';
const svg = document.getElementById('ring-svg');
const C = 330, R = 190, BAND = 16;
const palette = ['#1f6feb','#d1242f','#1a7f37','#8250df','#bf8700','#0a7ea4','#cf4a00','#a40e26','#116329','#5a32a3','#953800','#0969da'];
function angle(id) { return (id / 4294967296) * 2 * Math.PI - Math.PI / 2; }
function at(id, r) { const a = angle(id); return [C + r * Math.cos(a), C + r * Math.sin(a)]; }
function el(name, attrs, parent) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}
function arc(from, to, r) {
  let span = (to - from + 4294967296) % 4294967296;
  if (span === 0) span = 4294967296;
  const end = from + span * 0.999;
  const [x1, y1] = at(from, r), [x2, y2] = at(end, r);
  return 'M' + x1.toFixed(1) + ' ' + y1.toFixed(1) + ' A' + r + ' ' + r + ' 0 ' + (span > 2147483648 ? 1 : 0) + ' 1 ' + x2.toFixed(1) + ' ' + y2.toFixed(1);
}
function draw(view, status) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const colour = new Map(view.members.map((m, i) => [m.address, palette[i % palette.length]]));
  const suspected = new Set(status ? status.suspected : []);
  el('circle', { cx: C, cy: C, r: R, fill: 'none', stroke: '#d8dde6', 'stroke-width': 2 }, svg);
  view.slices.forEach((s, i) => {
    s.members.forEach((address, rank) => {
      const p = el('path', { d: arc(s.from, s.to, R + 22 + rank * BAND), fill: 'none', stroke: colour.get(address) || '#999',
        'stroke-width': BAND - 4, 'stroke-linecap': 'butt', class: 'group-arc', 'data-slice': i, 'data-member': address, opacity: 0.8 }, svg);
      el('title', {}, p).textContent = 'slice ' + i + ' (' + s.from + ', ' + s.to + ']  replica ' + (rank + 1) + ': ' + address + '\\ngroup: ' + s.members.join(', ');
    });
    const [tx, ty] = at(s.from, R - 8);
    el('line', { x1: tx, y1: ty, x2: at(s.from, R + 20 + view.replicationDegree * BAND)[0], y2: at(s.from, R + 20 + view.replicationDegree * BAND)[1], stroke: '#eaeef2' }, svg);
  });
  for (const m of view.members) {
    const a = el('a', { href: m.url + '/' }, svg);
    const [x, y] = at(m.id, R);
    const self = status && m.address === status.node.address;
    const node = el('circle', { cx: x, cy: y, r: self ? 10 : 8, fill: colour.get(m.address), stroke: suspected.has(m.address) ? '#cf222e' : '#fff',
      'stroke-width': suspected.has(m.address) ? 4 : 2, class: 'node', 'data-address': m.address, 'data-id': m.id }, a);
    el('title', {}, node).textContent = m.address + '  id ' + m.id + (suspected.has(m.address) ? '  (suspected)' : '');
    const [lx, ly] = at(m.id, R - 34);
    const label = el('text', { x: lx, y: ly, 'text-anchor': 'middle', 'dominant-baseline': 'middle', 'font-size': 11, fill: '#1d2430', class: 'node-label' }, a);
    label.textContent = m.address;
  }
  const legend = document.getElementById('members');
  legend.innerHTML = '';
  for (const m of view.members) {
    const tr = document.createElement('tr');
    const owned = view.slices.filter((s) => s.members.includes(m.address)).length;
    tr.innerHTML = '<td><span class="swatch"></span></td><td><a class="member-link"></a></td><td class="mono"></td><td></td><td></td>';
    tr.querySelector('.swatch').style.background = colour.get(m.address);
    const link = tr.querySelector('a'); link.href = m.url + '/'; link.textContent = m.address;
    tr.children[2].textContent = m.id;
    tr.children[3].textContent = owned + ' of ' + view.slices.length + ' ranges';
    tr.children[4].textContent = suspected.has(m.address) ? 'suspected' : '';
    legend.appendChild(tr);
  }
  document.getElementById('summary').textContent = view.members.length + ' members, ' + view.slices.length + ' key ranges, replication degree ' + view.replicationDegree;
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  svg.dataset.members = String(view.members.length);
}
async function poll() {
  try {
    const [view, status] = await Promise.all([fetch('/api/members').then((r) => r.json()), fetch('/api/status').then((r) => r.ok ? r.json() : null)]);
    draw(view, status);
  } catch (e) {
    document.getElementById('updated').textContent = 'cannot reach this node: ' + e;
  }
}
poll();
setInterval(poll, opts.refreshMs);
`;

/** The cluster page: the ring drawn as a ring, every member and its replication groups, refreshed live. */
export function renderClusterPage(s: NodeStatus): string {
  const header = `<h1>CATS cluster</h1><span>as seen by <a href="/" class="mono">${escapeHtml(s.node.address)}</a></span>
${s.bootstrap ? `<a href="${escapeHtml(s.bootstrap)}/">bootstrap server</a>` : ''}<span id="updated" class="muted"></span>`;
  const body = `<main>
<section class="wide" style="text-align:center">
<h2 id="summary">loading…</h2>
<svg id="ring-svg" viewBox="0 0 660 660" width="660" height="660" role="img" aria-label="the ring"></svg>
<p class="muted">Dots are nodes at their ring ids (clockwise from the top); the coloured bands are each key range's replica group, innermost band = the range's first replica. Hover for details; click a node for its status page.</p>
</section>
<section class="wide"><h2>Members</h2>
<style>.swatch{display:inline-block;width:12px;height:12px;border-radius:6px}</style>
<table><thead><tr><th></th><th>node</th><th>id</th><th>replicates</th><th></th></tr></thead><tbody id="members"></tbody></table>
</section>
</main>
<script type="application/json" id="page-options">${scriptJson({ refreshMs: 2000 })}</script>`;
  return layout('CATS cluster', header, body, SCRIPT);
}
