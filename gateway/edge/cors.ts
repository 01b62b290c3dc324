import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The tracker runs on the shop's pages and posts to the gateway's origin. It sends plain-text
 * bodies, which browsers send without a preflight; `OPTIONS` is still answered for clients that
 * set headers. `origins` is a list of shop origins, or `*`.
 */
export function allowShopOrigin(
  request: IncomingMessage,
  response: ServerResponse,
  origins: readonly string[],
): void {
  const origin = request.headers.origin;
  if (origins.includes('*')) response.setHeader('access-control-allow-origin', '*');
  else if (origin !== undefined && origins.includes(origin)) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'origin');
  }
  response.setHeader('access-control-allow-methods', 'POST, OPTIONS');
  response.setHeader('access-control-allow-headers', 'authorization, content-type');
  response.setHeader('access-control-max-age', '86400');
}
