import type { BaseContext } from '@apollo/server';
import type { Caller } from '../auth/caller.js';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode } from 'graphql';
import type { MongoClient } from 'mongodb';
import type { FeedConfig, ServiceConfig } from '../config/service.js';
import { createLogger, type Logger } from '../logging.js';
import { type ServiceApp, subgraphServer } from '../service.js';
import { openLiveCatalog } from './live-catalog.js';
import { openProductStore } from './open.js';
import type { Product } from './product.js';
import type { ProductStore } from './product-store.js';
import type { CatalogReload } from './reload.js';

export interface CatalogServiceApp extends ServiceApp {
  readonly products: ProductStore;
  /**
   * Reads the feed now and, when it changed and is valid, serves it to the requests that start
   * afterwards; what the service also does by itself every `FEED_RELOAD_INTERVAL_MS`.
   */
  reloadCatalog(): Promise<CatalogReload>;
}

/**
 * Builds a subgraph whose data is its own view of the catalog (search, recommendation,
 * newsletter): opens its product store, brings it up to the feed, then serves, rebuilding its
 * services whenever the feed changes.
 */
export async function buildCatalogSubgraph<TServices, TContext extends BaseContext>(options: {
  name: string;
  config: ServiceConfig & { feed: FeedConfig };
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  logger?: Logger | undefined;
  mongoClient?: MongoClient | undefined;
  services: (products: ProductStore, catalog: readonly Product[]) => TServices | Promise<TServices>;
  context: (services: TServices, caller: Caller) => TContext;
  /** Stops what the service runs besides serving (a stream consumer), before its store closes. */
  onStop?: () => Promise<void>;
}): Promise<CatalogServiceApp> {
  const { name, config } = options;
  const logger = options.logger ?? createLogger(name, config.logLevel);
  const store = await openProductStore(config.storage, name, options.mongoClient);
  const catalog = await openLiveCatalog({
    store: store.products,
    feed: config.feed,
    logger,
    services: options.services,
  });
  const server = subgraphServer({
    name,
    typeDefs: options.typeDefs,
    resolvers: options.resolvers,
    config,
    context: (caller) => options.context(catalog.services(), caller),
    onStop: async () => {
      // First: a reload writes to the store, and onStop may close the connection it uses.
      await catalog.stop();
      await options.onStop?.();
      await store.close();
    },
  });
  return { ...server, products: store.products, reloadCatalog: () => catalog.reload() };
}
