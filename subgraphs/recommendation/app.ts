import { hostname } from 'node:os';
import type { MongoClient } from 'mongodb';
import { connectMongo, type MongoConnection } from '../../shared/mongo/client.js';
import type { Bus } from '../../shared/bus/bus.js';
import type { EventConsumer } from '../../shared/bus/event-stream.js';
import { buildCatalogSubgraph, type CatalogServiceApp } from '../../shared/catalog/service.js';
import { openTouchpoint, type Touchpoint } from '../../shared/catalog/touchpoint.js';
import { loadTypeDefs } from '../../shared/graphql/subgraph.js';
import type { Logger } from '../../shared/logging.js';
import type { RecommendationConfig } from './config.js';
import { createContext, type RecommendationServices } from './context.js';
import { ForwardDecay } from '../../shared/decay.js';
import { PairLearner } from './learning/learner.js';
import type { RecentActivity } from './learning/sessions.js';
import { resolvers } from './resolvers.js';
import { openPairStore } from './store/open.js';
import type { PairStore } from './store/port.js';

export const name = 'recommendation';
export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export { resolvers };

export interface RecommendationApp extends CatalogServiceApp {
  readonly pairs: PairStore;
  /** The visitors' recent products the learner holds (per-visitor data, see forgetVisitor). */
  readonly activity: RecentActivity;
}

export async function buildApp(options: {
  config: RecommendationConfig;
  logger?: Logger;
  mongoClient?: MongoClient;
  /** A bus shared with the other services of this process; else the configured one is opened. */
  bus?: Bus;
}): Promise<RecommendationApp> {
  const { config } = options;
  let connection: MongoConnection | undefined;
  let pairs: PairStore | undefined;
  let consumer: EventConsumer | undefined;
  let touchpoint: Touchpoint | undefined;
  // Stops only what this app started or opened.
  const release = async () => {
    await consumer?.stop();
    await touchpoint?.release();
    await pairs?.close();
    await connection?.close();
  };
  try {
    // One MongoDB connection for all stores of this service (products, pairs, reactions).
    if (config.storage.kind === 'mongodb' && options.mongoClient === undefined) {
      connection = await connectMongo(config.storage);
    }
    const mongoClient = options.mongoClient ?? connection?.client;
    const pairStore = await openPairStore(config.storage, mongoClient);
    pairs = pairStore;
    const pairDecay = new ForwardDecay(config.pairHalfLifeDays * 86_400_000);
    const opened = await openTouchpoint({ ...options, mongoClient, name });
    touchpoint = opened;
    const { bus, logger } = opened;
    const app = await buildCatalogSubgraph({
      ...options,
      mongoClient,
      logger,
      name,
      typeDefs,
      resolvers,
      services: (products, catalog): RecommendationServices => ({
        products,
        catalog,
        pairs: pairStore,
        pairDecay,
        signals: opened.signals,
        merchandiser: opened.merchandiser,
        now: () => new Date(),
      }),
      context: createContext,
      onStop: release,
    });
    const learner = new PairLearner(pairStore, pairDecay);
    // One consumer per host: a restarted instance takes up the batches it had not acknowledged.
    consumer = bus.events.consume(name, hostname(), async (events) => {
      try {
        await learner.learn(events);
      } catch (error) {
        logger.error({ error, events: events.length }, 'learned pairs not stored; kept for the next batch');
        throw error;
      }
    });
    return { ...app, pairs: pairStore, activity: learner.activity };
  } catch (error) {
    await release();
    throw error;
  }
}
