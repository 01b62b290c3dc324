import type { FeedConfig } from '../config/service.js';
import type { Logger } from '../logging.js';
import { readFeedSignature, watchFeedFile } from './feed-watcher.js';
import type { ProductStore } from './product-store.js';
import { type BuildServices, type CatalogReload, CatalogReloader } from './reload.js';
import { syncCatalog } from './sync.js';

/** A catalog service's catalog that follows its feed while the service runs. */
export interface LiveCatalog<TServices> {
  /** The services for a request that starts now. */
  services(): TServices;
  /** One reload now (see CatalogReloader.reload). */
  reload(): Promise<CatalogReload>;
  /** Stops watching and waits for a running reload: the store may close after this. */
  stop(): Promise<void>;
}

/**
 * Brings the store up to the feed, builds the services on it, and, unless
 * `feed.reloadIntervalMs` is 0, reloads them whenever the feed file changes.
 */
export async function openLiveCatalog<TServices>(options: {
  store: ProductStore;
  feed: FeedConfig;
  logger: Logger;
  services: BuildServices<TServices>;
}): Promise<LiveCatalog<TServices>> {
  const { store, feed, logger } = options;
  // Taken before the feed is read: a change made while start-up reads it is seen at the first poll.
  const baseline = feed.reloadIntervalMs > 0 ? await readFeedSignature(feed.path) : undefined;
  // At start-up broken rows are skipped (and logged), not refused as a reload refuses them: there
  // is no older catalog yet that could serve instead.
  const synced = await syncCatalog(store, feed, logger);
  const reloader = new CatalogReloader(options, {
    services: await options.services(store, synced.products),
    fingerprint: synced.fingerprint,
    products: synced.products.length,
  });
  const watcher =
    baseline === undefined
      ? undefined
      : watchFeedFile({
          path: feed.path,
          intervalMs: feed.reloadIntervalMs,
          baseline,
          onChange: () => reloader.reload(),
          onError: (error) =>
            logger.error(
              { err: error },
              'catalog reload failed; the old catalog keeps serving, the next poll tries again',
            ),
        });
  return {
    services: () => reloader.services,
    reload: () => reloader.reload(),
    async stop() {
      watcher?.stop();
      await reloader.stop();
    },
  };
}
