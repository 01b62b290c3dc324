import DataLoader from 'dataloader';
import type { Product } from '../../shared/catalog/product.js';
import type { ProductStore } from '../../shared/catalog/product-store.js';

export interface RecommendationLoaders {
  product: DataLoader<string, Product | null>;
}

/** One set per request: the products on the pages of 100 visitors are one store read. */
export function createLoaders(products: ProductStore): RecommendationLoaders {
  return { product: new DataLoader((ids) => products.findByIds(ids)) };
}
