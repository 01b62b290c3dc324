import type { FeedConfig } from '../config/service.js';
import { type LoadedFeed, loadFeed } from '../feed/load.js';
import { FeedError, type SkippedRow, summarizeFeedReport } from '../feed/parse.js';
import type { Logger } from '../logging.js';
import type { Product } from './product.js';
import type { ProductStore } from './product-store.js';
import { importLoadedFeed } from './sync.js';

/** What one reload did. `products` counts the catalog the service serves afterwards. */
export type CatalogReload =
  /** The feed changed and is valid: requests that start from now on see it. */
  | { status: 'reloaded'; products: number; skipped: [] }
  /** The feed is the one serving (same fingerprint); `skipped` lists what start-up skipped of it. */
  | { status: 'unchanged'; products: number; skipped: SkippedRow[] }
  /** The feed is not valid (`reason`, and its broken rows): the old catalog keeps serving. */
  | { status: 'rejected'; products: number; skipped: SkippedRow[]; reason: string };

export type BuildServices<TServices> = (
  products: ProductStore,
  catalog: readonly Product[],
) => TServices | Promise<TServices>;

/** The catalog a service serves, and the services built on it. */
export interface ServingCatalog<TServices> {
  services: TServices;
  /** Fingerprint of the feed it came from. */
  fingerprint: string;
  products: number;
}

/**
 * Why a changed feed may not replace a catalog that serves, or `undefined` when it may. Stricter
 * than start-up: a broken row would silently drop its product from the shop, so one is enough to
 * keep the old catalog. (A feed without any product never gets here: `loadFeed` refuses it.)
 */
function rejectionOf(loaded: LoadedFeed): string | undefined {
  const broken = loaded.report.skipped.length;
  if (broken === 0) return undefined;
  return `feed ${loaded.path} has ${broken} broken row${broken === 1 ? '' : 's'}; a catalog is reloaded only from a feed without any`;
}

/**
 * Swaps a catalog service's catalog for a changed feed: loads it, and only if it is valid imports
 * it into the store and builds the services anew. Reloads run one at a time, in call order.
 */
export class CatalogReloader<TServices> {
  private serving: ServingCatalog<TServices>;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly options: {
      store: ProductStore;
      feed: FeedConfig;
      logger: Logger;
      services: BuildServices<TServices>;
    },
    initial: ServingCatalog<TServices>,
  ) {
    this.serving = initial;
  }

  /** The services for a request that starts now; a request keeps the ones it started with. */
  get services(): TServices {
    return this.serving.services;
  }

  /**
   * Reloads once, after any reload already running. Resolves with what it did; rejects only when
   * the store or building the services fails, and then the old catalog keeps serving too.
   */
  reload(): Promise<CatalogReload> {
    if (this.stopped) return Promise.reject(new Error('the catalog service has stopped'));
    const reload = this.queue.then(() => this.reloadNow());
    this.queue = reload.catch(() => undefined);
    return reload;
  }

  /** Refuses new reloads and waits for the queued ones, so that the store can close after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue;
  }

  private async reloadNow(): Promise<CatalogReload> {
    const { store, feed, logger } = this.options;
    let loaded: LoadedFeed;
    try {
      loaded = await loadFeed(feed.path, { ownBrandLabel: feed.ownBrandLabel });
    } catch (error) {
      if (!(error instanceof FeedError)) throw error;
      return this.reject(error.message, []);
    }
    if (loaded.fingerprint === this.serving.fingerprint) {
      return { status: 'unchanged', products: this.serving.products, skipped: loaded.report.skipped };
    }
    const rejection = rejectionOf(loaded);
    if (rejection !== undefined) {
      return this.reject(rejection, loaded.report.skipped, summarizeFeedReport(loaded.path, loaded.report));
    }
    const catalog = await importLoadedFeed(store, loaded, logger);
    const services = await this.options.services(store, catalog);
    this.serving = { services, fingerprint: loaded.fingerprint, products: catalog.length };
    logger.info({ products: catalog.length }, `catalog reloaded from feed ${loaded.path}`);
    return { status: 'reloaded', products: catalog.length, skipped: [] };
  }

  private reject(reason: string, skipped: SkippedRow[], report?: string): CatalogReload {
    const kept = this.serving.products;
    this.options.logger.warn(
      [`catalog not reloaded, the old one (${kept} products) keeps serving: ${reason}`, report]
        .filter((line) => line !== undefined)
        .join('\n'),
    );
    return { status: 'rejected', products: kept, skipped, reason };
  }
}
