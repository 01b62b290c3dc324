import type { MongoClient } from 'mongodb';
import { syncCatalogFromFeed } from '../../shared/catalog/sync.js';
import type { Bus } from '../../shared/bus/bus.js';
import { openBus } from '../../shared/bus/open.js';
import type { ProfileChanges } from '../../shared/bus/profile-changes.js';
import { loadTypeDefs } from '../../shared/graphql/subgraph.js';
import { createLogger, type Logger } from '../../shared/logging.js';
import { type ServiceApp, subgraphServer } from '../../shared/service.js';
import type { ProfileConfig } from './config.js';
import { visitorChangesOf } from './affinity.js';
import { createContext, type ProfileServices } from './context.js';
import { createEventRecorder } from './event-recorder.js';
import { ForwardDecay } from '../../shared/decay.js';
import { RateLimiter } from './rate-limit.js';
import { resolvers } from './resolvers.js';
import { sweepExpiredData } from './retention.js';
import { openProfileStore } from './store/open.js';
import type { ProfileStore } from './store/port.js';
import { Vocabulary } from './vocabulary.js';

export const name = 'profile';
export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export { resolvers };

export interface ProfileApp extends ServiceApp {
  readonly store: ProfileStore;
  readonly changes: ProfileChanges;
}

export async function buildApp(options: {
  config: ProfileConfig;
  logger?: Logger;
  /** A client the caller owns, e.g. with command monitoring on. */
  mongoClient?: MongoClient;
  /** A bus shared with the other services of this process; else the configured one is opened. */
  bus?: Bus;
}): Promise<ProfileApp> {
  const { config } = options;
  const logger = options.logger ?? createLogger(name, config.logLevel);
  const store = await openProfileStore(config, options.mongoClient);
  const bus = options.bus ?? (await openBus(config.bus, logger));
  const products = await syncCatalogFromFeed(store.products, config.feed, logger);
  const decay = new ForwardDecay(config.preferenceHalfLifeDays * 86_400_000);
  const catalog = new Map(products.map((product) => [product.id, product]));
  const services: ProfileServices = {
    config,
    store,
    decay,
    vocabulary: new Vocabulary(products),
    catalog,
    logger,
    now: () => new Date(),
    recorder: createEventRecorder(store, (events) => visitorChangesOf(events, catalog, decay)),
    startVisitLimiter: new RateLimiter(config.startVisitsPerMinute),
    changes: bus.changes,
    events: bus.events,
  };
  const stopSweeping = store.expiresByItself
    ? () => undefined
    : sweepExpiredData(store, {
        retentionDays: config.eventRetentionDays,
        everyMinutes: config.retentionSweepMinutes,
        now: services.now,
        logger,
      });
  const server = subgraphServer({
    name,
    typeDefs,
    resolvers,
    config,
    context: (caller) => createContext(services, caller),
    onStop: async () => {
      stopSweeping();
      if (options.bus === undefined) await bus.close();
      await store.close();
    },
  });
  return { ...server, store, changes: services.changes };
}
