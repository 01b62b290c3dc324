import type { MongoClient } from 'mongodb';
import type { Bus } from '../../shared/bus/bus.js';
import { buildCatalogSubgraph, type CatalogServiceApp } from '../../shared/catalog/service.js';
import { openTouchpoint } from '../../shared/catalog/touchpoint.js';
import { loadTypeDefs } from '../../shared/graphql/subgraph.js';
import type { Logger } from '../../shared/logging.js';
import { loadCampaigns } from './campaigns.js';
import type { NewsletterConfig } from './config.js';
import { createContext, type NewsletterServices } from './context.js';
import { resolvers } from './resolvers.js';

export const name = 'newsletter';
export const typeDefs = loadTypeDefs(new URL('./schema.graphql', import.meta.url));
export { resolvers };

export async function buildApp(options: {
  config: NewsletterConfig;
  logger?: Logger;
  mongoClient?: MongoClient;
  /** A bus shared with the other services of this process; else the configured one is opened. */
  bus?: Bus;
}): Promise<CatalogServiceApp> {
  // Campaigns first: a broken campaigns file should stop start-up before any import work.
  const campaigns = await loadCampaigns(options.config.campaignsFile);
  const touchpoint = await openTouchpoint({ ...options, name });
  try {
    return await buildCatalogSubgraph({
      ...options,
      logger: touchpoint.logger,
      name,
      typeDefs,
      resolvers,
      services: (products, catalog): NewsletterServices => ({
        products,
        catalog,
        campaigns,
        signals: touchpoint.signals,
        merchandiser: touchpoint.merchandiser,
        now: () => new Date(),
      }),
      context: createContext,
      onStop: touchpoint.release,
    });
  } catch (error) {
    await touchpoint.release();
    throw error;
  }
}
