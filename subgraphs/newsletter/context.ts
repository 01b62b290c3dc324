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
  services: NewsletterServices;
}

export function createContext(services: NewsletterServices): NewsletterContext {
  return { services };
}
