import type { IncomingMessage } from 'node:http';

/**
 * The client's address, for rate limits only. Behind a load balancer every request comes from
 * the balancer, so when the direct peer is one of the configured proxies, the address is taken
 * from `X-Forwarded-For`: the right-most entry that is not itself a trusted proxy. Entries left
 * of it were written by the client and prove nothing.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: ReadonlySet<string>): string | null {
  const peer = normalize(request.socket.remoteAddress);
  if (peer === null || !trustedProxies.has(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => normalize(entry.trim()))
    .filter((entry): entry is string => entry !== null && entry !== '');
  for (let index = forwarded.length - 1; index >= 0; index -= 1) {
    const address = forwarded[index] as string;
    if (!trustedProxies.has(address)) return address;
  }
  return peer;
}

/** `::ffff:10.0.0.1` (IPv4 on an IPv6 socket) is `10.0.0.1`. */
function normalize(address: string | undefined): string | null {
  if (address === undefined) return null;
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
