import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { mintVisitorToken } from '../../shared/auth/visitor-token.js';
import type { ProfileContext } from './context.js';
import type { ConsentChoice } from './store/port.js';

/** A new anonymous visitor: 128 random bits, nothing derived from the person or the device. */
export async function startVisit(consent: ConsentChoice, context: ProfileContext) {
  const { services, caller } = context;
  if (!services.startVisitLimiter.take(caller.address ?? 'unknown')) {
    throw new GraphQLError('too many new visits from this address: try again in a minute', {
      extensions: { code: 'RATE_LIMITED', http: { status: 429 } },
    });
  }
  const visitorId = randomBytes(16).toString('base64url');
  await services.store.startVisitor(visitorId, consent, services.now());
  const token = await mintVisitorToken(
    visitorId,
    services.config.visitorTokenSecret,
    services.config.visitorTokenLifetimeDays,
  );
  return { visitorId, token };
}
