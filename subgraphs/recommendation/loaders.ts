import DataLoader from 'dataloader';
import type { Product } from '../../shared/catalog/product.js';
import type { RecommendationServices } from './context.js';
import { type LearnedPairs, readPairs } from './learning/pairs.js';

export interface RecommendationLoaders {
  product: DataLoader<string, Product | null>;
  /** A product's learned pairs, read at the time of the request. */
  pairs: DataLoader<string, LearnedPairs>;
}

/** One set per request: the products on the pages of 100 visitors are one store read. */
export function createLoaders(services: RecommendationServices): RecommendationLoaders {
  const now = services.now();
  return {
    product: new DataLoader((ids) => services.products.findByIds(ids)),
    pairs: new DataLoader(async (ids) =>
      (await services.pairs.findPairs(ids)).map((stored) => readPairs(stored, services.pairDecay, now)),
    ),
  };
}
