import type { NodeStatus } from '@cats/client';

/** A value as JSON: text when it is valid UTF-8, else base64. */
export function valueJson(key: string, bytes: Uint8Array): Record<string, unknown> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  return Buffer.from(text, 'utf8').equals(buffer)
    ? { key, found: true, value: text }
    : { key, found: true, base64: buffer.toString('base64') };
}

function members(list: readonly { address: string }[]): string {
  return list.length === 0 ? '-' : list.map((m) => m.address).join(', ');
}

/** A node's status for people. */
export function formatStatus(status: NodeStatus): string {
  const serving = status.groups.filter((g) => g.serving).length;
  const counters = Object.entries(status.counters)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    `node        ${status.node.address} (id ${status.node.id}) ${status.node.url}`,
    `uptime      ${Math.round(status.node.uptimeMs / 1000)} s`,
    `ring        ${status.ring.joined ? 'joined' : 'not joined'}; predecessor ${status.ring.predecessor?.address ?? '-'}; successors ${members(status.ring.successors)}`,
    `groups      ${status.groups.length} (serving ${serving})`,
    `store       ${status.store.entries} entries, ${status.store.bytes} bytes`,
    `suspected   ${status.suspected.length === 0 ? '-' : status.suspected.join(', ')}`,
    `counters    ${counters === '' ? '-' : counters}`,
    `bootstrap   ${status.bootstrap ?? '-'}`,
    `pages       ${status.node.url}/ (status), ${status.node.url}/cluster (cluster)`,
  ].join('\n');
}
