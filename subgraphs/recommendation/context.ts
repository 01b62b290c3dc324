import type { Product } from '../../shared/catalog/product.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';
import { createLoaders, type RecommendationLoaders } from './loaders.js';

export interface RecommendationServices {
  products: ProductStore;
  /** The stored catalog, held in memory to rank candidates. */
  catalog: readonly Product[];
  now: () => Date;
}

export interface RecommendationContext {
  services: RecommendationServices;
  loaders: RecommendationLoaders;
}

export function createContext(services: RecommendationServices): RecommendationContext {
  return { services, loaders: createLoaders(services.products) };
}
