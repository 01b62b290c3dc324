import type { Caller } from '../../shared/auth/caller.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';
import type { PlacementSignals } from '../../shared/reactions/signals.js';
import type { SearchCatalog } from './catalog.js';
import { createLoaders, type SearchLoaders } from './loaders.js';

export interface SearchServices {
  products: ProductStore;
  catalog: SearchCatalog;
  /** What visitors' reactions to search results taught: click-through per product. */
  signals: PlacementSignals;
}

export interface SearchContext {
  caller: Caller;
  services: SearchServices;
  loaders: SearchLoaders;
}

export function createContext(services: SearchServices, caller: Caller): SearchContext {
  return { caller, services, loaders: createLoaders(services.products) };
}
