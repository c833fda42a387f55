import type { CheckResult } from './check.js';
import type { Model } from './model.js';
import type { Operation } from './operation.js';
import type { Violation } from './violation.js';

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** Page title (default "Linearizability report"). */
  readonly title?: string;
  /** At most this many operations are drawn per timeline, those nearest the violation (default 400). */
  readonly maxTimelineOperations?: number;
  /** At most this many entries of the longest linearizable order are listed, the last ones (default 200). */
  readonly maxOrderEntries?: number;
}

const ROW = 22;
const WIDTH = 1100;
const LEFT = 90;

/**
 * Renders a check result as one self-contained HTML page (inline CSS and JS, no external resource), for
 * opening straight from disk: per violating key a timeline with one bar per operation on its client's
 * row, the violation's operations in red, and the longest linearizable order found.
 */
export function renderHtml<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
  result: CheckResult,
  options: HtmlOptions = {},
): string {
  const title = options.title ?? 'Linearizability report';
  const sections = result.violations.map((v) => renderViolation(model, history, v, options));
  const unknown = result.parts.filter((p) => p.verdict === 'unknown').map((p) => p.key);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="summary verdict-${result.verdict}">Model <b>${escapeHtml(model.name)}</b>: <b>${escapeHtml(result.verdict)}</b>
— ${history.length} operations in ${result.parts.length} part(s), ${result.violations.length} violation(s),
${result.steps} search steps, ${result.elapsedMs.toFixed(1)} ms.</p>
${
  unknown.length > 0
    ? `<p class="unknown">Budget ran out before deciding ${unknown.length} part(s): ${unknown
        .slice(0, 20)
        .map((k) => `<code>${escapeHtml(keyLabel(k))}</code>`)
        .join(', ')}${unknown.length > 20 ? ', …' : ''}</p>`
    : ''
}
${sections.join('\n')}
<div id="tip" role="status"></div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function renderViolation<State, Input, Output>(
  model: Model<State, Input, Output>,
  history: readonly Operation<Input, Output>[],
  v: Violation,
  options: HtmlOptions,
): string {
  const inWindow = new Set(v.window);
  const inCore = new Set(v.core);
  const partOf = model.partition;
  const part = history
    .map((_, i) => i)
    .filter((i) => partOf === undefined || partOf.call(model, history[i]!.input) === v.key);
  const shown = nearest(history, part, v.window, options.maxTimelineOperations ?? 400);
  const describe = (i: number): string => {
    const op = history[i]!;
    return model.describeOperation(op.input, op.return === null ? undefined : op.output);
  };

  // Time axis over the shown operations; a pending operation runs to the right edge.
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const i of shown) {
    const op = history[i]!;
    from = Math.min(from, op.call);
    to = Math.max(to, op.return ?? op.call);
  }
  const span = Math.max(1, to - from);
  const x = (t: number): number => LEFT + ((t - from) / span) * (WIDTH - LEFT - 40);
  const clients = [...new Set(shown.map((i) => history[i]!.client))].sort((a, b) => a - b);
  const row = new Map(clients.map((c, r) => [c, r]));
  const height = clients.length * ROW + 30;

  const rows = clients
    .map((c, r) => `<text class="client" x="4" y="${r * ROW + 15}">client ${c}</text>`)
    .join('');
  const bars = shown
    .map((i) => {
      const op = history[i]!;
      const x0 = x(op.call);
      const x1 = op.return === null ? WIDTH - 10 : x(op.return);
      const cls = [
        'op',
        inWindow.has(i) ? 'violating' : '',
        inCore.has(i) ? 'core' : '',
        op.return === null ? 'pending' : '',
      ]
        .filter((c) => c !== '')
        .join(' ');
      const label = `${describe(i)}  [${op.call}, ${op.return ?? '∞'}]${op.line === undefined ? '' : ` line ${op.line}`}`;
      const y = row.get(op.client)! * ROW + 3;
      return `<rect class="${cls}" data-op="${i}" data-label="${escapeHtml(label)}" x="${x0.toFixed(1)}" y="${y}" width="${Math.max(3, x1 - x0).toFixed(1)}" height="${ROW - 6}" rx="3"><title>${escapeHtml(label)}</title></rect>`;
    })
    .join('');
  const axis = `<text class="axis" x="${LEFT}" y="${height - 6}">${from}</text><text class="axis" x="${WIDTH - 40}" y="${height - 6}" text-anchor="end">${to}</text>`;

  const maxOrder = options.maxOrderEntries ?? 200;
  const order = v.longestPrefix;
  const skipped = Math.max(0, order.length - maxOrder);
  const orderItems = order
    .slice(skipped)
    .map(
      (i) =>
        `<li>${escapeHtml(describe(i))} <span class="meta">client ${history[i]!.client}${lineOf(history[i]!)}</span></li>`,
    )
    .join('');
  const windowItems = v.window
    .map((i) => {
      const op = history[i]!;
      return `<li class="${inCore.has(i) ? 'core' : ''}">${escapeHtml(describe(i))} <span class="meta">client ${op.client}, [${op.call}, ${op.return ?? '∞'}]${lineOf(op)}${inCore.has(i) ? ', core' : ''}</span></li>`;
    })
    .join('');

  return `<section class="violation">
<h2>Violation on key <code class="key">${escapeHtml(keyLabel(v.key))}</code></h2>
<p>These ${v.window.length} operation(s) cannot be linearized together${v.minimal ? ' (the bold ones form a minimal core: with every other operation relaxed the key is still not linearizable)' : ' (explanation budget ran out: this is the frontier of the longest partial linearization)'}:</p>
<ul class="window">${windowItems}</ul>
<p class="meta">Timeline: ${shown.length} of ${part.length} operations of this key, one row per client; red bars are the violation's operations${shown.some((i) => history[i]!.return === null) ? ', dashed bars never returned' : ''}.</p>
<svg class="timeline" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="timeline of key ${escapeHtml(keyLabel(v.key))}">${rows}${bars}${axis}</svg>
<h3>Longest linearizable prefix (${order.length} operation(s))</h3>
${skipped > 0 ? `<p class="meta">… ${skipped} earlier operation(s) not listed</p>` : ''}
<ol class="order" start="${skipped + 1}">${orderItems}</ol>
</section>`;
}

/** Up to `max` operations of the part, the window first, then those closest in time to it. */
function nearest<Input, Output>(
  history: readonly Operation<Input, Output>[],
  part: readonly number[],
  window: readonly number[],
  max: number,
): number[] {
  if (part.length <= max) return [...part];
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const i of window) {
    from = Math.min(from, history[i]!.call);
    to = Math.max(to, history[i]!.return ?? history[i]!.call);
  }
  const inWindow = new Set(window);
  const distance = (i: number): number => {
    const op = history[i]!;
    const end = op.return ?? Number.POSITIVE_INFINITY;
    return end < from ? from - end : op.call > to ? op.call - to : 0;
  };
  const rest = part.filter((i) => !inWindow.has(i)).sort((a, b) => distance(a) - distance(b));
  return [...window, ...rest.slice(0, Math.max(0, max - window.length))];
}

function lineOf<Input, Output>(op: Operation<Input, Output>): string {
  return op.line === undefined ? '' : `, line ${op.line}`;
}

function keyLabel(key: string): string {
  return key === '' ? '(single register)' : key;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d2329; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 28px; } h3 { font-size: 15px; }
code { background: #f1f3f5; padding: 1px 4px; border-radius: 3px; }
.summary b { text-transform: none; }
.verdict-not-linearizable b:nth-of-type(2) { color: #c62828; }
.verdict-linearizable b:nth-of-type(2) { color: #2e7d32; }
.verdict-unknown b:nth-of-type(2), .unknown { color: #8d6e00; }
.violation { border-top: 1px solid #d0d7de; }
.timeline { display: block; border: 1px solid #d0d7de; background: #fafbfc; max-width: 100%; height: auto; }
.timeline .client, .timeline .axis { font-size: 11px; fill: #57606a; }
.op { fill: #90a4ae; stroke: #546e7a; stroke-width: 0.5; cursor: pointer; }
.op.violating { fill: #e53935; stroke: #8e0000; }
.op.core { stroke-width: 2; }
.op.pending { fill-opacity: 0.45; stroke-dasharray: 4 2; }
.op.hl { stroke: #111; stroke-width: 2.5; }
ul.window li.core { font-weight: 600; }
.meta { color: #57606a; font-size: 12px; }
ol.order { columns: 2; font-family: ui-monospace, monospace; font-size: 12px; }
#tip { position: fixed; bottom: 12px; right: 12px; background: #1d2329; color: #fff; padding: 6px 10px; border-radius: 4px; font-size: 12px; display: none; }
`;

// Hovering a bar shows its operation; kept tiny because the page must work from a file with no server.
const SCRIPT = `
(function () {
  var tip = document.getElementById('tip');
  document.querySelectorAll('rect.op').forEach(function (r) {
    r.addEventListener('mouseenter', function () { tip.textContent = r.getAttribute('data-label'); tip.style.display = 'block'; r.classList.add('hl'); });
    r.addEventListener('mouseleave', function () { tip.style.display = 'none'; r.classList.remove('hl'); });
  });
})();
`;
