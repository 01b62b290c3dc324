import { requireScope, requireVisitor, requireVisitorAccess } from '../../shared/auth/authorize.js';
import { badUserInput, checkLimit } from '../../shared/graphql/errors.js';
import type { ProfileContext } from './context.js';
import { DateTime } from './date-time.js';
import { limits, type TrackEventInput, visitorIdPattern } from './events.js';
import { preferencesOf } from './preferences.js';
import { type ConsentChoice, consentNotAsked } from './store/port.js';
import { trackEvents } from './track.js';
import { startVisit } from './visit.js';

interface VisitorReference {
  id: string;
}

function checkVisitorId(id: string, argument: string): string {
  if (!visitorIdPattern.test(id)) {
    throw badUserInput(`${argument} must be 4-64 letters, digits, "_" or "-"`, argument);
  }
  return id;
}

async function knownVisitor(id: string, { loaders }: ProfileContext): Promise<VisitorReference | null> {
  return (await loaders.visitor.load(id)) === null ? null : { id };
}

export const resolvers = {
  DateTime,
  Query: {
    visitor: (_: unknown, { id }: { id: string }, context: ProfileContext) => {
      requireVisitorAccess(context.caller, checkVisitorId(id, 'id'), 'visitors:read');
      return knownVisitor(id, context);
    },
    me: (_: unknown, __: unknown, context: ProfileContext) =>
      knownVisitor(requireVisitor(context.caller), context),
    visitors: async (_: unknown, { ids }: { ids: string[] }, context: ProfileContext) => {
      requireScope(context.caller, 'visitors:read');
      if (ids.length > limits.visitorsPerCall) {
        throw badUserInput(
          `ids holds ${ids.length} ids, at most ${limits.visitorsPerCall} are taken per call`,
          'ids',
        );
      }
      const records = await context.loaders.visitor.loadMany(ids.map((id) => checkVisitorId(id, 'ids')));
      return records.map((record, index) => {
        if (record instanceof Error) throw record;
        return record === null ? null : { id: ids[index] };
      });
    },
  },
  Mutation: {
    startVisit: (_: unknown, { consent }: { consent?: ConsentChoice | null }, context: ProfileContext) =>
      startVisit(consent ?? {}, context),
    setConsent: async (
      _: unknown,
      { visitorId, consent }: { visitorId: string; consent: ConsentChoice },
      context: ProfileContext,
    ) => {
      requireVisitorAccess(context.caller, checkVisitorId(visitorId, 'visitorId'), 'events:write');
      const updated = await context.services.store.setConsent(visitorId, consent, context.services.now());
      context.loaders.visitor.clear(visitorId);
      return updated;
    },
    track: (_: unknown, { events }: { events: TrackEventInput[] }, context: ProfileContext) =>
      trackEvents(events, context),
    forgetVisitor: async (_: unknown, { id }: { id: string }, context: ProfileContext) => {
      requireVisitorAccess(context.caller, checkVisitorId(id, 'id'), 'visitors:forget');
      const deleted = await context.services.store.forgetVisitor(id);
      context.loaders.visitor.clear(id);
      return deleted;
    },
  },
  Visitor: {
    // Other subgraphs ask for visitors the profile may not know yet: they get an empty profile.
    // Access was checked where the visitor entered the query (visitor, me, visitors).
    __resolveReference: (reference: VisitorReference) => ({ id: reference.id }),
    preferences: async ({ id }: VisitorReference, _: unknown, { services, loaders }: ProfileContext) =>
      preferencesOf(await loaders.visitor.load(id), services.decay, services.now()),
    recentlyViewed: async (
      { id }: VisitorReference,
      { limit }: { limit: number },
      context: ProfileContext,
    ) => {
      checkLimit(limit, 'limit', 50);
      const record = await context.loaders.visitor.load(id);
      return (
        Object.entries(record?.viewed ?? {})
          .sort(([, a], [, b]) => b.getTime() - a.getTime())
          // Products dropped from the feed since are left out rather than failing the list.
          .filter(([productId]) => context.services.catalog.has(productId))
          .slice(0, limit)
          .map(([productId]) => ({ id: productId }))
      );
    },
    lastSearch: async ({ id }: VisitorReference, _: unknown, { loaders }: ProfileContext) =>
      (await loaders.visitor.load(id))?.lastSearch ?? null,
    consent: async ({ id }: VisitorReference, _: unknown, { loaders }: ProfileContext) =>
      (await loaders.visitor.load(id))?.consent ?? consentNotAsked,
  },
};
