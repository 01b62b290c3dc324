import { randomUUID } from 'node:crypto';
import { type StreamedEvent, visitorForgotten } from '../../shared/bus/event-stream.js';
import { requireScope, requireVisitor, requireVisitorAccess } from '../../shared/auth/authorize.js';
import { badUserInput, checkLimit } from '../../shared/graphql/errors.js';
import type { ProfileContext } from './context.js';
import { DateTime } from './date-time.js';
import { limits, type TrackEventInput, visitorIdPattern } from './events.js';
import { preferencesOf } from './preferences.js';
import { type ConsentChoice, consentNotAsked, type VisitorRecord } from './store/port.js';
import { trackEvents } from './track.js';
import { startVisit } from './visit.js';

interface VisitorReference {
  id: string;
  /** Set on subscription messages: the profile as read for that very change. */
  record?: VisitorRecord | null;
}

/** The visitor's profile: the one a subscription message carries, else read (batched). */
function recordOf(visitor: VisitorReference, { loaders }: ProfileContext): Promise<VisitorRecord | null> {
  return visitor.record !== undefined ? Promise.resolve(visitor.record) : loaders.visitor.load(visitor.id);
}

/**
 * Each change of the visitor, with the profile read afresh: a subscription lives long, and a
 * per-request cache would serve every message the first one's data.
 */
function visitorUpdates(
  id: string,
  { services }: ProfileContext,
): AsyncIterableIterator<{ visitorUpdated: VisitorReference }> {
  const changes = services.changes.changesOf(id);
  return {
    next: async () => {
      const change = await changes.next();
      if (change.done === true) return { done: true, value: undefined };
      const [record] = await services.store.findVisitors([id]);
      return { done: false, value: { visitorUpdated: { id, record: record ?? null } } };
    },
    return: async () => {
      await changes.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function checkVisitorId(id: string, argument: string): string {
  if (!visitorIdPattern.test(id)) {
    throw badUserInput(`${argument} must be 4-64 letters, digits, "_" or "-"`, argument);
  }
  return id;
}

function forgetMessage(visitorId: string, now: Date): StreamedEvent {
  return {
    id: randomUUID(),
    visitorId,
    type: visitorForgotten,
    at: now.toISOString(),
    productId: null,
    sku: null,
    productIds: null,
    placement: null,
    campaignId: null,
  };
}

/** How many purchases `Visitor.purchased` lists, as its schema promises. */
const purchasedShown = 100;

/** Product references, latest time first, of products still in the catalog. */
function mostRecentFirst(
  times: Record<string, Date> | undefined,
  limit: number,
  { services }: ProfileContext,
): { id: string }[] {
  return (
    Object.entries(times ?? {})
      .sort(([, a], [, b]) => b.getTime() - a.getTime())
      // Products dropped from the feed since are left out rather than failing the list.
      .filter(([productId]) => services.catalog.has(productId))
      .slice(0, limit)
      .map(([productId]) => ({ id: productId }))
  );
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
  Subscription: {
    visitorUpdated: {
      subscribe: (_: unknown, { id }: { id: string }, context: ProfileContext) => {
        requireVisitorAccess(context.caller, checkVisitorId(id, 'id'), 'visitors:read');
        return visitorUpdates(id, context);
      },
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
      await context.services.changes.publish(visitorId);
      return updated;
    },
    track: (_: unknown, { events }: { events: TrackEventInput[] }, context: ProfileContext) =>
      trackEvents(events, context),
    forgetVisitor: async (_: unknown, { id }: { id: string }, context: ProfileContext) => {
      requireVisitorAccess(context.caller, checkVisitorId(id, 'id'), 'visitors:forget');
      const deleted = await context.services.store.forgetVisitor(id);
      context.loaders.visitor.clear(id);
      await context.services.changes.publish(id);
      // The other services drop what they hold of the visitor when this passes on the stream.
      await context.services.events.append([forgetMessage(id, context.services.now())]);
      return deleted;
    },
  },
  Visitor: {
    // Other subgraphs ask for visitors the profile may not know yet: they get an empty profile.
    // Access was checked where the visitor entered the query (visitor, me, visitors).
    __resolveReference: (reference: VisitorReference) => ({ id: reference.id }),
    preferences: async (visitor: VisitorReference, _: unknown, context: ProfileContext) =>
      preferencesOf(await recordOf(visitor, context), context.services.decay, context.services.now()),
    recentlyViewed: async (
      visitor: VisitorReference,
      { limit }: { limit: number },
      context: ProfileContext,
    ) => {
      checkLimit(limit, 'limit', 50);
      return mostRecentFirst((await recordOf(visitor, context))?.viewed, limit, context);
    },
    // No arguments: other subgraphs read it with @requires, whose field set cannot pass any.
    purchased: async (visitor: VisitorReference, _: unknown, context: ProfileContext) =>
      mostRecentFirst((await recordOf(visitor, context))?.bought, purchasedShown, context),
    lastSearch: async (visitor: VisitorReference, _: unknown, context: ProfileContext) =>
      (await recordOf(visitor, context))?.lastSearch ?? null,
    consent: async (visitor: VisitorReference, _: unknown, context: ProfileContext) =>
      (await recordOf(visitor, context))?.consent ?? consentNotAsked,
  },
};
