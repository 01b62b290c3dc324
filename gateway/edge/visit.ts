import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { z } from 'zod';
import { HttpError, readBody, sendJson } from '../../shared/http/server.js';
import type { GatewayConfig } from '../config.js';
import { contextForCaller, type GatewayContext } from '../context.js';
import { allowShopOrigin } from './cors.js';
import { OperationFailed, runOperation } from './operation.js';

const startVisitMutation = `mutation TrackerVisit($consent: ConsentInput) {
  startVisit(consent: $consent) { visitorId token }
}`;

const visitBodySchema = z
  .object({
    consent: z
      .object({ tracking: z.boolean().optional(), newsletter: z.boolean().optional() })
      .strict()
      .optional(),
  })
  .strict();

/**
 * `POST /visit`: the tracker's `startVisit`, as a plain-text request the browser sends across
 * origins without a preflight. Answers `{ visitorId, token }`.
 */
export function visitRoute(apollo: ApolloServer<GatewayContext>, config: GatewayConfig) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    allowShopOrigin(request, response, config.trackerOrigins);
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    if (request.method !== 'POST') throw new HttpError(405, 'use POST');
    const text = await readBody(request, 4_096);
    let document: unknown = {};
    if (text.trim() !== '') {
      try {
        document = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'body is not valid JSON');
      }
    }
    const body = visitBodySchema.safeParse(document);
    if (!body.success) throw new HttpError(400, body.error.issues.map((issue) => issue.message).join('; '));
    const context = await contextForCaller(
      { kind: 'anonymous', address: request.socket.remoteAddress ?? null },
      config,
    );
    try {
      const { startVisit } = await runOperation<{ startVisit: { visitorId: string; token: string } }>(
        apollo,
        startVisitMutation,
        { consent: body.data.consent ?? null },
        context,
      );
      sendJson(response, 200, startVisit);
    } catch (error) {
      if (error instanceof OperationFailed) throw new HttpError(error.status, error.message);
      throw error;
    }
  };
}
