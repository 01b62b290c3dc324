import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { HttpError } from '../../shared/http/server.js';
import type { GatewayConfig } from '../config.js';
import { contextForRequest, type GatewayContext } from '../context.js';

/**
 * Who calls an edge route: the `Authorization` header, else the credential the route also takes
 * where a client cannot set headers (`sendBeacon` bodies, ESP URLs). Nobody, or credentials that
 * do not verify, is a 401 that says how to send them.
 */
export async function authenticateEdge(
  request: IncomingMessage,
  config: GatewayConfig,
  fallback: string | undefined,
  howToSend: string,
): Promise<GatewayContext> {
  const credential =
    request.headers.authorization ??
    (fallback === undefined || fallback === '' ? undefined : `Bearer ${fallback}`);
  let context: GatewayContext;
  try {
    context = await contextForRequest(request, config, credential);
  } catch (error) {
    if (error instanceof GraphQLError) throw new HttpError(401, error.message);
    throw error;
  }
  if (context.caller.kind === 'anonymous') throw new HttpError(401, howToSend);
  return context;
}
