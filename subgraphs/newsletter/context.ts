import type { Caller } from '../../shared/auth/caller.js';
import type { Product } from '../../shared/catalog/product.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';
import type { Campaign } from './campaigns.js';

export interface NewsletterServices {
  products: ProductStore;
  /** The stored catalog, held in memory to choose products per recipient. */
  catalog: readonly Product[];
  campaigns: ReadonlyMap<string, Campaign>;
}

export interface NewsletterContext {
  caller: Caller;
  services: NewsletterServices;
}

export function createContext(services: NewsletterServices, caller: Caller): NewsletterContext {
  return { caller, services };
}
