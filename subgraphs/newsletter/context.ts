import type { Caller } from '../../shared/auth/caller.js';
import type { Product } from '../../shared/catalog/product.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';
import type { Merchandiser } from '../../shared/merchandising/merchandiser.js';
import { type PlacementSignals, rankingSeed } from '../../shared/reactions/signals.js';
import type { Campaign } from './campaigns.js';
import type { NewsletterSignals } from './compose.js';

export interface NewsletterServices {
  products: ProductStore;
  /** The stored catalog, held in memory to choose products per recipient. */
  catalog: readonly Product[];
  campaigns: ReadonlyMap<string, Campaign>;
  /** What newsletter readers' clicks taught, and what is trending. */
  signals: PlacementSignals;
  merchandiser: Merchandiser;
  now: () => Date;
}

export interface NewsletterContext {
  caller: Caller;
  services: NewsletterServices;
  /**
   * What is trending, read once for the request: a page of recipients then shares one reading
   * (and `rankingCatalog`'s memo of it) instead of reading every product again per recipient.
   */
  popularity: (productId: string) => number;
}

/**
 * The signals one recipient's newsletter ranks with; seeded by recipient and campaign, so that
 * the content fetched twice (the JSON, then the HTML) is the same.
 */
export function signalsFor(
  context: NewsletterContext,
  visitorId: string,
  campaignId: string,
): NewsletterSignals {
  const { services } = context;
  return {
    popularity: context.popularity,
    lift: services.signals.liftAt('NEWSLETTER', rankingSeed(visitorId, campaignId)),
    merchandiser: services.merchandiser,
  };
}

export function createContext(services: NewsletterServices, caller: Caller): NewsletterContext {
  return { caller, services, popularity: services.signals.popularity() };
}
