import type { MongoClient } from 'mongodb';
import { buildCatalogSubgraph, type CatalogServiceApp } from '../../shared/catalog/service.js';
import { loadTypeDefs } from '../../shared/graphql/subgraph.js';
import type { Logger } from '../../shared/logging.js';
import { loadCampaigns } from './campaigns.js';
import type { NewsletterConfig } from './config.js';
import { createContext } from './context.js';
import { resolvers } from './resolvers.js';

export const name = 'newsletter';
export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export { resolvers };

export async function buildApp(options: {
  config: NewsletterConfig;
  logger?: Logger;
  mongoClient?: MongoClient;
}): Promise<CatalogServiceApp> {
  // Campaigns first: a broken campaigns file should stop start-up before any import work.
  const campaigns = await loadCampaigns(options.config.campaignsFile);
  return buildCatalogSubgraph({
    ...options,
    name,
    typeDefs,
    resolvers,
    services: (products, catalog) => ({ products, catalog, campaigns }),
    context: createContext,
  });
}
