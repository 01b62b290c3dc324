import type { Product } from '../../shared/catalog/product.js';
import { badUserInput, checkLimit } from '../../shared/graphql/errors.js';
import { visitorChangesOf } from './affinity.js';
import type { ProfileContext } from './context.js';
import { DateTime } from './date-time.js';
import {
  EventRejected,
  limits,
  type TouchpointEvent,
  type TrackEventInput,
  validateEvent,
  visitorIdPattern,
} from './events.js';
import { preferencesOf } from './preferences.js';

interface VisitorReference {
  id: string;
}

function checkVisitorId(id: string, argument: string): string {
  if (!visitorIdPattern.test(id)) {
    throw badUserInput(`${argument} must be 4-64 letters, digits, "_" or "-"`, argument);
  }
  return id;
}

async function track(events: readonly TrackEventInput[], context: ProfileContext) {
  if (events.length > limits.eventsPerCall) {
    throw badUserInput(
      `events holds ${events.length} events, at most ${limits.eventsPerCall} are taken per call`,
      'events',
    );
  }
  const { services, loaders } = context;
  const productIds = new Set<string>();
  for (const event of events) {
    if (event.productId != null) productIds.add(event.productId);
    for (const id of event.productIds ?? []) productIds.add(id);
  }
  const found = await loaders.product.loadMany([...productIds]);
  const products = new Map<string, Product>();
  for (const product of found)
    if (product !== null && !(product instanceof Error)) products.set(product.id, product);

  const validation = {
    products,
    vocabulary: services.vocabulary,
    now: services.now(),
    maxClockSkewMs: services.config.maxClockSkewSeconds * 1_000,
    maxAgeMs: services.config.eventRetentionDays * 86_400_000,
  };
  const accepted: TouchpointEvent[] = [];
  const rejected: { index: number; reason: string }[] = [];
  events.forEach((input, index) => {
    try {
      accepted.push(validateEvent(input, validation));
    } catch (error) {
      if (!(error instanceof EventRejected)) throw error;
      rejected.push({ index, reason: error.message });
    }
  });
  await services.store.recordEvents(accepted, visitorChangesOf(accepted, products, services.decay));
  for (const visitorId of new Set(accepted.map((event) => event.visitorId))) loaders.visitor.clear(visitorId);
  return { accepted: accepted.length, rejected };
}

export const resolvers = {
  DateTime,
  Query: {
    visitor: async (_: unknown, { id }: { id: string }, { loaders }: ProfileContext) => {
      const record = await loaders.visitor.load(checkVisitorId(id, 'id'));
      return record === null ? null : { id };
    },
    visitors: async (_: unknown, { ids }: { ids: string[] }, { loaders }: ProfileContext) => {
      if (ids.length > limits.visitorsPerCall) {
        throw badUserInput(
          `ids holds ${ids.length} ids, at most ${limits.visitorsPerCall} are taken per call`,
          'ids',
        );
      }
      const records = await loaders.visitor.loadMany(ids.map((id) => checkVisitorId(id, 'ids')));
      return records.map((record, index) => {
        if (record instanceof Error) throw record;
        return record === null ? null : { id: ids[index] };
      });
    },
  },
  Mutation: {
    track: (_: unknown, { events }: { events: TrackEventInput[] }, context: ProfileContext) =>
      track(events, context),
    forgetVisitor: async (_: unknown, { id }: { id: string }, { services, loaders }: ProfileContext) => {
      const deleted = await services.store.forgetVisitor(checkVisitorId(id, 'id'));
      loaders.visitor.clear(id);
      return deleted;
    },
  },
  Visitor: {
    // Other subgraphs ask for visitors the profile may not know yet: they get an empty profile.
    __resolveReference: (reference: VisitorReference) => ({ id: reference.id }),
    preferences: async ({ id }: VisitorReference, _: unknown, { services, loaders }: ProfileContext) =>
      preferencesOf(await loaders.visitor.load(id), services.decay, services.now()),
    recentlyViewed: async (
      { id }: VisitorReference,
      { limit }: { limit: number },
      { loaders }: ProfileContext,
    ) => {
      checkLimit(limit, 'limit', 50);
      const record = await loaders.visitor.load(id);
      const newestFirst = Object.entries(record?.viewed ?? {})
        .sort(([, a], [, b]) => b.getTime() - a.getTime())
        .map(([productId]) => productId);
      // Products dropped from the feed since are left out rather than failing the list.
      const products = await loaders.product.loadMany(newestFirst);
      return products
        .filter((product): product is Product => product !== null && !(product instanceof Error))
        .slice(0, limit)
        .map((product) => ({ id: product.id }));
    },
    lastSearch: async ({ id }: VisitorReference, _: unknown, { loaders }: ProfileContext) =>
      (await loaders.visitor.load(id))?.lastSearch ?? null,
  },
};
