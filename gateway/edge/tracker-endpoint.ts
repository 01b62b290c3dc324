import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readBody } from '../../shared/http/server.js';
import type { GatewayConfig } from '../config.js';
import { allowShopOrigin } from './cors.js';
import { OperationFailed } from './operation.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * A `POST` endpoint the tracker calls from shop pages: CORS for the shop origins, `OPTIONS`
 * answered, other methods refused, and a failed graph operation answered with its status.
 */
export function trackerEndpoint(config: GatewayConfig, handle: Handler): Handler {
  return async (request, response) => {
    allowShopOrigin(request, response, config.trackerOrigins);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    if (request.method !== 'POST') throw new HttpError(405, 'use POST');
    try {
      await handle(request, response);
    } catch (error) {
      if (error instanceof OperationFailed) throw new HttpError(error.status, error.message);
      throw error;
    }
  };
}

/** The body as JSON (an empty body is `{}`); 400 when it is not JSON, 413 when too large. */
export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const text = await readBody(request, limitBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}
