import type { ApolloServer } from '@apollo/server';
import { z } from 'zod';
import { HttpError, sendJson } from '../../shared/http/server.js';
import type { GatewayConfig } from '../config.js';
import { contextForCaller, type GatewayContext } from '../context.js';
import { runOperation } from './operation.js';
import { readJsonBody, trackerEndpoint } from './tracker-endpoint.js';
import { clientAddress } from '../client-address.js';

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
  return trackerEndpoint(config, async (request, response) => {
    const body = visitBodySchema.safeParse(await readJsonBody(request, 4_096));
    if (!body.success) throw new HttpError(400, body.error.issues.map((issue) => issue.message).join('; '));
    const context = await contextForCaller(
      { kind: 'anonymous', address: clientAddress(request, config.trustedProxies) },
      config,
    );
    const { startVisit } = await runOperation<{ startVisit: { visitorId: string; token: string } }>(
      apollo,
      startVisitMutation,
      { consent: body.data.consent ?? null },
      context,
    );
    sendJson(response, 200, startVisit);
  });
}
