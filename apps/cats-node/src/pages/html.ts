/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Serializes data for an inline `<script>`: JSON that cannot close the script element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

const STYLE = `
:root { color-scheme: light; --fg: #1d2430; --muted: #5b6577; --line: #d8dde6; --accent: #1f6feb; --ok: #1a7f37; --bad: #cf222e; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; background: #f6f8fa; }
header { background: #0d1b2a; color: #fff; padding: 12px 24px; display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 18px; margin: 0; }
header a { color: #9ecbff; }
main { padding: 16px 24px; display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 15px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12.5px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
.ok { background: var(--ok); } .bad { background: var(--bad); } .muted { color: var(--muted); }
.badge.muted { border: 1px solid var(--line); font-weight: 500; }
form { display: grid; gap: 8px; }
input, textarea, button { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
textarea { min-height: 60px; font-family: ui-monospace, monospace; }
button { background: var(--accent); color: #fff; border: 0; cursor: pointer; }
button.secondary { background: #6e7781; }
.row { display: flex; gap: 8px; flex-wrap: wrap; }
pre#kv-result { background: #f6f8fa; padding: 8px; border-radius: 6px; min-height: 2.5em; white-space: pre-wrap; word-break: break-all; margin: 0; }
`;

/** A complete, self-contained page: inline style and script, nothing fetched from elsewhere. */
export function layout(title: string, header: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>${header}</header>
${body}
${script === '' ? '' : `<script>${script}</script>`}
</body>
</html>
`;
}
