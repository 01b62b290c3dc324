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
}

/**
 * The signals one recipient's newsletter ranks with; seeded by recipient and campaign, so that
 * the content fetched twice (the JSON, then the HTML) is the same.
 */
export function signalsFor(
  services: NewsletterServices,
  visitorId: string,
  campaignId: string,
): NewsletterSignals {
  return {
    popularity: services.signals.popularity(),
    lift: services.signals.liftAt('NEWSLETTER', rankingSeed(visitorId, campaignId)),
    merchandiser: services.merchandiser,
  };
}

export function createContext(services: NewsletterServices, caller: Caller): NewsletterContext {
  return { caller, services };
}
