import type { FeedConfig } from '../config/service.js';
import { type LoadedFeed, loadFeed } from '../feed/load.js';
import { summarizeFeedReport } from '../feed/parse.js';
import type { Logger } from '../logging.js';
import type { Product } from './product.js';
import type { ProductStore } from './product-store.js';

export interface SyncedCatalog {
  /** The catalog as stored. */
  products: Product[];
  /** Fingerprint of the feed it came from (see load.ts). */
  fingerprint: string;
}

/**
 * Brings a service's product store up to the feed and returns the catalog as stored. An
 * unreadable feed throws (start-up stops); skipped rows are logged in one summary.
 */
export async function syncCatalog(
  store: ProductStore,
  feed: FeedConfig,
  logger: Logger,
): Promise<SyncedCatalog> {
  const loaded = await loadFeed(feed.path, { ownBrandLabel: feed.ownBrandLabel });
  const summary = summarizeFeedReport(loaded.path, loaded.report);
  if (loaded.report.skipped.length > 0) logger.warn(summary);
  else logger.debug(summary);
  return { products: await importLoadedFeed(store, loaded, logger), fingerprint: loaded.fingerprint };
}

/** `syncCatalog` for services that need only the products. */
export async function syncCatalogFromFeed(
  store: ProductStore,
  feed: FeedConfig,
  logger: Logger,
): Promise<Product[]> {
  return (await syncCatalog(store, feed, logger)).products;
}

/** Makes the store hold the loaded feed's products and returns the catalog as stored. */
export async function importLoadedFeed(
  store: ProductStore,
  loaded: LoadedFeed,
  logger: Logger,
): Promise<Product[]> {
  const imported = await store.importFeed(loaded.products, loaded.fingerprint);
  logger.debug({ imported, products: loaded.products.length }, 'catalog in step with the feed');
  return store.listAll();
}
