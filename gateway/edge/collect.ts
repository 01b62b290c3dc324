import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { HttpError, sendJson } from '../../shared/http/server.js';
import type { GatewayConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import { type CollectBody, collectBodySchema, describeBodyProblems } from './collect-body.js';
import { authenticateEdge } from './credentials.js';
import { runOperation } from './operation.js';
import { readJsonBody, trackerEndpoint } from './tracker-endpoint.js';

const trackMutation = `mutation Collect($events: [TrackEventInput!]!) {
  track(events: $events) { accepted rejected { index reason } }
}`;
const consentMutation = `mutation CollectConsent($visitorId: ID!, $consent: ConsentInput!) {
  setConsent(visitorId: $visitorId, consent: $consent) { tracking newsletter }
}`;

interface TrackResult {
  track: { accepted: number; rejected: { index: number; reason: string }[] };
}

async function parseBody(request: IncomingMessage, limitBytes: number): Promise<CollectBody> {
  const parsed = collectBodySchema.safeParse(await readJsonBody(request, limitBytes));
  if (!parsed.success) throw new HttpError(400, describeBodyProblems(parsed.error));
  return parsed.data;
}

/**
 * `POST /collect`: a batch of events from the tracker (`navigator.sendBeacon` cannot set headers,
 * so the visitor token may travel in the body) or from a tool with an API key. Answers 204 once
 * every event is stored, 200 with the rejected ones and their reasons when some were not, and
 * 400/401/403/413 with a reason when the batch as a whole is refused.
 */
export function collectRoute(apollo: ApolloServer<GatewayContext>, config: GatewayConfig) {
  return trackerEndpoint(config, async (request, response) => {
    const body = await parseBody(request, config.collectBodyLimitBytes);
    const context = await authenticateEdge(
      request,
      config,
      body.token,
      'send the visitor token as "token" or as Authorization',
    );
    const { caller } = context;
    const ownVisitor = caller.kind === 'visitor' ? caller.visitorId : undefined;
    const events = body.events.map((event, index) => {
      const visitorId = event.visitorId ?? ownVisitor;
      if (visitorId === undefined)
        throw new HttpError(400, `events.${index}.visitorId: needed with an API key`);
      return { ...event, visitorId };
    });
    if (body.consent !== undefined) {
      if (ownVisitor === undefined)
        throw new HttpError(400, 'consent: only a visitor token records its own consent');
      await runOperation(apollo, consentMutation, { visitorId: ownVisitor, consent: body.consent }, context);
    }
    if (events.length === 0) {
      response.writeHead(204).end();
      return;
    }
    const { track } = await runOperation<TrackResult>(apollo, trackMutation, { events }, context);
    if (track.rejected.length === 0) response.writeHead(204).end();
    else sendJson(response, 200, track);
  });
}
