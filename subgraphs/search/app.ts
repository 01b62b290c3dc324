import type { MongoClient } from 'mongodb';
import type { Bus } from '../../shared/bus/bus.js';
import { buildCatalogSubgraph, type CatalogServiceApp } from '../../shared/catalog/service.js';
import { openTouchpoint } from '../../shared/catalog/touchpoint.js';
import { loadTypeDefs } from '../../shared/graphql/subgraph.js';
import type { Logger } from '../../shared/logging.js';
import { SearchCatalog } from './catalog.js';
import type { SearchConfig } from './config.js';
import { createContext, type SearchServices } from './context.js';
import { resolvers } from './resolvers.js';

export const name = 'search';
export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export { resolvers };

export async function buildApp(options: {
  config: SearchConfig;
  logger?: Logger;
  mongoClient?: MongoClient;
  /** A bus shared with the other services of this process; else the configured one is opened. */
  bus?: Bus;
}): Promise<CatalogServiceApp> {
  const touchpoint = await openTouchpoint({ ...options, name });
  try {
    return await buildCatalogSubgraph({
      ...options,
      logger: touchpoint.logger,
      name,
      typeDefs,
      resolvers,
      services: (products, catalog): SearchServices => ({
        products,
        catalog: new SearchCatalog(catalog, touchpoint.merchandiser),
        signals: touchpoint.signals,
      }),
      context: createContext,
      onStop: touchpoint.release,
    });
  } catch (error) {
    await touchpoint.release();
    throw error;
  }
}
