import type { ProductStore } from '../../shared/catalog/product-store.js';
import type { SearchCatalog } from './catalog.js';
import { createLoaders, type SearchLoaders } from './loaders.js';

export interface SearchServices {
  products: ProductStore;
  catalog: SearchCatalog;
}

export interface SearchContext {
  services: SearchServices;
  loaders: SearchLoaders;
}

export function createContext(services: SearchServices): SearchContext {
  return { services, loaders: createLoaders(services.products) };
}
