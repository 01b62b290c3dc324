import type { MongoClient } from 'mongodb';
import { buildCatalogSubgraph, type CatalogServiceApp } from '../../shared/catalog/service.js';
import { loadTypeDefs } from '../../shared/graphql/subgraph.js';
import type { Logger } from '../../shared/logging.js';
import { SearchCatalog } from './catalog.js';
import type { SearchConfig } from './config.js';
import { createContext } from './context.js';
import { resolvers } from './resolvers.js';

export const name = 'search';
export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export { resolvers };

export function buildApp(options: {
  config: SearchConfig;
  logger?: Logger;
  mongoClient?: MongoClient;
}): Promise<CatalogServiceApp> {
  return buildCatalogSubgraph({
    ...options,
    name,
    typeDefs,
    resolvers,
    services: (products, catalog) => ({ products, catalog: new SearchCatalog(catalog) }),
    context: createContext,
  });
}
